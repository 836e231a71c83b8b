/**
 * Golden tests: paged cache ≈ contiguous cache ≈ full recomputation (max |Δlogit| ≤ 1e-4),
 * on random prompts, random block sizes and shuffled physical block ids, and after CoW
 * fork, swap out/in and a prefix-cache hit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/lib/workload/rng';
import { forward, forwardRecompute, gatherBlocks } from '../../src/lib/model/gpt';
import type { Gpt } from '../../src/lib/model/params';
import type { PagedChunk } from '../../src/lib/model/paged-kv-cache';
import { PagedKvCache, readAndDispose } from '../../src/lib/model/paged-kv-cache';
import { maxAbsDiff, verifyThreeWay } from '../../src/lib/model/verify';
import { randomTokens, setupBackend, smallModel, tf, ToyBlocks } from './helpers';

const TOL = 1e-4;
let model: Gpt;

beforeAll(async () => {
	await setupBackend();
	model = smallModel();
});

/** Logits of the last token of `tokens`, recomputed from scratch. */
function recomputeLast(tokens: readonly number[]): Float32Array {
	return readAndDispose(forwardRecompute(model, tokens, 'last'));
}

/** One paged forward over `chunks`: logits of each chunk's last token, [S, V] flattened. */
function pagedForward(cache: PagedKvCache, chunks: PagedChunk[]): Float32Array {
	return readAndDispose(forward(model, chunks, cache.attend(chunks), 'last'));
}

describe('paged ≈ contiguous ≈ recompute', () => {
	it('runs on the wasm backend', () => expect(tf.getBackend()).toBe('wasm'));

	it('the one-hot block selection used on wasm equals tf.gather exactly', () => {
		const pool = tf.randomNormal([9, 4, 2, 3]) as tf.Tensor4D;
		const ids = [7, 0, 3, 3, 8];
		const viaGather = gatherBlocks(pool, tf.tensor1d(ids, 'int32'));
		const viaMatmul = gatherBlocks(pool, tf.oneHot(tf.tensor1d(ids, 'int32'), 9).toFloat());
		expect(Array.from(viaMatmul.dataSync())).toEqual(Array.from(viaGather.dataSync()));
		tf.dispose([pool, viaGather, viaMatmul]);
	});

	it.each([0, 1, 2, 3, 4, 5])('random prompt, block size and block order (seed %i)', (seed) => {
		const rng = new Rng(100 + seed);
		const prompt = randomTokens(rng, 1 + rng.int(50), model.config.vocabSize);
		const blockSize = 1 + rng.int(16);
		const r = verifyThreeWay(model, prompt, { newTokens: 12, blockSize, seed });
		expect(r.maxDiffPaged, `paged vs recompute, block size ${blockSize}`).toBeLessThanOrEqual(TOL);
		expect(r.maxDiffContiguous, 'contiguous vs recompute').toBeLessThanOrEqual(TOL);
		expect(r.tokens.paged).toEqual(r.tokens.recompute);
		expect(r.tokens.contiguous).toEqual(r.tokens.recompute);
	});

	it('a batch mixing a prefill chunk and two decodes matches each sequence alone', () => {
		const rng = new Rng(9);
		const bs = 4;
		const blocks = new ToyBlocks(64, rng);
		const cache = new PagedKvCache(model.config, { numGpuBlocks: 64, blockSize: bs, numCpuBlocks: 0 });
		const V = model.config.vocabSize;
		const a = randomTokens(rng, 13, V);
		const b = randomTokens(rng, 7, V);
		const c = randomTokens(rng, 21, V);
		const ta = blocks.cover([], a.length, bs);
		const tb = blocks.cover([], b.length, bs);
		const tc = blocks.cover([], c.length, bs);
		// a and b are already cached up to their last token; c prefills its first 15 tokens.
		pagedForward(cache, [{ tokens: a, start: 0, numTokens: 12, blockTable: ta }]);
		pagedForward(cache, [{ tokens: b, start: 0, numTokens: 6, blockTable: tb }]);
		const mixed = pagedForward(cache, [
			{ tokens: a, start: 12, numTokens: 1, blockTable: ta },
			{ tokens: c, start: 0, numTokens: 15, blockTable: tc },
			{ tokens: b, start: 6, numTokens: 1, blockTable: tb }
		]);
		expect(maxAbsDiff(mixed.subarray(0, V), recomputeLast(a))).toBeLessThanOrEqual(TOL);
		expect(maxAbsDiff(mixed.subarray(V, 2 * V), recomputeLast(c.slice(0, 15)))).toBeLessThanOrEqual(TOL);
		expect(maxAbsDiff(mixed.subarray(2 * V), recomputeLast(b))).toBeLessThanOrEqual(TOL);
		cache.dispose();
	});

	it('after a copy-on-write fork both branches match recompute', () => {
		const rng = new Rng(11);
		const bs = 8;
		const blocks = new ToyBlocks(32, rng);
		const cache = new PagedKvCache(model.config, { numGpuBlocks: 32, blockSize: bs, numCpuBlocks: 0 });
		const V = model.config.vocabSize;
		const prompt = randomTokens(rng, 19, V); // 2 full blocks + 3 tokens in a shared partial block
		const parent = blocks.cover([], prompt.length, bs);
		pagedForward(cache, [{ tokens: prompt, start: 0, numTokens: prompt.length, blockTable: parent }]);
		// Fork: the child shares the full blocks; its partial last block is copied (CoW).
		const copy = blocks.take();
		cache.applyOps({ copies: [[parent[2], copy]], swapOut: [], swapIn: [] });
		const child = [parent[0], parent[1], copy];
		const left = [...prompt, 1];
		const right = [...prompt, 2];
		const out = pagedForward(cache, [
			{ tokens: left, start: 19, numTokens: 1, blockTable: parent },
			{ tokens: right, start: 19, numTokens: 1, blockTable: child }
		]);
		expect(maxAbsDiff(out.subarray(0, V), recomputeLast(left))).toBeLessThanOrEqual(TOL);
		expect(maxAbsDiff(out.subarray(V), recomputeLast(right))).toBeLessThanOrEqual(TOL);
		cache.dispose();
	});

	it('after swap out, other work overwriting the blocks, and swap in to new blocks', () => {
		const rng = new Rng(12);
		const bs = 5;
		const cache = new PagedKvCache(model.config, { numGpuBlocks: 8, blockSize: bs, numCpuBlocks: 8 });
		const V = model.config.vocabSize;
		const seq = randomTokens(rng, 22, V);
		const gpu = [6, 1, 4, 0, 3];
		pagedForward(cache, [{ tokens: seq, start: 0, numTokens: seq.length, blockTable: gpu }]);
		const cpu = [7, 2, 5, 0, 1];
		cache.applyOps({ copies: [], swapOut: gpu.map((g, i) => [g, cpu[i]]), swapIn: [] });
		const other = randomTokens(rng, 40, V); // fills every GPU block with someone else's K/V
		pagedForward(cache, [{ tokens: other, start: 0, numTokens: 40, blockTable: [0, 1, 2, 3, 4, 5, 6, 7] }]);
		const back = [2, 7, 5, 1, 0];
		cache.applyOps({ copies: [], swapOut: [], swapIn: cpu.map((c, i) => [c, back[i]]) });
		const next = [...seq, 3];
		const out = pagedForward(cache, [{ tokens: next, start: 22, numTokens: 1, blockTable: back }]);
		expect(maxAbsDiff(out, recomputeLast(next))).toBeLessThanOrEqual(TOL);
		cache.dispose();
	});

	it('a prefix-cache hit reuses the shared blocks without recomputing them', () => {
		const rng = new Rng(13);
		const bs = 6;
		const blocks = new ToyBlocks(32, rng);
		const cache = new PagedKvCache(model.config, { numGpuBlocks: 32, blockSize: bs, numCpuBlocks: 0 });
		const V = model.config.vocabSize;
		const prefix = randomTokens(rng, 18, V); // 3 full blocks
		const a = [...prefix, ...randomTokens(rng, 5, V)];
		const b = [...prefix, ...randomTokens(rng, 9, V)];
		const ta = blocks.cover([], a.length, bs);
		pagedForward(cache, [{ tokens: a, start: 0, numTokens: a.length, blockTable: ta }]);
		const tb = blocks.cover(ta.slice(0, 3), b.length, bs);
		const out = pagedForward(cache, [{ tokens: b, start: 18, numTokens: b.length - 18, blockTable: tb }]);
		expect(maxAbsDiff(out, recomputeLast(b))).toBeLessThanOrEqual(TOL);
		cache.dispose();
	});
});
