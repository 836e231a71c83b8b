/**
 * Figure 12's shape: mean normalised latency (end-to-end latency / output tokens) against
 * the request rate, per allocator. The engine's arrivals are per step, so requests per
 * second become requests per step through each allocator's mean simulated step time under
 * saturation (a calibration run): ratePerStep = rps × stepMs / 1000.
 */
import { generateWorkload, type WorkloadPreset } from '../workload/workload';
import { ALLOCATOR_COLOR, ALLOCATOR_LABEL, config, PAPER_ORDER, scaled, workload } from './run';
import { simulate } from '../engine/simulate';
import { lineChart } from './svg-chart';
import type { Experiment, Row, SweepSize } from './types';

interface Case {
	preset: Exclude<WorkloadPreset, 'fixed'>;
	label: string;
	/** Requests per second swept. */
	rates: number[];
	full: number;
	/** Per-step rate of the calibration run (saturating). */
	saturating: number;
}

const CASES: Case[] = [
	{
		preset: 'sharegpt',
		label: 'ShareGPT-like',
		rates: [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5],
		full: 600,
		saturating: 0.5
	},
	{ preset: 'alpaca', label: 'Alpaca-like', rates: [5, 10, 20, 30, 40, 50, 60, 80, 100, 120, 140, 160], full: 2000, saturating: 8 }
];

function ratesFor(c: Case, size: SweepSize): number[] {
	return size === 'full' ? c.rates : size === 'quick' ? c.rates.filter((_, i) => i % 2 === 1) : [c.rates[1], c.rates[c.rates.length - 1]];
}

/** Mean simulated step time (ms) of each allocator when a queue is always waiting. */
export function calibrateStepMs(preset: Case['preset'], saturating: number, numRequests: number): Record<string, number> {
	const requests = generateWorkload(workload({ preset, numRequests, ratePerStep: saturating, seed: 7 }));
	const out: Record<string, number> = {};
	for (const allocator of PAPER_ORDER) {
		const s = simulate(config({ allocator }), requests, { keepEvents: false }).summary;
		out[allocator] = s.simulatedMs / s.steps;
	}
	return out;
}

export const throughputVsRate: Experiment = {
	name: 'throughput-vs-rate',
	title: 'Normalised latency against request rate (paper Fig. 12)',
	paper: 'Figure 12',
	run({ size, onProgress }) {
		const rows: Row[] = [];
		const total = CASES.reduce((n, c) => n + ratesFor(c, size).length * PAPER_ORDER.length + 1, 0);
		let done = 0;
		const notes: string[] = [];
		const charts = [];
		for (const c of CASES) {
			const numRequests = scaled(c.full, size, 20);
			const stepMs = calibrateStepMs(c.preset, c.saturating, scaled(c.full / 2, size, 20));
			onProgress?.(++done, total);
			notes.push(
				`${c.label}: ${numRequests} requests per point, seed 1; mean step time under saturation (ms): ` +
					PAPER_ORDER.map((a) => `${ALLOCATOR_LABEL[a]} ${stepMs[a].toFixed(1)}`).join(', ') +
					'.'
			);
			for (const rps of ratesFor(c, size)) {
				for (const allocator of PAPER_ORDER) {
					const ratePerStep = (rps * stepMs[allocator]) / 1000;
					const requests = generateWorkload(workload({ preset: c.preset, numRequests, ratePerStep, seed: 1 }));
					const s = simulate(config({ allocator }), requests, { keepEvents: false }).summary;
					rows.push({
						workload: c.preset,
						allocator,
						requestsPerSec: rps,
						ratePerStep,
						normLatencySPerToken: s.normalizedLatencyMsPerToken.mean / 1000,
						normLatencyP50SPerToken: s.normalizedLatencyMsPerToken.p50 / 1000,
						throughputTokensPerSec: s.throughputTokensPerSec,
						ttftP50Ms: s.ttftMs.p50,
						avgBatch: s.avgBatchSize,
						preemptions: s.preemptions,
						finished: s.finished
					});
					onProgress?.(++done, total);
				}
			}
			const mine = rows.filter((r) => r.workload === c.preset);
			charts.push({
				file: `throughput-vs-rate-${c.preset}`,
				svg: lineChart({
					title: `Normalised latency vs request rate (${c.label})`,
					subtitle: `OPT-13B/A100 cost model, ${numRequests} requests per point; y clipped at 1 s/token (open circles)`,
					series: PAPER_ORDER.map((a) => ({
						name: ALLOCATOR_LABEL[a],
						color: ALLOCATOR_COLOR[a],
						points: mine
							.filter((r) => r.allocator === a)
							.map((r) => [r.requestsPerSec as number, r.normLatencySPerToken as number] as [number, number])
					})),
					xLabel: 'request rate (requests / s)',
					yLabel: 'normalised latency (s / token)',
					yMax: 1,
					yFormat: (v) => v.toFixed(2)
				})
			});
		}
		notes.push(
			'Conversion: ratePerStep = requests/s × (that allocator’s mean step time under saturation) / 1000, so every allocator sees the stated rate in simulated seconds once it is busy. At low load the engine skips idle steps (no empty steps), so latency there is pure service time.',
			'normLatency: per request (finish − arrival) / output tokens, averaged (the paper’s metric); over a finite trace it keeps growing with the trace length once the rate exceeds capacity.'
		);
		return {
			name: this.name,
			title: this.title,
			columns: [
				'workload',
				'allocator',
				'requestsPerSec',
				'ratePerStep',
				'normLatencySPerToken',
				'normLatencyP50SPerToken',
				'throughputTokensPerSec',
				'ttftP50Ms',
				'avgBatch',
				'preemptions',
				'finished'
			],
			rows,
			charts,
			notes
		};
	},
	lab() {
		// ~1.5 req/s at a paged step of ~30 ms: below paging's knee, above Orca (Max)'s.
		return (['orca-max', 'paged'] as const).map((allocator) => ({
			label: `ShareGPT-like at ~1.5 req/s, ${ALLOCATOR_LABEL[allocator]}`,
			config: config({ allocator }),
			workload: workload({ preset: 'sharegpt', numRequests: 300, ratePerStep: 0.045, seed: 1 })
		}));
	}
};
