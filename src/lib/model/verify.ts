/**
 * The golden checks. `verifyThreeWay`: paged cache, contiguous cache and full recomputation
 * give the same logits (and so the same greedy tokens); used by tests, `npm run model --
 * --verify` and the docs. `compareDenseVsPaged`: the dense reference attention against the
 * paged one tensor by tensor (q, k, v, attention output and block output of every layer,
 * then the logits), naming the first tensor that differs — as llm.c's test_gpt2.c does.
 * Paged runs with a shuffled physical block order and a chunked prefill, so block-table
 * indirection and mixed offsets are both exercised.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../workload/rng';
import { ContiguousKvCache } from './contiguous-kv-cache';
import type { SeqChunk } from './gpt';
import { forward, forwardRecompute, denseAttend } from './gpt';
import type { Gpt } from './params';
import type { PagedChunk } from './paged-kv-cache';
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

function checkLength(model: Gpt, prompt: readonly number[], newTokens: number): void {
	const total = prompt.length + newTokens;
	if (total > model.config.contextLength) throw new Error(`prompt + new tokens = ${total} > context ${model.config.contextLength}`);
}

export function verifyThreeWay(model: Gpt, prompt: readonly number[], opts: VerifyOptions): VerifyReport {
	checkLength(model, prompt, opts.newTokens);
	const rng = new Rng(opts.seed);
	const V = model.config.vocabSize;
	const numBlocks = Math.ceil((prompt.length + opts.newTokens) / opts.blockSize) + 3;
	const paged = new PagedKvCache(model.config, { numGpuBlocks: numBlocks, blockSize: opts.blockSize, numCpuBlocks: 0 });
	const blockTable = shuffledIds(numBlocks, rng);
	const contiguous = new ContiguousKvCache();
	const viaPaged = (c: PagedChunk[], rows: 'last' | 'all') => readAndDispose(forward(model, c, paged.attend(c), rows));
	const viaContiguous = (c: (SeqChunk & { id: string })[], rows: 'last' | 'all') =>
		readAndDispose(forward(model, c, contiguous.attend(c), rows));
	const seqs = { paged: [...prompt], contiguous: [...prompt], recompute: [...prompt] };
	let maxDiffPaged = 0;
	let maxDiffContiguous = 0;
	try {
		// Prefill: every prompt position compared; paged prefill split into two chunks.
		const split = 1 + rng.int(prompt.length);
		const p1 = viaPaged([{ tokens: prompt, start: 0, numTokens: split, blockTable }], 'all');
		const p2 =
			split < prompt.length
				? viaPaged([{ tokens: prompt, start: split, numTokens: prompt.length - split, blockTable }], 'all')
				: new Float32Array(0);
		const pagedAll = concat(p1, p2);
		const contAll = viaContiguous([{ id: 'a', tokens: prompt, start: 0, numTokens: prompt.length }], 'all');
		const recAll = readAndDispose(forwardRecompute(model, prompt, 'all'));
		maxDiffPaged = maxAbsDiff(pagedAll, recAll);
		maxDiffContiguous = maxAbsDiff(contAll, recAll);
		let last = { paged: pagedAll.subarray(-V), contiguous: contAll.subarray(-V), recompute: recAll.subarray(-V) };
		for (let step = 0; step < opts.newTokens; step++) {
			seqs.paged.push(argmax(last.paged));
			seqs.contiguous.push(argmax(last.contiguous));
			seqs.recompute.push(argmax(last.recompute));
			if (step === opts.newTokens - 1) break;
			const n = seqs.paged.length;
			const rec = readAndDispose(forwardRecompute(model, seqs.recompute, 'last'));
			const pag = viaPaged([{ tokens: seqs.paged, start: n - 1, numTokens: 1, blockTable }], 'last');
			const con = viaContiguous([{ id: 'a', tokens: seqs.contiguous, start: n - 1, numTokens: 1 }], 'last');
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

/** One named tensor's largest |Δ| between the dense and the paged forward. */
export interface TensorDiff {
	/** `h.{layer}.{q|k|v|attn|out}` or `logits`, with the step: `prefill` or `decode 3`. */
	name: string;
	maxDiff: number;
}

export interface GoldenReport {
	/** Every compared tensor, in forward order, step by step. */
	diffs: TensorDiff[];
	/** The first tensor over the tolerance, or null when all agree. */
	firstOver: TensorDiff | null;
}

/** The named intermediates of one forward, rows [N, …] flattened. */
function tapped(run: (tap: (name: string, t: tf.Tensor) => void) => tf.Tensor): Map<string, { rows: number; data: Float32Array }> {
	const seen = new Map<string, { rows: number; data: Float32Array }>();
	tf.dispose(run((name, t) => seen.set(name, { rows: t.shape[0], data: t.dataSync() as Float32Array })));
	return seen;
}

/**
 * The dense reference (a recompute of every position) against the paged path (the prompt
 * in two chunks through shuffled blocks, then `newTokens` greedy decode steps), every layer's
 * q, k, v, attention output and block output plus the logits, compared on the rows the paged
 * forward computed. `corrupt(cache, blockTable, step)` may damage the pool before a decode
 * step (tests use it to check that the report names the right tensor).
 */
export function compareDenseVsPaged(
	model: Gpt,
	prompt: readonly number[],
	opts: VerifyOptions & { tolerance: number; corrupt?: (cache: PagedKvCache, blockTable: number[], step: number) => void }
): GoldenReport {
	checkLength(model, prompt, opts.newTokens);
	const rng = new Rng(opts.seed);
	const numBlocks = Math.ceil((prompt.length + opts.newTokens) / opts.blockSize) + 3;
	const cache = new PagedKvCache(model.config, { numGpuBlocks: numBlocks, blockSize: opts.blockSize, numCpuBlocks: 0 });
	const blockTable = shuffledIds(numBlocks, rng);
	const tokens = [...prompt];
	const diffs: TensorDiff[] = [];
	const compare = (label: string, chunk: PagedChunk) => {
		const whole = [{ tokens: chunk.tokens.slice(0, chunk.start + chunk.numTokens), start: 0, numTokens: chunk.start + chunk.numTokens }];
		const dense = tapped((tap) => forward(model, whole, denseAttend(whole), 'all', tap));
		const paged = tapped((tap) => forward(model, [chunk], cache.attend([chunk]), 'all', tap));
		for (const [name, p] of paged) {
			const d = dense.get(name)!;
			const width = d.data.length / d.rows; // the paged rows are the dense forward's last ones
			diffs.push({ name: `${name} (${label})`, maxDiff: maxAbsDiff(p.data, d.data.subarray(chunk.start * width)) });
		}
		return paged.get('logits')!.data;
	};
	try {
		const split = 1 + rng.int(prompt.length);
		let logits = compare('prefill', { tokens, start: 0, numTokens: split, blockTable });
		if (split < prompt.length) logits = compare('prefill', { tokens, start: split, numTokens: prompt.length - split, blockTable });
		const V = model.config.vocabSize;
		for (let step = 1; step < opts.newTokens; step++) {
			tokens.push(argmax(logits.subarray(-V)));
			opts.corrupt?.(cache, blockTable, step);
			logits = compare(`decode ${step}`, { tokens, start: tokens.length - 1, numTokens: 1, blockTable });
		}
	} finally {
		cache.dispose();
	}
	return { diffs, firstOver: diffs.find((d) => !(d.maxDiff <= opts.tolerance)) ?? null };
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
