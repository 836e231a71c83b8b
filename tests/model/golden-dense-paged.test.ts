/**
 * Golden test in the manner of llm.c's test_gpt2.c: the dense reference attention and the
 * paged one, tensor by tensor (q, k, v, attention output and block output of every layer,
 * then the logits), within a tolerance; a failure names the tensor that differs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/lib/workload/rng';
import type { Gpt } from '../../src/lib/model/params';
import { compareDenseVsPaged } from '../../src/lib/model/verify';
import { randomTokens, setupBackend, smallModel } from './helpers';

const TOL = 1e-4;
let model: Gpt;
beforeAll(async () => {
	await setupBackend();
	model = smallModel();
});

describe('dense reference attention vs paged attention, tensor by tensor', () => {
	it.each([
		[3, 1],
		[5, 4],
		[7, 16]
	])('prompt seed %i, block size %i: every named tensor within 1e-4', (seed, blockSize) => {
		const prompt = randomTokens(new Rng(seed), 10 + seed * 3, model.config.vocabSize);
		const r = compareDenseVsPaged(model, prompt, { newTokens: 6, blockSize, seed, tolerance: TOL });
		const perStep = 2 * 5 + 1; // 2 layers × (q, k, v, attn, out) + logits
		expect(r.diffs.length % perStep).toBe(0);
		expect(r.diffs.length / perStep).toBeGreaterThanOrEqual(6); // one or two prefill chunks + 5 decode steps
		expect(r.firstOver, r.firstOver ? `${r.firstOver.name} differs by ${r.firstOver.maxDiff}` : '').toBeNull();
	});

	it('names the first tensor that differs when the pool is damaged', () => {
		const prompt = randomTokens(new Rng(9), 20, model.config.vocabSize);
		// Before decode step 2, overwrite the sequence's first block with a block nobody uses.
		const r = compareDenseVsPaged(model, prompt, {
			newTokens: 4,
			blockSize: 4,
			seed: 1,
			tolerance: TOL,
			corrupt: (cache, table, step) => step === 2 && cache.copyBlocks([[table[table.length - 1], table[0]]])
		});
		// q, k, v of the new token come from its own input: identical. Its attention reads the pool.
		expect(r.firstOver?.name).toBe('h.0.attn (decode 2)');
		expect(r.diffs.filter((d) => d.name.endsWith('(decode 1)')).every((d) => d.maxDiff <= TOL)).toBe(true);
	});
});
