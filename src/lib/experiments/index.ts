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
import { URL_PARAMS } from '../params/schema';

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
 * The lab's URL keys for the fields experiments set, with their ranges: the parameter
 * schema's (src/lib/params/schema.ts), which the URL reads too. Node-safe: no i18n.
 */
export const LAB_KEYS: readonly { key: string; scope: 'config' | 'workload'; field: string; min?: number; max?: number }[] = URL_PARAMS.map(
	({ key, scope, field, param }) =>
		param.kind === 'int' || param.kind === 'num' ? { key, scope, field, min: param.min, max: param.max } : { key, scope, field }
);

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
	if ((s.workload.arrivals ?? 'poisson') !== 'poisson')
		unsupported.push(`arrivals=${s.workload.arrivals} (no URL parameter; the lab uses Poisson)`);
	if (s.workload.vocabSize !== 50_000) unsupported.push(`vocabSize=${s.workload.vocabSize} (no URL parameter)`);
	return { query: params.toString(), unsupported };
}
