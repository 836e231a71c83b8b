/**
 * The experiments that reproduce the PagedAttention paper's figures, and the settings the
 * /lab page can open for each. Pure: no Node imports (scripts/experiment.ts does the I/O).
 */
import { batchSize } from './batch-size';
import { blockSize } from './block-size';
import { memoryWaste } from './memory-waste';
import { preemption } from './preemption';
import { sharing } from './sharing';
import { throughputVsRate } from './throughput-vs-rate';
import type { Experiment, LabSettings } from './types';

export type { Experiment, ExperimentResult, LabSettings, Row, SweepSize } from './types';

export const EXPERIMENTS: readonly Experiment[] = [memoryWaste, batchSize, throughputVsRate, sharing, blockSize, preemption];

export function findExperiment(name: string): Experiment | undefined {
	return EXPERIMENTS.find((e) => e.name === name);
}

/** Each experiment's representative lab settings (config + workload spec). */
export function labSettings(name: string): LabSettings[] {
	const e = findExperiment(name);
	if (!e) throw new Error(`unknown experiment ${JSON.stringify(name)} (known: ${EXPERIMENTS.map((x) => x.name).join(', ')})`);
	return e.lab();
}

/**
 * The lab's URL keys (src/lib/url/url-state.ts PARAMS) for the fields experiments set, with
 * their ranges. Copied rather than imported so Node scripts don't load the page's i18n
 * (Svelte runes); tests/experiments checks this table against PARAMS.
 */
export const LAB_KEYS: readonly { key: string; scope: 'config' | 'workload'; field: string; min?: number; max?: number }[] = [
	{ key: 'bs', scope: 'config', field: 'blockSize', min: 1, max: 128 },
	{ key: 'gpu', scope: 'config', field: 'numGpuBlocks', min: 1, max: 8192 },
	{ key: 'cpu', scope: 'config', field: 'numCpuBlocks', min: 0, max: 8192 },
	{ key: 'seqs', scope: 'config', field: 'maxNumSeqs', min: 1, max: 1024 },
	{ key: 'budget', scope: 'config', field: 'maxNumBatchedTokens', min: 1, max: 65536 },
	{ key: 'maxlen', scope: 'config', field: 'maxModelLen', min: 2, max: 32768 },
	{ key: 'prefix', scope: 'config', field: 'enablePrefixCaching' },
	{ key: 'chunked', scope: 'config', field: 'enableChunkedPrefill' },
	{ key: 'preempt', scope: 'config', field: 'preemptionMode' },
	{ key: 'wm', scope: 'config', field: 'watermark', min: 0, max: 0.9 },
	{ key: 'alloc', scope: 'config', field: 'allocator' },
	{ key: 'seed', scope: 'config', field: 'seed', min: 0, max: 2 ** 31 - 1 },
	{ key: 'wl', scope: 'workload', field: 'preset' },
	{ key: 'reqs', scope: 'workload', field: 'numRequests', min: 1, max: 5000 },
	{ key: 'rate', scope: 'workload', field: 'ratePerStep', min: 0, max: 64 },
	{ key: 'plen', scope: 'workload', field: 'promptLen', min: 1, max: 32768 },
	{ key: 'olen', scope: 'workload', field: 'outputLen', min: 1, max: 32768 },
	{ key: 'spl', scope: 'workload', field: 'sharedPrefixLen', min: 0, max: 32768 },
	{ key: 'spf', scope: 'workload', field: 'sharedPrefixFraction', min: 0, max: 1 },
	{ key: 'n', scope: 'workload', field: 'n', min: 1, max: 16 },
	{ key: 'beam', scope: 'workload', field: 'beamWidth', min: 1, max: 16 },
	{ key: 'wmax', scope: 'workload', field: 'maxLen', min: 2, max: 32768 },
	{ key: 'wseed', scope: 'workload', field: 'seed', min: 0, max: 2 ** 31 - 1 }
];

/**
 * The /lab query string for settings, and what the lab's URL parameters can't carry
 * (a value outside a parameter's range, or a field with no parameter).
 */
export function labQuery(s: LabSettings): { query: string; unsupported: string[] } {
	const unsupported: string[] = [];
	const params = new URLSearchParams();
	for (const k of LAB_KEYS) {
		const v = (k.scope === 'config' ? s.config : s.workload) as unknown as Record<string, unknown>;
		const x = v[k.field];
		params.set(k.key, typeof x === 'boolean' ? (x ? '1' : '0') : String(x));
		if (typeof x === 'number' && k.min !== undefined && k.max !== undefined && (x < k.min || x > k.max))
			unsupported.push(`${k.key}=${x} (the lab clamps it to ${k.min}..${k.max})`);
	}
	if (s.config.longPrefillTokenThreshold) unsupported.push('longPrefillTokenThreshold (not set by experiments)');
	if ((s.workload.arrivals ?? 'poisson') !== 'poisson') unsupported.push(`arrivals=${s.workload.arrivals} (no URL parameter; the lab uses Poisson)`);
	if (s.workload.vocabSize !== 50_000) unsupported.push(`vocabSize=${s.workload.vocabSize} (no URL parameter)`);
	return { query: params.toString(), unsupported };
}
