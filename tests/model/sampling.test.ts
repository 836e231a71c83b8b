/** Sampling: greedy, temperature, top-k, top-p, seeded. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/lib/workload/rng';
import { GREEDY, logSoftmax, sampleMany, sampleToken, topCandidates } from '../../src/lib/model/sampling';

const logits = Float32Array.from([1, 3, 2, 0.5, 2.9]);

describe('sampling', () => {
	it('greedy picks the argmax', () => {
		expect(sampleToken(logits, GREEDY, new Rng(1))).toBe(1);
	});

	it('top-k 1 and a tiny top-p are greedy at any temperature', () => {
		for (let seed = 0; seed < 20; seed++) {
			expect(sampleToken(logits, { temperature: 2, topK: 1, topP: 1 }, new Rng(seed))).toBe(1);
			expect(sampleToken(logits, { temperature: 2, topK: 0, topP: 0.01 }, new Rng(seed))).toBe(1);
		}
	});

	it('top-k 2 only ever returns the two best tokens', () => {
		const seen = new Set(sampleMany(logits, { temperature: 1, topK: 2, topP: 1 }, 5, 300));
		expect([...seen].sort()).toEqual([1, 4]);
	});

	it('top-p keeps the smallest set reaching p', () => {
		// probabilities ≈ [.06, .35, .13, .03, .32]: p = 0.6 needs tokens 1 and 4
		const seen = new Set(sampleMany(logits, { temperature: 1, topK: 0, topP: 0.6 }, 5, 300));
		expect([...seen].sort()).toEqual([1, 4]);
	});

	it('follows the distribution and is reproducible from the seed', () => {
		const opts = { temperature: 1, topK: 0, topP: 1 };
		const draws = sampleMany(logits, opts, 42, 4000);
		expect(sampleMany(logits, opts, 42, 4000)).toEqual(draws);
		const p = logSoftmax(logits).map(Math.exp);
		for (let t = 0; t < logits.length; t++) {
			const freq = draws.filter((d) => d === t).length / draws.length;
			expect(Math.abs(freq - p[t])).toBeLessThan(0.03);
		}
	});

	it('high temperature flattens, low temperature sharpens', () => {
		const count = (temperature: number) => sampleMany(logits, { temperature, topK: 0, topP: 1 }, 3, 2000).filter((t) => t === 3).length;
		expect(count(5)).toBeGreaterThan(count(1));
		expect(count(0.2)).toBe(0);
	});

	it('top candidates are sorted with log-probs', () => {
		const c = topCandidates(logits, 3);
		expect(c.map((x) => x.token)).toEqual([1, 4, 2]);
		const lp = logSoftmax(logits);
		c.forEach((x) => expect(x.logprob).toBeCloseTo(lp[x.token], 12));
	});
});
