/**
 * The three-way golden check: paged cache, contiguous cache and full recomputation must
 * give the same logits (and so the same greedy tokens). Used by tests, `npm run model --
 * --verify` and the docs. Paged runs with a shuffled physical block order and a chunked
 * prefill, so block-table indirection and mixed offsets are both exercised.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../workload/rng';
import { ContiguousKvCache } from './contiguous-kv-cache';
import type { Gpt } from './gpt';
import { forwardRecompute } from './gpt';
import { pagedForward } from './paged-attention';
import { PagedKvCache, readAndDispose } from './paged-kv-cache';
import { argmax } from './sampling';

export interface VerifyOptions {
	newTokens: number;
	blockSize: number;
	seed: number;
}

export interface VerifyReport {
	/** Largest |Δlogit| of each path against recompute, over the prompt and every decode step. */
	maxDiffPaged: number;
	maxDiffContiguous: number;
	tokens: { paged: number[]; contiguous: number[]; recompute: number[] };
	sameTokens: boolean;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
	if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
	let m = 0;
	for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
	return m;
}

/** A random permutation of 0..n-1 (the physical block ids a table gets). */
export function shuffledIds(n: number, rng: Rng): number[] {
	const ids = Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		[ids[i], ids[j]] = [ids[j], ids[i]];
	}
	return ids;
}

export function verifyThreeWay(model: Gpt, prompt: readonly number[], opts: VerifyOptions): VerifyReport {
	const rng = new Rng(opts.seed);
	const V = model.config.vocabSize;
	const total = prompt.length + opts.newTokens;
	if (total > model.config.contextLength) throw new Error(`prompt + new tokens = ${total} > context ${model.config.contextLength}`);
	const numBlocks = Math.ceil(total / opts.blockSize) + 3;
	const paged = new PagedKvCache(model.config, { numGpuBlocks: numBlocks, blockSize: opts.blockSize, numCpuBlocks: 0 });
	const blockTable = shuffledIds(numBlocks, rng);
	const contiguous = new ContiguousKvCache();
	const seqs = { paged: [...prompt], contiguous: [...prompt], recompute: [...prompt] };
	let maxDiffPaged = 0;
	let maxDiffContiguous = 0;
	try {
		// Prefill: every prompt position compared; paged prefill split into two chunks.
		const split = 1 + rng.int(prompt.length);
		const p1 = readAndDispose(pagedForward(model, paged, [{ tokens: prompt, start: 0, numTokens: split, blockTable }], 'all'));
		const p2 =
			split < prompt.length
				? readAndDispose(pagedForward(model, paged, [{ tokens: prompt, start: split, numTokens: prompt.length - split, blockTable }], 'all'))
				: new Float32Array(0);
		const pagedAll = concat(p1, p2);
		const contAll = readAndDispose(contiguous.forward(model, [{ id: 'a', tokens: prompt, start: 0, numTokens: prompt.length }], 'all'));
		const recAll = readAndDispose(forwardRecompute(model, prompt));
		maxDiffPaged = maxAbsDiff(pagedAll, recAll);
		maxDiffContiguous = maxAbsDiff(contAll, recAll);
		let last = { paged: pagedAll.subarray(-V), contiguous: contAll.subarray(-V), recompute: recAll.subarray(-V) };
		for (let step = 0; step < opts.newTokens; step++) {
			seqs.paged.push(argmax(last.paged));
			seqs.contiguous.push(argmax(last.contiguous));
			seqs.recompute.push(argmax(last.recompute));
			if (step === opts.newTokens - 1) break;
			const n = seqs.paged.length;
			const rec = readAndDispose(tf.tidy(() => forwardRecompute(model, seqs.recompute).slice([n - 1, 0], [1, V])));
			const pag = readAndDispose(pagedForward(model, paged, [{ tokens: seqs.paged, start: n - 1, numTokens: 1, blockTable }]));
			const con = readAndDispose(contiguous.forward(model, [{ id: 'a', tokens: seqs.contiguous, start: n - 1, numTokens: 1 }]));
			if (sameArray(seqs.paged, seqs.recompute)) maxDiffPaged = Math.max(maxDiffPaged, maxAbsDiff(pag, rec));
			if (sameArray(seqs.contiguous, seqs.recompute)) maxDiffContiguous = Math.max(maxDiffContiguous, maxAbsDiff(con, rec));
			last = { paged: pag, contiguous: con, recompute: rec };
		}
	} finally {
		paged.dispose();
		contiguous.dispose();
	}
	const cut = (s: number[]) => s.slice(prompt.length);
	const tokens = { paged: cut(seqs.paged), contiguous: cut(seqs.contiguous), recompute: cut(seqs.recompute) };
	return {
		maxDiffPaged,
		maxDiffContiguous,
		tokens,
		sameTokens: sameArray(tokens.paged, tokens.recompute) && sameArray(tokens.contiguous, tokens.recompute)
	};
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
	const out = new Float32Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}

function sameArray(a: readonly number[], b: readonly number[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}
