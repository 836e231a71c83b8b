/**
 * §7.3 (Fig. 19): preemption by swapping vs by recomputation as the block size varies.
 * The scheduling of a run doesn't depend on the clock, so one run per mode and block size
 * gives both the counts and, re-timed under a second cost model, the effect of a per-block
 * transfer overhead on swapping.
 */
import type { EngineConfig } from '../engine/config';
import { OPT_13B_A100, type CostModel } from '../engine/cost-model';
import { Engine } from '../engine/engine';
import { EventLog } from '../events/event-log';
import type { RequestSpec } from '../workload/request';
import type { Summary } from '../engine/stats';
import { generateWorkload } from '../workload/workload';
import { BLOCK_SIZES } from './block-size';
import { config, POOL_SLOTS, scaled, workload } from './run';
import { lineChart } from './svg-chart';
import type { Experiment, Row, SweepSize } from './types';

/** vLLM's default swap space, 4 GiB, in OPT-13B token slots (800 KB each). */
export const CPU_SLOTS = Math.floor((4 * 2 ** 30) / OPT_13B_A100.kvBytesPerToken);
/**
 * Assumed fixed cost per block moved: vLLM copies each block once per layer for K and for
 * V (2 × 40 cudaMemcpyAsync for OPT-13B), at ~5 µs of launch/DMA set-up each.
 */
export const PER_BLOCK_TRANSFER_MS = 2 * 40 * 0.005;

/** The preset, plus the per-block transfer overhead folded into the per-slot swap cost. */
export function withTransferOverhead(blockSize: number): CostModel {
	return {
		...OPT_13B_A100,
		name: `${OPT_13B_A100.name}+transfer-overhead`,
		swapMsPerTokenSlot: OPT_13B_A100.swapMsPerTokenSlot + PER_BLOCK_TRANSFER_MS / blockSize
	};
}

interface Counted {
	summary: Summary;
	swaps: number;
	recomputes: number;
	swappedBlocks: number;
	prefillTokens: number;
}

function runCounted(cfg: EngineConfig, requests: readonly RequestSpec[], costModel: CostModel): Counted {
	const c = { swaps: 0, recomputes: 0, swappedBlocks: 0, prefillTokens: 0 };
	const log = new EventLog(false, (e) => {
		if (e.type === 'preempted') e.mode === 'swap' ? c.swaps++ : c.recomputes++;
		else if (e.type === 'swapped_out' || e.type === 'swapped_in') c.swappedBlocks += e.blocks.length;
		else if (e.type === 'scheduled' && e.phase === 'prefill') c.prefillTokens += e.numTokens;
	});
	const summary = new Engine(cfg, requests, { sink: log, costModel }).run();
	return { summary, ...c };
}

function sizes(size: SweepSize): number[] {
	return size === 'full' ? BLOCK_SIZES : size === 'quick' ? [1, 4, 16, 64, 256] : [4, 64];
}

const RATE = 0.1;

export const preemption: Experiment = {
	name: 'preemption',
	title: 'Swap vs recompute across block sizes (paper §7.3, Fig. 19)',
	paper: '§7.3, Figure 19',
	run({ size, onProgress }) {
		const requests = generateWorkload(workload({ preset: 'sharegpt', numRequests: scaled(500, size, 40), ratePerStep: RATE, seed: 1 }));
		const promptTokens = requests.reduce((n, r) => n + r.promptTokens.length, 0);
		const rows: Row[] = [];
		const bss = sizes(size);
		const total = bss.length * 3;
		let done = 0;
		for (const bs of bss) {
			const cfg = (mode: 'swap' | 'recompute') =>
				config({
					blockSize: bs,
					numGpuBlocks: Math.floor(POOL_SLOTS / bs),
					numCpuBlocks: Math.floor(CPU_SLOTS / bs),
					preemptionMode: mode,
					enablePrefixCaching: false
				});
			const rec = runCounted(cfg('recompute'), requests, OPT_13B_A100);
			onProgress?.(++done, total);
			const swap = runCounted(cfg('swap'), requests, OPT_13B_A100);
			onProgress?.(++done, total);
			const swapSlow = runCounted(cfg('swap'), requests, withTransferOverhead(bs));
			onProgress?.(++done, total);
			const recomputed = (r: Counted) => r.prefillTokens - promptTokens;
			const overheadMs = (r: Counted, m: CostModel) => r.swappedBlocks * bs * m.swapMsPerTokenSlot + recomputed(r) * m.prefillMsPerToken;
			rows.push({
				blockSize: bs,
				recomputeNormLatencySPerToken: rec.summary.normalizedLatencyMsPerToken.mean / 1000,
				swapNormLatencySPerToken: swap.summary.normalizedLatencyMsPerToken.mean / 1000,
				swapWithOverheadNormLatencySPerToken: swapSlow.summary.normalizedLatencyMsPerToken.mean / 1000,
				recomputePreemptions: rec.recomputes,
				recomputedTokens: recomputed(rec),
				recomputeOverheadMs: overheadMs(rec, OPT_13B_A100),
				swapPreemptions: swap.swaps,
				swapFallbackRecomputes: swap.recomputes,
				swappedBlocks: swap.swappedBlocks,
				swapOverheadMs: overheadMs(swap, OPT_13B_A100),
				swapWithOverheadOverheadMs: overheadMs(swapSlow, withTransferOverhead(bs)),
				recomputeSimulatedS: rec.summary.simulatedMs / 1000,
				swapSimulatedS: swap.summary.simulatedMs / 1000,
				swapWithOverheadSimulatedS: swapSlow.summary.simulatedMs / 1000
			});
		}
		const pts = (k: string) => rows.map((r) => [r.blockSize as number, r[k] as number] as [number, number]);
		const sub = `ShareGPT-like, ${requests.length} requests at ${RATE}/step; pool ~${POOL_SLOTS} GPU slots, ${CPU_SLOTS} CPU slots; prefix caching off`;
		const series = (a: string, b: string, c: string) => [
			{ name: 'recompute', color: '#59a14f', points: pts(a) },
			{ name: 'swap (PCIe bandwidth only)', color: '#4e79a7', points: pts(b) },
			{ name: `swap + ${PER_BLOCK_TRANSFER_MS} ms per block moved`, color: '#e15759', points: pts(c), dashed: true }
		];
		return {
			name: this.name,
			title: this.title,
			columns: Object.keys(rows[0] ?? { blockSize: 0 }),
			rows,
			charts: [
				{
					file: 'preemption-overhead',
					svg: lineChart({
						title: 'Time spent on preemption: swap vs recompute',
						subtitle: sub,
						series: series('recomputeOverheadMs', 'swapOverheadMs', 'swapWithOverheadOverheadMs').map((s) => ({
							...s,
							points: s.points.map(([x, y]) => [x, y / 1000] as [number, number])
						})),
						xLabel: 'block size (token slots)',
						yLabel: 'simulated seconds moving or recomputing KV',
						xScale: 'log2',
						yFormat: (v) => v.toFixed(1)
					})
				},
				{
					file: 'preemption-latency',
					svg: lineChart({
						title: 'Normalised latency: swap vs recompute',
						subtitle: sub,
						series: series('recomputeNormLatencySPerToken', 'swapNormLatencySPerToken', 'swapWithOverheadNormLatencySPerToken'),
						xLabel: 'block size (token slots)',
						yLabel: 'normalised latency (s / token)',
						xScale: 'log2',
						yFormat: (v) => v.toFixed(3)
					})
				}
			],
			notes: [
				`Workload: ${requests.length} ShareGPT-like requests, Poisson arrivals at ${RATE}/step (above paging's capacity, so preemption happens), seed 1. Prefix caching off, as in the paper's V0 engine (with it on, a recomputed request would hit its own cached blocks).`,
				`GPU pool ${POOL_SLOTS} slots (numGpuBlocks = floor(${POOL_SLOTS} / block size)); swap space ${CPU_SLOTS} slots = vLLM's default 4 GiB at 800 KB per OPT-13B token. When swap space is full, a swap preemption falls back to recompute (swapFallbackRecomputes).`,
				`Swap cost (cost model): ${OPT_13B_A100.swapMsPerTokenSlot.toFixed(4)} ms per token slot moved each way (800 KB at 25 GB/s, PCIe 4.0), whole blocks moved. Recompute cost: the tokens prefilled again at ${OPT_13B_A100.prefillMsPerToken} ms per token.`,
				`Assumed per-block transfer overhead (dashed): ${PER_BLOCK_TRANSFER_MS} ms per block moved (2 × 40 layers × 5 µs per cudaMemcpyAsync), folded into the per-slot swap cost as ${PER_BLOCK_TRANSFER_MS} / blockSize. It re-times the same schedule; the decisions are identical.`,
				'Overhead ms = swapped blocks × blockSize × swap cost per slot + recomputed tokens × prefill cost per token; recomputed tokens = prefill tokens scheduled − prompt tokens.'
			]
		};
	},
	lab() {
		return (['recompute', 'swap'] as const).map((mode) => ({
			label: `ShareGPT-like under pressure, preemption by ${mode}`,
			config: config({ numCpuBlocks: Math.floor(CPU_SLOTS / 16), preemptionMode: mode, enablePrefixCaching: false }),
			workload: workload({ preset: 'sharegpt', numRequests: 300, ratePerStep: RATE, seed: 1 })
		}));
	}
};
