/**
 * Turning logits into tokens, in plain JS over one row of logits (vocabularies here are
 * ≤ a few thousand, so this costs nothing next to the forward pass). Seeded: the same
 * seed and logits always give the same token.
 */
import type { Candidate } from '../engine/executor';
import { Rng } from '../workload/rng';

export interface SamplingOptions {
	/** 0 = greedy (argmax). */
	temperature: number;
	/** Keep only the k most likely tokens (0 = all). */
	topK: number;
	/** Keep the smallest set of tokens whose probability reaches p (1 = all). */
	topP: number;
}

export const GREEDY: SamplingOptions = { temperature: 0, topK: 0, topP: 1 };

/** log softmax(logits / temperature), in float64. */
export function logSoftmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
	const n = logits.length;
	const out = new Float64Array(n);
	let max = -Infinity;
	for (let i = 0; i < n; i++) max = Math.max(max, logits[i] / temperature);
	let sum = 0;
	for (let i = 0; i < n; i++) sum += Math.exp(logits[i] / temperature - max);
	const lse = max + Math.log(sum);
	for (let i = 0; i < n; i++) out[i] = logits[i] / temperature - lse;
	return out;
}

/** Lowest index among the largest values (ties go to the smaller token id). */
export function argmax(values: ArrayLike<number>): number {
	let best = 0;
	for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
	return best;
}

/** Token ids sorted by descending value, ties by id. */
function ranked(values: ArrayLike<number>): number[] {
	return Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[b] - values[a] || a - b);
}

/** The k most likely tokens with their (temperature 1) log-probs: what beam search asks for. */
export function topCandidates(logits: ArrayLike<number>, k: number): Candidate[] {
	const logp = logSoftmax(logits);
	return ranked(logp)
		.slice(0, k)
		.map((token) => ({ token, logprob: logp[token] }));
}

/** One token drawn under the options; `rng` supplies the uniform draw. */
export function sampleToken(logits: ArrayLike<number>, opts: SamplingOptions, rng: Rng): number {
	if (opts.temperature <= 0) return argmax(logits);
	const logp = logSoftmax(logits, opts.temperature);
	let order = ranked(logp);
	if (opts.topK > 0) order = order.slice(0, opts.topK);
	if (opts.topP < 1) {
		let mass = 0;
		let keep = 0;
		while (keep < order.length && mass < opts.topP) mass += Math.exp(logp[order[keep++]]);
		order = order.slice(0, Math.max(1, keep));
	}
	let total = 0;
	for (const t of order) total += Math.exp(logp[t]);
	let u = rng.next() * total;
	for (const t of order) {
		u -= Math.exp(logp[t]);
		if (u <= 0) return t;
	}
	return order[order.length - 1];
}

/** `n` independent samples from one seed (parallel sampling's first step). */
export function sampleMany(logits: ArrayLike<number>, opts: SamplingOptions, seed: number, n: number): number[] {
	const rng = new Rng(seed);
	return Array.from({ length: n }, () => sampleToken(logits, opts, rng));
}
