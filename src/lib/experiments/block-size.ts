/**
 * §7.2 (Fig. 18a): block size from 1 to 256 slots with the pool's token slots fixed:
 * internal fragmentation and normalised latency on ShareGPT-like and Alpaca-like loads.
 */
import { generateWorkload, type WorkloadPreset } from '../workload/workload';
import { config, POOL_SLOTS, runSampled, scaled, workload } from './run';
import { lineChart, pctFormat } from './svg-chart';
import type { Experiment, Row, SweepSize } from './types';

export const BLOCK_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256];
const CASES: { preset: Exclude<WorkloadPreset, 'fixed'>; label: string; rate: number; full: number; color: string }[] = [
	{ preset: 'sharegpt', label: 'ShareGPT-like', rate: 0.07, full: 600, color: '#4e79a7' },
	{ preset: 'alpaca', label: 'Alpaca-like', rate: 1.5, full: 2000, color: '#f28e2b' }
];

function sizes(size: SweepSize): number[] {
	return size === 'full' ? BLOCK_SIZES : size === 'quick' ? [1, 4, 16, 64, 256] : [4, 64];
}

export const blockSize: Experiment = {
	name: 'block-size',
	title: 'Block size against waste and latency (paper §7.2, Fig. 18a)',
	paper: '§7.2, Figure 18a',
	run({ size, onProgress }) {
		const rows: Row[] = [];
		const bss = sizes(size);
		for (const c of CASES) {
			const requests = generateWorkload(
				workload({ preset: c.preset, numRequests: scaled(c.full, size, 12), ratePerStep: c.rate, seed: 1 })
			);
			for (const bs of bss) {
				const r = runSampled(config({ blockSize: bs, numGpuBlocks: Math.floor(POOL_SLOTS / bs) }), requests);
				const s = r.summary;
				rows.push({
					workload: c.preset,
					blockSize: bs,
					numGpuBlocks: Math.floor(POOL_SLOTS / bs),
					internalFragAllStepsPct: s.memory.internalFragmentation,
					tokenStatesAllStepsPct: s.memory.tokenStates,
					internalFragSaturatedPct: r.saturatedMemory.internalFragmentation,
					saturatedSteps: r.saturatedSteps,
					normLatencySPerToken: s.normalizedLatencyMsPerToken.mean / 1000,
					throughputTokensPerSec: s.throughputTokensPerSec,
					avgBatch: s.avgBatchSize,
					preemptions: s.preemptions
				});
				onProgress?.(rows.length, CASES.length * bss.length);
			}
		}
		const series = (y: string) =>
			CASES.map((c) => ({
				name: c.label,
				color: c.color,
				points: rows.filter((r) => r.workload === c.preset).map((r) => [r.blockSize as number, r[y] as number] as [number, number])
			}));
		const sub = `Pool fixed at ~${POOL_SLOTS.toLocaleString('en-US')} token slots (blocks = slots / block size); OPT-13B/A100 cost model`;
		return {
			name: this.name,
			title: this.title,
			columns: [
				'workload',
				'blockSize',
				'numGpuBlocks',
				'internalFragAllStepsPct',
				'tokenStatesAllStepsPct',
				'internalFragSaturatedPct',
				'saturatedSteps',
				'normLatencySPerToken',
				'throughputTokensPerSec',
				'avgBatch',
				'preemptions'
			],
			rows,
			charts: [
				{
					file: 'block-size-latency',
					svg: lineChart({
						title: 'Normalised latency vs block size',
						subtitle: sub,
						series: series('normLatencySPerToken'),
						xLabel: 'block size (token slots)',
						yLabel: 'normalised latency (s / token)',
						xScale: 'log2',
						yFormat: (v) => v.toFixed(3)
					})
				},
				{
					file: 'block-size-waste',
					svg: lineChart({
						title: 'Internal fragmentation vs block size',
						subtitle: `${sub}; mean over all steps`,
						series: series('internalFragAllStepsPct'),
						xLabel: 'block size (token slots)',
						yLabel: 'unused tail of last blocks (share of pool)',
						xScale: 'log2',
						yFormat: pctFormat
					})
				}
			],
			notes: [
				...CASES.map(
					(c) =>
						`${c.label}: ${scaled(c.full, size, 12)} requests, Poisson arrivals at ${c.rate}/step (near paging’s capacity at block size 16), seed 1.`
				),
				`The pool keeps ${POOL_SLOTS} token slots: numGpuBlocks = floor(${POOL_SLOTS} / blockSize) (a few slots are lost to rounding at 32 and up).`,
				'The cost model has no per-block kernel cost: the paper’s slowdown at small block sizes (PagedAttention kernels lose parallelism reading tiny blocks) is not modelled, only the memory side.'
			]
		};
	},
	lab() {
		return [4, 16, 128].map((bs) => ({
			label: `ShareGPT-like, block size ${bs}`,
			config: config({ blockSize: bs, numGpuBlocks: Math.floor(POOL_SLOTS / bs) }),
			workload: workload({ preset: 'sharegpt', numRequests: 300, ratePerStep: 0.07, seed: 1 })
		}));
	}
};
