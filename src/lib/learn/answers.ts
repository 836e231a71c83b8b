/**
 * Numbers the chapter answers quote, computed from the same engine and cost model the live
 * views use (so the answer always matches what the reader sees).
 */
import { OPT_13B_A100, stepMs } from '../engine/cost-model';
import { simulate } from '../engine/simulate';
import { generateWorkload } from '../workload/workload';
import type { Chapter } from './chapters';

export type Vars = Record<string, string | number>;

const pct = (x: number) => `${(x * 100).toFixed(x > 0.995 ? 1 : 0)}%`;

/** Prefill and decode time of one request alone (OPT-13B on an A100). */
export function phaseTimes(promptLen: number, outputLen: number) {
	const prefill = stepMs(OPT_13B_A100, { prefillTokens: promptLen, decodeSeqs: 0, contextTokens: 0, swappedSlots: 0, copiedSlots: 0 });
	let decode = 0;
	// The prefill step emits the first token; each later step one more, reading the context so far.
	for (let k = 1; k < outputLen; k++)
		decode += stepMs(OPT_13B_A100, { prefillTokens: 0, decodeSeqs: 1, contextTokens: promptLen + k, swappedSlots: 0, copiedSlots: 0 });
	return { prefill, decode, decodeSteps: Math.max(0, outputLen - 1), share: decode / (prefill + decode) };
}

/** 12 GiB of KV cache (the cost model’s A100 setting), in bytes. */
export const KV_BUDGET_BYTES = 12 * 2 ** 30;

/** What an answer reads of its chapter (plain data: the simulation worker computes it). */
export type AnswerInput = Pick<Chapter, 'n' | 'config' | 'workload'>;

function requestsOf(c: AnswerInput) {
	return generateWorkload({ ...c.workload });
}

export function answerVars(c: AnswerInput): Vars {
	switch (c.n) {
		case 2: {
			const a = phaseTimes(512, 256);
			const b = phaseTimes(512, 16);
			return { share: pct(a.share), decode: Math.round(a.decode), prefill: Math.round(a.prefill), share16: pct(b.share) };
		}
		case 4: {
			const slots = Math.floor(KV_BUDGET_BYTES / OPT_13B_A100.kvBytesPerToken);
			return { slots: slots.toLocaleString('en-US'), long: Math.floor(slots / 2048), short: Math.floor(slots / 512) };
		}
		case 8: {
			const { events } = simulate(c.config, requestsOf(c), { keepEvents: true });
			const e = events.find((x) => x.type === 'preempted');
			return e && e.type === 'preempted' ? { req: e.req, step: e.step } : { req: '–', step: '–' };
		}
		case 9: {
			const requests = requestsOf(c);
			const run = (allocator: Chapter['config']['allocator']) => simulate({ ...c.config, allocator }, requests).summary;
			const paged = run('paged');
			const orca = run('orca-max');
			const oracle = run('orca-oracle');
			return {
				pagedBatch: paged.avgBatchSize.toFixed(1),
				orcaBatch: orca.avgBatchSize.toFixed(1),
				oracleBatch: oracle.avgBatchSize.toFixed(1),
				ratio: (paged.throughputTokensPerSec / orca.throughputTokensPerSec).toFixed(1),
				maxLen: c.config.maxModelLen.toLocaleString('en-US'),
				slots: (c.config.numGpuBlocks * c.config.blockSize).toLocaleString('en-US')
			};
		}
		case 10: {
			const blocks = smallestPoolWithoutPreemption(c);
			const preemptions = (numGpuBlocks: number) => simulate({ ...c.config, numGpuBlocks }, requestsOf(c)).summary.preemptions;
			return {
				blocks,
				blockSize: c.config.blockSize,
				below: blocks - 1,
				belowPreemptions: preemptions(blocks - 1),
				startPreemptions: preemptions(c.config.numGpuBlocks)
			};
		}
		default:
			return {};
	}
}

/** Binary search for the smallest pool that needs no preemption and rejects nothing (≈ monotone in the pool size). */
export function smallestPoolWithoutPreemption(c: AnswerInput, max = 8192): number {
	const requests = requestsOf(c);
	const ok = (blocks: number) => {
		const { summary } = simulate({ ...c.config, numGpuBlocks: blocks }, requests);
		return summary.preemptions === 0 && summary.rejected === 0;
	};
	let lo = 1;
	let hi = max;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (ok(mid)) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}
