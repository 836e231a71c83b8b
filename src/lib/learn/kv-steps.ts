/**
 * Chapter 3's picture as data: at each step of generating from a prompt, which positions'
 * K and V are computed and which are read back, with and without a KV cache.
 *
 *   step 0 (prefill)   without: ■■■■■■   with: ■■■■■■      ■ computed  □ read
 *   step 1 (decode)    without: ■■■■■■■  with: □□□□□□■
 *
 * Drawn from the token sequence alone (`kvStep`) until the model worker's trace arrives,
 * then from the trace (`kvStepFromTrace`): the same cells, counted from the rows its forward
 * passes computed.
 */
import type { KvTrace, KvTraceSpec } from '$lib/model/kv-trace';

/** Prompt positions of the chapter's text (step 0 computes them all). */
export const KV_PROMPT = 6;

/**
 * What the picture shows of the model's K and V: the last layer (both shipped models have 4),
 * whose K/V depend on every earlier position, so equal numbers mean more than a lookup; head 1;
 * its first 6 of 32 numbers.
 */
export const KV_SHOWN: KvTraceSpec = { prompt: KV_PROMPT, layer: 3, head: 0, dims: 6, blockSize: 4 };
export type KvCell = 'computed' | 'read' | 'future';

export interface KvStep {
	/** Context length at this step (tokens whose K/V exist after it). */
	n: number;
	without: KvCell[];
	with: KvCell[];
	/** Positions computed in all steps so far, each way. */
	totalWithout: number;
	totalWith: number;
}

/** Step `step` (0 = prefill) of a run with `prompt` prompt tokens, drawn over `length` positions. */
export function kvStep(prompt: number, length: number, step: number): KvStep {
	const n = Math.min(length, prompt + step);
	const cells = (f: (i: number) => KvCell) => Array.from({ length }, (_, i) => (i < n ? f(i) : 'future'));
	let totalWithout = 0;
	for (let s = 0; s <= step; s++) totalWithout += Math.min(length, prompt + s);
	return {
		n,
		without: cells(() => 'computed'),
		with: cells((i) => (step === 0 || i === n - 1 ? 'computed' : 'read')),
		totalWithout,
		totalWith: n
	};
}

/** Step `step` of the model worker's trace, as cells and counts (rows its forward passes computed). */
export function kvStepFromTrace(trace: KvTrace, step: number): KvStep {
	const length = trace.chars.length;
	const s = trace.steps[Math.max(0, Math.min(trace.steps.length - 1, step))];
	const upTo = trace.steps.slice(0, step + 1);
	const cells = (f: (i: number) => KvCell) => Array.from({ length }, (_, i) => (i < s.n ? f(i) : 'future'));
	return {
		n: s.n,
		without: cells((i) => (i >= s.n - s.computedWithout ? 'computed' : 'read')),
		with: cells((i) => (i >= s.n - s.computedWith ? 'computed' : 'read')),
		totalWithout: upTo.reduce((a, x) => a + x.computedWithout, 0),
		totalWith: upTo.reduce((a, x) => a + x.computedWith, 0)
	};
}
