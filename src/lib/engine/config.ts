/**
 * Engine configuration: the `cfg.json` of the CLI contract (DESIGN.md §4). Ranges, defaults
 * and docs live in the parameter schema (params/schema.ts); this file adds the one rule
 * across fields.
 */
import { parseParams } from '../params/check';
import { InputError } from '../params/input-error';
import { ALLOCATORS, CONFIG_PARAMS, defaultsOf, PREEMPTION_MODES, SEMANTICS } from '../params/schema';

export { ALLOCATORS, PREEMPTION_MODES, SEMANTICS, InputError };
export type PreemptionMode = (typeof PREEMPTION_MODES)[number];
export type AllocatorKind = (typeof ALLOCATORS)[number];
export type Semantics = (typeof SEMANTICS)[number];

export interface EngineConfig {
	/** Token slots per block. */
	blockSize: number;
	numGpuBlocks: number;
	/** Swap space; 0 disables swapping (swap preemption then falls back to recompute). */
	numCpuBlocks: number;
	/** Most sequences (not groups) running at once. */
	maxNumSeqs: number;
	/** Token budget of one step. */
	maxNumBatchedTokens: number;
	maxModelLen: number;
	enablePrefixCaching: boolean;
	enableChunkedPrefill: boolean;
	/** With chunked prefill: most prompt tokens one request may compute in one step (0 = no cap). */
	longPrefillTokenThreshold: number;
	preemptionMode: PreemptionMode;
	/** V0 admission watermark, a fraction of the GPU pool kept free when admitting. */
	watermark: number;
	allocator: AllocatorKind;
	/** The paper's engine or vLLM V1's rules (docs/semantics.md). */
	semantics: Semantics;
	seed: number;
}

// Every field has a schema entry, and the entry's kind fits the field's type.
CONFIG_PARAMS satisfies Record<keyof EngineConfig, unknown>;

export const DEFAULT_CONFIG: Readonly<EngineConfig> = Object.freeze(defaultsOf(CONFIG_PARAMS) satisfies EngineConfig);

/** Validate a partial config (every key optional) and fill in defaults. Throws InputError naming the field. */
export function parseConfig(raw: unknown, source = 'config'): EngineConfig {
	const out = parseParams<EngineConfig>(raw, CONFIG_PARAMS, DEFAULT_CONFIG, source);
	if (!out.enableChunkedPrefill && out.maxNumBatchedTokens < out.maxModelLen - 1)
		throw new InputError(
			source,
			'maxNumBatchedTokens',
			`must be ≥ maxModelLen - 1 (${out.maxModelLen - 1}) without chunked prefill, or a long prompt could never be scheduled`
		);
	if (out.semantics === 'v1') {
		// vLLM V1 removed swap space and --preemption-mode (vLLM issue #18115): it preempts by recompute only.
		if (out.preemptionMode !== 'recompute')
			throw new InputError(
				source,
				'preemptionMode',
				`must be recompute under semantics "v1": vLLM V1 preempts by recompute only (swap was removed, vLLM #18115); use semantics "paper" to swap`
			);
		if (out.numCpuBlocks > 0)
			throw new InputError(
				source,
				'numCpuBlocks',
				`must be 0 under semantics "v1": vLLM V1 has no swap space (CPU memory is reached through KV offloading connectors instead)`
			);
		if (out.allocator !== 'paged')
			throw new InputError(source, 'allocator', 'must be paged under semantics "v1" (the Orca baselines are the paper’s)');
	}
	return out;
}

/**
 * Blocks admission keeps free: vLLM V0's watermark (`block_manager.py` `can_allocate`). vLLM
 * V1's scheduler has none: a waiting request is admitted whenever its blocks fit.
 */
export function watermarkBlocks(config: EngineConfig): number {
	return config.semantics === 'v1' ? 0 : Math.ceil(config.watermark * config.numGpuBlocks);
}
