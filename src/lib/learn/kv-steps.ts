/**
 * Chapter 3's picture as data: at each step of generating from a prompt, which positions'
 * K and V are computed and which are read back, with and without a KV cache.
 *
 *   step 0 (prefill)   without: ■■■■■■   with: ■■■■■■      ■ computed  □ read
 *   step 1 (decode)    without: ■■■■■■■  with: □□□□□□■
 */
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
