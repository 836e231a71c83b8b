/**
 * Figure 13: the average number of requests batched together per step, per allocator, on
 * ShareGPT-like and Alpaca-like workloads, at arrival rates that keep a queue waiting.
 */
import { generateWorkload, type WorkloadPreset } from '../workload/workload';
import { ALLOCATOR_COLOR, ALLOCATOR_LABEL, config, PAPER_ORDER, runSampled, scaled, workload } from './run';
import { groupedBarChart } from './svg-chart';
import type { Experiment, Row } from './types';

/** Paper, Fig. 13 (bar labels): ShareGPT at 2 req/s, Alpaca at 30 req/s, OPT-13B. */
export const PAPER_BATCH: Record<string, Record<string, number>> = {
	sharegpt: { 'orca-max': 7.0, 'orca-pow2': 9.81, 'orca-oracle': 13.62, paged: 30.42 },
	alpaca: { 'orca-max': 7.0, 'orca-pow2': 43.24, 'orca-oracle': 72.75, paged: 132.44 }
};

/** Per-step arrival rates well above what any allocator serves: memory is the limit. */
const CASES: { preset: Exclude<WorkloadPreset, 'fixed'>; label: string; rate: number; full: number }[] = [
	{ preset: 'sharegpt', label: 'ShareGPT-like', rate: 0.5, full: 1000 },
	{ preset: 'alpaca', label: 'Alpaca-like', rate: 8, full: 3000 }
];

export const batchSize: Experiment = {
	name: 'batch-size',
	title: 'Average batched requests per allocator (paper Fig. 13)',
	paper: 'Figure 13',
	run({ size, onProgress }) {
		const rows: Row[] = [];
		const total = CASES.length * PAPER_ORDER.length;
		for (const c of CASES) {
			const requests = generateWorkload(
				workload({ preset: c.preset, numRequests: scaled(c.full, size, 30), ratePerStep: c.rate, seed: 1 })
			);
			for (const allocator of PAPER_ORDER) {
				const r = runSampled(config({ allocator }), requests);
				rows.push({
					workload: c.preset,
					allocator,
					requests: requests.length,
					ratePerStep: c.rate,
					avgBatchSaturated: r.saturatedBatch,
					avgBatchAllSteps: r.summary.avgBatchSize,
					paperAvgBatch: PAPER_BATCH[c.preset][allocator],
					saturatedSteps: r.saturatedSteps,
					steps: r.summary.steps,
					preemptions: r.summary.preemptions,
					throughputTokensPerSec: r.summary.throughputTokensPerSec
				});
				onProgress?.(rows.length, total);
			}
		}
		const at = (preset: string, allocator: string) =>
			rows.find((r) => r.workload === preset && r.allocator === allocator)!.avgBatchSaturated as number;
		const svg = groupedBarChart({
			title: 'Average batched requests: reservation vs paging',
			subtitle: 'OPT-13B/A100 pool (981 × 16 slots, max 256 seqs); mean over saturated steps',
			groups: CASES.map((c) => c.label),
			series: PAPER_ORDER.map((a) => ({ name: ALLOCATOR_LABEL[a], color: ALLOCATOR_COLOR[a], values: CASES.map((c) => at(c.preset, a)) })),
			xLabel: 'workload',
			yLabel: 'requests per step',
			yFormat: (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)),
			valueLabels: true
		});
		return {
			name: this.name,
			title: this.title,
			columns: [
				'workload',
				'allocator',
				'avgBatchSaturated',
				'paperAvgBatch',
				'avgBatchAllSteps',
				'requests',
				'ratePerStep',
				'saturatedSteps',
				'steps',
				'preemptions',
				'throughputTokensPerSec'
			],
			rows,
			charts: [{ file: 'batch-size', svg }],
			notes: [
				...CASES.map(
					(c) =>
						`${c.label}: ${scaled(c.full, size, 30)} requests, Poisson arrivals at ${c.rate}/step (several times what paging serves), seed 1.`
				),
				'avgBatchSaturated: sequences (= requests, n = 1) in the step’s batch, over steps that end with a request waiting; avgBatchAllSteps includes ramp-up and drain.'
			]
		};
	},
	lab() {
		return CASES.flatMap((c) =>
			(['orca-oracle', 'paged'] as const).map((allocator) => ({
				label: `${c.label}, ${ALLOCATOR_LABEL[allocator]}`,
				config: config({ allocator }),
				workload: workload({ preset: c.preset, numRequests: c.preset === 'alpaca' ? 1000 : 300, ratePerStep: c.rate, seed: 1 })
			}))
		);
	}
};
