/** Engine configuration: the `cfg.json` of the CLI contract (DESIGN.md §4). */

export type PreemptionMode = 'recompute' | 'swap' | 'auto';
export type AllocatorKind = 'paged' | 'orca-max' | 'orca-pow2' | 'orca-oracle';
export const ALLOCATORS: readonly AllocatorKind[] = ['paged', 'orca-max', 'orca-pow2', 'orca-oracle'];
export const PREEMPTION_MODES: readonly PreemptionMode[] = ['recompute', 'swap', 'auto'];

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
	seed: number;
}

export const DEFAULT_CONFIG: Readonly<EngineConfig> = Object.freeze({
	blockSize: 16,
	numGpuBlocks: 64,
	numCpuBlocks: 0,
	maxNumSeqs: 16,
	maxNumBatchedTokens: 1024,
	maxModelLen: 1024,
	enablePrefixCaching: true,
	enableChunkedPrefill: false,
	longPrefillTokenThreshold: 0,
	preemptionMode: 'recompute',
	watermark: 0,
	allocator: 'paged',
	seed: 0
});

export class InputError extends Error {
	constructor(
		readonly source: string,
		readonly field: string,
		message: string,
		readonly line?: number
	) {
		super(`${source}${line !== undefined ? `:${line}` : ''}: ${field}: ${message}`);
		this.name = 'InputError';
	}
}

type Check = (v: unknown) => string | null;
const int = (min: number): Check => (v) =>
	typeof v !== 'number' || !Number.isInteger(v) ? 'must be an integer' : v < min ? `must be ≥ ${min}` : null;
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const oneOf = (xs: readonly string[]): Check => (v) =>
	typeof v === 'string' && xs.includes(v) ? null : `must be one of ${xs.join(', ')}`;
const fraction: Check = (v) =>
	typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v >= 1 ? 'must be a number in [0, 1)' : null;

const CHECKS: Record<keyof EngineConfig, Check> = {
	blockSize: int(1),
	numGpuBlocks: int(1),
	numCpuBlocks: int(0),
	maxNumSeqs: int(1),
	maxNumBatchedTokens: int(1),
	maxModelLen: int(2),
	enablePrefixCaching: bool,
	enableChunkedPrefill: bool,
	longPrefillTokenThreshold: int(0),
	preemptionMode: oneOf(PREEMPTION_MODES),
	watermark: fraction,
	allocator: oneOf(ALLOCATORS),
	seed: int(0)
};

/** Validate a partial config (every key optional) and fill in defaults. Throws InputError naming the field. */
export function parseConfig(raw: unknown, source = 'config'): EngineConfig {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
		throw new InputError(source, '(root)', 'must be a JSON object');
	const out: EngineConfig = { ...DEFAULT_CONFIG };
	for (const [key, value] of Object.entries(raw)) {
		if (!(key in CHECKS)) throw new InputError(source, key, `unknown key (known: ${Object.keys(CHECKS).join(', ')})`);
		const err = CHECKS[key as keyof EngineConfig](value);
		if (err) throw new InputError(source, key, `${err}, got ${JSON.stringify(value)}`);
		(out as unknown as Record<string, unknown>)[key] = value;
	}
	if (!out.enableChunkedPrefill && out.maxNumBatchedTokens < out.maxModelLen - 1)
		throw new InputError(
			source,
			'maxNumBatchedTokens',
			`must be ≥ maxModelLen - 1 (${out.maxModelLen - 1}) without chunked prefill, or a long prompt could never be scheduled`
		);
	return out;
}
