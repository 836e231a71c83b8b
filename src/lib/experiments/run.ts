/**
 * Running the engine for experiments: the paper's OPT-13B/A100 setting, and a step loop
 * that also averages memory and batch size over the *saturated* steps only (a request
 * still waiting after the step), the window the paper's Figures 2 and 13 describe.
 */
import { parseConfig, type EngineConfig } from '../engine/config';
import { OPT_13B_A100, type CostModel } from '../engine/cost-model';
import { Engine } from '../engine/engine';
import { emptyMemory, MEMORY_CATEGORIES, type MemoryBreakdown } from '../engine/memory/categories';
import type { RequestSpec } from '../workload/request';
import type { Summary } from '../engine/stats';
import { validateWorkload, type WorkloadSpec } from '../workload/workload';

/** The paper's main setting (§6.1): OPT-13B on one A100-40GB, ~12 GB of KV cache. */
export const OPT13B: Readonly<EngineConfig> = Object.freeze(
	parseConfig({ blockSize: 16, numGpuBlocks: 981, maxNumSeqs: 256, maxNumBatchedTokens: 2048, maxModelLen: 2048 }, 'OPT-13B preset')
);
/** Token slots of that pool: 981 × 16. Kept constant when block size varies. */
export const POOL_SLOTS = 981 * 16;

export function config(over: Partial<EngineConfig>): EngineConfig {
	return parseConfig({ ...OPT13B, ...over }, 'experiment');
}

export function workload(over: Partial<WorkloadSpec>): WorkloadSpec {
	return validateWorkload({ maxLen: OPT13B.maxModelLen, ...over }, 'experiment');
}

export interface SampledRun {
	summary: Summary;
	/** Steps with a request still waiting at their end. */
	saturatedSteps: number;
	/** The five categories over saturated steps, fractions of the pool (all steps if none). */
	saturatedMemory: MemoryBreakdown;
	/** Sequences in the batch, averaged over saturated steps. */
	saturatedBatch: number;
}

/** Run to the end, step by step; `each` sees the engine after every step. */
export function runSampled(
	cfg: EngineConfig,
	requests: readonly RequestSpec[],
	each?: (e: Engine) => void,
	costModel: CostModel = OPT_13B_A100
): SampledRun {
	const engine = new Engine(cfg, requests, { costModel });
	const mem = emptyMemory();
	let saturated = 0;
	let batch = 0;
	while (engine.step()) {
		each?.(engine);
		const last = engine.lastStep!;
		if (last.waiting === 0) continue;
		saturated++;
		for (const k of MEMORY_CATEGORIES) mem[k] += last.memory[k];
		batch += last.batchSeqs;
	}
	const summary = engine.summary();
	const slots = cfg.numGpuBlocks * cfg.blockSize;
	if (saturated === 0) return { summary, saturatedSteps: 0, saturatedMemory: { ...summary.memory }, saturatedBatch: summary.avgBatchSize };
	for (const k of MEMORY_CATEGORIES) mem[k] /= saturated * slots;
	return { summary, saturatedSteps: saturated, saturatedMemory: mem, saturatedBatch: batch / saturated };
}

/** Requests of a sweep size: full, quick (a quarter), tiny (for tests). */
export function scaled(full: number, size: 'full' | 'quick' | 'tiny', tiny = 12): number {
	return size === 'full' ? full : size === 'quick' ? Math.max(tiny, Math.round(full / 4)) : tiny;
}

export const ALLOCATOR_LABEL: Record<string, string> = {
	'orca-max': 'Orca (Max)',
	'orca-pow2': 'Orca (Pow2)',
	'orca-oracle': 'Orca (Oracle)',
	paged: 'vLLM (paged)'
};
export const ALLOCATOR_COLOR: Record<string, string> = {
	'orca-max': '#9c755f',
	'orca-pow2': '#f28e2b',
	'orca-oracle': '#edc948',
	paged: '#4e79a7'
};
/** The paper's order: Orca variants first, vLLM last. */
export const PAPER_ORDER = ['orca-max', 'orca-pow2', 'orca-oracle', 'paged'] as const;
