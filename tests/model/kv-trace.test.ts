/**
 * Chapter 3's picture reads the model's own K/V: the trace the model worker computes for the
 * chapter's text (kvTraceOfText, in both languages' models) equals the K and V that one
 * forward pass over the whole text produces, with and without the cache, at every step; the
 * cached way computes one row per decode step and the recompute way every row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denseAttend, forward } from '../../src/lib/model/gpt';
import { headDim } from '../../src/lib/model/config';
import { kvTrace, kvTraceOfText } from '../../src/lib/model/kv-trace';
import { disposeWeights } from '../../src/lib/model/params';
import type { LoadedModel } from '../../src/lib/model/weights';
import { KV_PROMPT, KV_SHOWN } from '../../src/lib/learn/kv-steps';
import { learn2En } from '../../src/lib/i18n/learn2.en';
import { learn2Zh } from '../../src/lib/i18n/learn2.zh';
import { loadShippedModel } from '../../scripts/model-node';
import { setupBackend, smallModel, tf } from './helpers';

/** One forward pass over the whole text, no cache: every layer's K and V, [T][nh·hs] per layer. */
function forwardKv({ model, tokenizer }: LoadedModel, text: string) {
	const tokens = tokenizer.encode(text);
	const chunks = [{ tokens, start: 0, numTokens: tokens.length }];
	const kv: Record<string, Float32Array> = {};
	forward(model, chunks, denseAttend(chunks), 'all', (name, t) => {
		if (/^h\.\d+\.[kv]$/.test(name)) kv[name] = (t.dataSync() as Float32Array).slice();
	}).dispose();
	return { tokens, kv };
}

const models: Record<string, LoadedModel> = {};

beforeAll(async () => {
	await setupBackend();
	models.kjv = await loadShippedModel('kjv');
	models.zh = await loadShippedModel('zh');
});
afterAll(() => Object.values(models).forEach((m) => disposeWeights(m.model.weights)));

describe('kvTrace: the picture’s numbers are the forward pass’s K and V', () => {
	it.each([
		['kjv', learn2En['learn.kv.text']],
		['zh', learn2Zh['learn.kv.text']]
	])('%s model, the chapter’s text', (name, text) => {
		const loaded = models[name];
		const { tokens, kv } = forwardKv(loaded, text);
		const trace = kvTraceOfText(loaded, text, KV_SHOWN);
		const { layer, head, dims } = KV_SHOWN;
		const hs = headDim(loaded.model.config);
		const nh = loaded.model.config.nHead;
		const expected = (kind: 'k' | 'v', p: number) =>
			Array.from(kv[`h.${layer}.${kind}`].subarray((p * nh + head) * hs, (p * nh + head) * hs + dims));

		expect(trace.chars.join('')).toBe(text);
		expect(trace.steps.map((s) => s.n)).toEqual(Array.from({ length: tokens.length - KV_PROMPT + 1 }, (_, i) => KV_PROMPT + i));
		for (const [i, s] of trace.steps.entries()) {
			expect(s.computedWithout).toBe(s.n);
			expect(s.computedWith).toBe(i === 0 ? KV_PROMPT : 1);
			expect(s.maxDiff).toBeLessThan(1e-4);
			for (const way of ['without', 'with'] as const)
				for (const kind of ['k', 'v'] as const) {
					expect(s[way][kind]).toHaveLength(s.n);
					for (let p = 0; p < s.n; p++) {
						const got = s[way][kind][p];
						const want = expected(kind, p);
						expect(got).toHaveLength(dims);
						for (let d = 0; d < dims; d++)
							expect(Math.abs(got[d] - want[d]), `${way} ${kind} step ${i} pos ${p} dim ${d}`).toBeLessThan(1e-4);
					}
				}
		}
		// Real numbers, not zeros: a picture of an empty pool would pass the comparisons above only if the forward pass were zero too.
		expect(Math.max(...trace.steps.at(-1)!.with.k.flat().map(Math.abs))).toBeGreaterThan(0.05);
	});

	it('counts the rows each forward pass computed, leaks no tensor, and refuses what the model cannot show', () => {
		const model = smallModel();
		const tokens = [1, 2, 3, 4, 5, 6, 7];
		const before = tf.memory().numTensors;
		const trace = kvTrace(model, tokens, tokens.map(String), { prompt: 3, layer: 1, head: 1, dims: 4, blockSize: 2 });
		expect(tf.memory().numTensors).toBe(before);
		expect(trace.steps.map((s) => [s.computedWithout, s.computedWith])).toEqual([
			[3, 3],
			[4, 1],
			[5, 1],
			[6, 1],
			[7, 1]
		]);
		expect(() => kvTrace(model, tokens, [], { prompt: 8, layer: 0, head: 0, dims: 4, blockSize: 2 })).toThrow(/prompt of 8/);
		expect(() => kvTrace(model, tokens, [], { prompt: 3, layer: 2, head: 0, dims: 4, blockSize: 2 })).toThrow(/2 layers/);
	});
});
