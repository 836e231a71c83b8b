/** The attention probe: weights are distributions, read through the block table, and the pool route equals the dense one. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/lib/workload/rng';
import type { Gpt } from '../../src/lib/model/params';
import { NO_OPS } from '../../src/lib/model/generate';
import { ModelExecutor } from '../../src/lib/model/model-executor';
import { groupByBlock, headWeights, probeAttention } from '../../src/lib/model/attention-probe';
import { layoutAttention } from '../../src/lib/model-view/attention-layout';
import { randomTokens, setupBackend, smallModel, tf, ToyBlocks } from './helpers';

const BS = 4;
let model: Gpt;
beforeAll(async () => {
	await setupBackend();
	model = smallModel();
});

/** Prefill `tokens` into shuffled physical blocks through the real executor; the pool then holds their K/V. */
function prefilled(tokens: number[], seed = 3) {
	const ex = new ModelExecutor(model, { numGpuBlocks: 12, blockSize: BS, numCpuBlocks: 0 });
	const table = new ToyBlocks(12, new Rng(seed)).cover([], tokens.length, BS);
	ex.execute({
		step: 0,
		blockSize: BS,
		ops: NO_OPS,
		seqs: [
			{
				req: 'r',
				seq: 0,
				tokens,
				start: 0,
				numTokens: tokens.length,
				blockTable: table,
				sample: true,
				numSamples: 1,
				beamWidth: 0,
				seed: 1
			}
		]
	});
	return { ex, table };
}

describe('probeAttention', () => {
	it('gives each head a distribution over the whole context', () => {
		const tokens = randomTokens(new Rng(1), 11, model.config.vocabSize);
		const { ex, table } = prefilled(tokens);
		const p = probeAttention(model, tokens, table, BS, ex.cache);
		expect(p.source).toBe('pool');
		expect(p.weights.length).toBe(model.config.nLayer * model.config.nHead * tokens.length);
		for (let l = 0; l < p.nLayer; l++)
			for (let h = 0; h < p.nHead; h++) {
				const w = headWeights(p, l, h);
				expect(w.length).toBe(11);
				expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
				for (const x of w) expect(x).toBeGreaterThanOrEqual(0);
			}
		expect(headWeights(p, 0, -1).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
		ex.dispose();
	});

	it('maps positions to (block, offset) through the block table and groups them by block', () => {
		const tokens = randomTokens(new Rng(2), 10, model.config.vocabSize);
		const table = [7, 2, 9];
		const p = probeAttention(model, tokens, table, BS);
		expect(p.source).toBe('dense');
		expect(p.slots).toEqual([
			[7, 0],
			[7, 1],
			[7, 2],
			[7, 3],
			[2, 0],
			[2, 1],
			[2, 2],
			[2, 3],
			[9, 0],
			[9, 1]
		]);
		const groups = groupByBlock(p, headWeights(p, 1, 0), BS);
		expect(groups.map((g) => [g.logical, g.block, g.start, g.weights.length])).toEqual([
			[0, 7, 0, 4],
			[1, 2, 4, 4],
			[2, 9, 8, 2]
		]);
		expect(groups.flatMap((g) => g.weights)).toEqual([...headWeights(p, 1, 0)]);
	});

	it('reads the same weights from the paged pool as the dense forward computes, and really reads the pool', () => {
		const tokens = randomTokens(new Rng(4), 13, model.config.vocabSize);
		const { ex, table } = prefilled(tokens, 5);
		const pool = probeAttention(model, tokens, table, BS, ex.cache);
		const dense = probeAttention(model, tokens, table, BS);
		let worst = 0;
		for (let i = 0; i < dense.weights.length; i++) worst = Math.max(worst, Math.abs(pool.weights[i] - dense.weights[i]));
		expect(worst).toBeLessThan(1e-4);
		// Copy another block's K/V over the sequence's first block: the pool route must notice.
		const spare = [...Array(12).keys()].find((b) => !table.includes(b))!;
		ex.cache.copyBlocks([[spare, table[0]]]);
		const broken = probeAttention(model, tokens, table, BS, ex.cache);
		let diff = 0;
		for (let i = 0; i < dense.weights.length; i++) diff = Math.max(diff, Math.abs(broken.weights[i] - dense.weights[i]));
		expect(diff).toBeGreaterThan(1e-3);
		ex.dispose();
	});

	it('leaks no tensors and rejects a short block table', () => {
		const tokens = randomTokens(new Rng(6), 9, model.config.vocabSize);
		const { ex, table } = prefilled(tokens);
		const before = tf.memory().numTensors;
		probeAttention(model, tokens, table, BS, ex.cache);
		expect(tf.memory().numTensors).toBe(before);
		expect(() => probeAttention(model, tokens, table.slice(0, 2), BS)).toThrow(/block table/);
		ex.dispose();
	});
});

describe('layoutAttention (where the attention view draws blocks and slots)', () => {
	it.each([
		// width, blocks per row → rows for 3 used blocks of 4 slots (18 px each, 8 px gap)
		[500, 3, 1],
		[160, 2, 2],
		[40, 1, 3]
	])('at width %i puts %i blocks in a row (%i rows)', (width, perRow, rows) => {
		const geo = layoutAttention([7, 2, 9, 5], 4, 10, { width, slot: 18, gap: 8, label: 14 });
		expect(geo.blocks.map((b) => b.block)).toEqual([7, 2, 9]); // only blocks holding positions
		expect(new Set(geo.blocks.map((b) => b.y)).size).toBe(rows);
		expect(geo.blocks.filter((b) => b.y === 0)).toHaveLength(perRow);
		expect(geo.height).toBe(rows * (14 + 18 + 6));
		// Position 5 is block 1's second slot.
		expect(geo.slots[5]).toEqual({ pos: 5, x: geo.blocks[1].x + 18, y: geo.blocks[1].y + 14 });
	});
});
