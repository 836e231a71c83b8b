/**
 * Figure 2: where KV-cache memory goes under Orca's three reservation policies and under
 * paging, on a ShareGPT-like workload with the OPT-13B/A100 pool.
 */
import { MEMORY_CATEGORIES } from '../engine/memory/categories';
import { generateWorkload } from '../workload/workload';
import { MEMORY_COLORS } from '../layout/colors';
import { ALLOCATOR_LABEL, config, PAPER_ORDER, runSampled, scaled, workload } from './run';
import { pctFormat, stackedBarChart } from './svg-chart';
import type { Experiment, Row } from './types';

/** Paper, Fig. 2: token states (the other segments are read off the figure, see docs). */
export const PAPER_TOKEN_STATES: Record<string, number> = { 'orca-max': 0.204, 'orca-pow2': 0.268, 'orca-oracle': 0.382, paged: 0.963 };

const CATEGORY_LABEL = {
	tokenStates: 'token states',
	reserved: 'reserved',
	internalFragmentation: 'internal fragmentation',
	externalFragmentation: 'external fragmentation',
	free: 'free'
} as const;

/** Enough arrivals per step to keep a queue for the whole run: memory, not load, is the limit. */
const RATE_PER_STEP = 0.5;

function spec(numRequests: number) {
	return workload({ preset: 'sharegpt', numRequests, ratePerStep: RATE_PER_STEP, seed: 1 });
}

export const memoryWaste: Experiment = {
	name: 'memory-waste',
	title: 'KV-cache memory by category (paper Fig. 2)',
	paper: 'Figure 2',
	run({ size, onProgress }) {
		const requests = generateWorkload(spec(scaled(1000, size, 30)));
		const rows: Row[] = [];
		PAPER_ORDER.forEach((allocator, i) => {
			const r = runSampled(config({ allocator }), requests);
			const row: Row = { allocator };
			for (const k of MEMORY_CATEGORIES) row[`${k}Pct`] = r.saturatedMemory[k];
			for (const k of MEMORY_CATEGORIES) row[`${k}AllStepsPct`] = r.summary.memory[k];
			row.paperTokenStatesPct = PAPER_TOKEN_STATES[allocator];
			row.saturatedSteps = r.saturatedSteps;
			row.steps = r.summary.steps;
			row.preemptions = r.summary.preemptions;
			rows.push(row);
			onProgress?.(i + 1, PAPER_ORDER.length);
		});
		const svg = stackedBarChart({
			title: 'Where the KV cache goes: Orca reservations vs paging',
			subtitle: `ShareGPT-like, ${requests.length} requests, OPT-13B/A100 pool (981 × 16 slots); mean over saturated steps`,
			bars: rows.map((r) => ALLOCATOR_LABEL[r.allocator as string]),
			series: MEMORY_CATEGORIES.map((k) => ({
				name: CATEGORY_LABEL[k],
				color: MEMORY_COLORS[k],
				values: rows.map((r) => r[`${k}Pct`] as number)
			})),
			xLabel: 'allocator',
			yLabel: 'share of KV-cache slots',
			yMax: 1,
			yFormat: pctFormat,
			labelMin: 0.04
		});
		return {
			name: this.name,
			title: this.title,
			columns: [
				'allocator',
				...MEMORY_CATEGORIES.map((k) => `${k}Pct`),
				'paperTokenStatesPct',
				...MEMORY_CATEGORIES.map((k) => `${k}AllStepsPct`),
				'saturatedSteps',
				'steps',
				'preemptions'
			],
			rows,
			charts: [{ file: 'memory-waste', svg }],
			notes: [
				`ShareGPT-like lengths (log-normal, σ = 1, paper means 161.31 in / 337.99 out), ${requests.length} requests, Poisson arrivals at ${RATE_PER_STEP}/step, seed 1.`,
				'Config: block size 16, 981 GPU blocks, max 256 seqs, 2,048 batched tokens, maxModelLen 2,048, prefix caching on (no shared prefixes here).',
				'*Pct columns: mean over saturated steps (a request still waiting at the step end); *AllStepsPct: mean over every step, ramp-up and drain included.'
			]
		};
	},
	lab() {
		return PAPER_ORDER.map((allocator) => ({
			label: ALLOCATOR_LABEL[allocator],
			config: config({ allocator }),
			workload: spec(300)
		}));
	}
};
