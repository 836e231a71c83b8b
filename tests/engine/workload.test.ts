import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/lib/engine/config';
import { clampWorkload, DEFAULT_WORKLOAD, generateWorkload, validateWorkload, type WorkloadSpec } from '../../src/lib/workload/workload';
import { parseConfig } from '../../src/lib/engine/config';
import { simulate } from '../../src/lib/engine/simulate';

const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;

/** E[min(X, c)] for X log-normal with the given mean and σ = 1: gen_trace.py's clipping. */
function clippedMean(m: number, c: number): number {
	const mu = Math.log(m) - 0.5;
	return m * phi(Math.log(c) - mu - 1) + c * (1 - phi(Math.log(c) - mu));
}
function phi(x: number): number {
	// Abramowitz–Stegun 7.1.26 through erf.
	const z = Math.abs(x) / Math.SQRT2;
	const t = 1 / (1 + 0.3275911 * z);
	const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-z * z);
	return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

describe('length distributions (20K samples)', () => {
	it.each([
		['sharegpt', 161.31, 337.99],
		['alpaca', 19.31, 58.45]
	] as const)('%s matches the paper’s means within the clipping of gen_trace.py', (preset, inMean, outMean) => {
		const reqs = generateWorkload({ preset, numRequests: 20_000, seed: 7 });
		const p = mean(reqs.map((r) => r.promptTokens.length));
		const o = mean(reqs.map((r) => r.outputLen));
		// Prompts are cut at maxLen/2 = 1024, outputs at 2048 - prompt.
		expect(p).toBeGreaterThan(clippedMean(inMean, 1024) * 0.97);
		expect(p).toBeLessThan(clippedMean(inMean, 1024) * 1.03);
		expect(o).toBeGreaterThan(clippedMean(outMean, 1900) * 0.97);
		expect(o).toBeLessThan(clippedMean(outMean, 1900) * 1.03);
		// And within 5% of the paper's unclipped means.
		expect(Math.abs(p / inMean - 1)).toBeLessThan(0.05);
		expect(Math.abs(o / outMean - 1)).toBeLessThan(0.05);
		for (const r of reqs) {
			expect(r.promptTokens.length).toBeGreaterThanOrEqual(1);
			expect(r.outputLen).toBeGreaterThanOrEqual(1);
			expect(r.promptTokens.length + r.outputLen).toBeLessThanOrEqual(2048);
		}
	});

	it('has a log-normal spread (median ≈ mean / √e)', () => {
		const reqs = generateWorkload({ preset: 'alpaca', numRequests: 20_000, seed: 3 });
		const sorted = reqs.map((r) => r.outputLen).sort((a, b) => a - b);
		const median = sorted[sorted.length / 2];
		expect(median / (58.45 / Math.sqrt(Math.E))).toBeGreaterThan(0.95);
		expect(median / (58.45 / Math.sqrt(Math.E))).toBeLessThan(1.05);
	});

	it('respects a small maxLen', () => {
		for (const r of generateWorkload({ preset: 'sharegpt', numRequests: 2000, maxLen: 64 })) {
			expect(r.promptTokens.length).toBeLessThanOrEqual(32);
			expect(r.promptTokens.length + r.outputLen).toBeLessThanOrEqual(64);
		}
	});
});

describe('generateWorkload', () => {
	it('is deterministic for a seed and differs between seeds', () => {
		const spec: Partial<WorkloadSpec> = {
			preset: 'sharegpt',
			numRequests: 300,
			ratePerStep: 0.5,
			sharedPrefixLen: 20,
			sharedPrefixFraction: 0.3
		};
		expect(generateWorkload(spec)).toEqual(generateWorkload(spec));
		expect(generateWorkload({ ...spec, seed: 1 })).not.toEqual(generateWorkload(spec));
	});

	it('keeps lengths when only the rate changes', () => {
		const a = generateWorkload({ numRequests: 50, ratePerStep: 1 });
		const b = generateWorkload({ numRequests: 50, ratePerStep: 4 });
		expect(b.map((r) => r.promptTokens)).toEqual(a.map((r) => r.promptTokens));
		expect(b.map((r) => r.arrivalStep)).not.toEqual(a.map((r) => r.arrivalStep));
	});

	it('gives fixed lengths, ids r0.., token ids in the vocabulary', () => {
		const reqs = generateWorkload({ preset: 'fixed', numRequests: 5, promptLen: 7, outputLen: 3, vocabSize: 10, ratePerStep: 0 });
		expect(reqs.map((r) => r.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
		for (const r of reqs) {
			expect(r.arrivalStep).toBe(0);
			expect(r.promptTokens).toHaveLength(7);
			expect(r.outputLen).toBe(3);
			for (const t of r.promptTokens) expect(Number.isInteger(t) && t >= 0 && t < 10).toBe(true);
			expect(r.n).toBeUndefined();
			expect(r.beamWidth).toBeUndefined();
		}
	});

	it('draws Poisson arrivals with the given mean rate', () => {
		const reqs = generateWorkload({ preset: 'alpaca', numRequests: 20_000, ratePerStep: 4, seed: 5 });
		const steps = reqs.map((r) => r.arrivalStep);
		for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThanOrEqual(steps[i - 1]);
		expect(steps[0]).toBe(0);
		const rate = reqs.length / (steps[steps.length - 1] + 1);
		expect(rate).toBeGreaterThan(3.8);
		expect(rate).toBeLessThan(4.2);
		// Poisson counts per step: variance ≈ mean.
		const counts = new Array(steps[steps.length - 1] + 1).fill(0);
		for (const s of steps) counts[s]++;
		const m = mean(counts);
		const v = mean(counts.map((c) => (c - m) ** 2));
		expect(v / m).toBeGreaterThan(0.85);
		expect(v / m).toBeLessThan(1.15);
	});

	it('spaces arrivals evenly like gen_trace.py on request', () => {
		const reqs = generateWorkload({ numRequests: 6, ratePerStep: 2, arrivals: 'even' });
		expect(reqs.map((r) => r.arrivalStep)).toEqual([0, 0, 1, 1, 2, 2]);
	});

	it('puts one shared prefix in front of the given fraction of prompts', () => {
		const reqs = generateWorkload({
			preset: 'fixed',
			numRequests: 10,
			promptLen: 5,
			outputLen: 5,
			sharedPrefixLen: 12,
			sharedPrefixFraction: 0.5
		});
		const withPrefix = reqs.filter((r) => r.promptTokens.length === 17);
		expect(withPrefix).toHaveLength(5);
		const prefix = withPrefix[0].promptTokens.slice(0, 12);
		for (const r of withPrefix) expect(r.promptTokens.slice(0, 12)).toEqual(prefix);
		expect(reqs.filter((r) => r.promptTokens.length === 5)).toHaveLength(5);
	});

	it('sets n or beamWidth on every request', () => {
		expect(generateWorkload({ numRequests: 3, n: 4 }).every((r) => r.n === 4 && r.beamWidth === undefined)).toBe(true);
		expect(generateWorkload({ numRequests: 3, beamWidth: 2 }).every((r) => r.beamWidth === 2 && r.n === undefined)).toBe(true);
	});

	it('prefix caching finds the shared prefix in a run', () => {
		const requests = generateWorkload({
			preset: 'fixed',
			numRequests: 20,
			promptLen: 8,
			outputLen: 4,
			sharedPrefixLen: 64,
			sharedPrefixFraction: 1,
			ratePerStep: 1
		});
		const { summary, events } = simulate(parseConfig({ maxNumBatchedTokens: 1024 }), requests);
		expect(summary.finished).toBe(20);
		// 4 full blocks of the 64-token prefix, hit by every request after the first.
		expect(events.filter((e) => e.type === 'prefix_hit')).toHaveLength(19 * 4);
	});
});

describe('validateWorkload / clampWorkload', () => {
	it.each([
		[{ preset: 'lmsys' }, 'preset'],
		[{ numRequests: -1 }, 'numRequests'],
		[{ numRequests: 2.5 }, 'numRequests'],
		[{ promptLen: 0 }, 'promptLen'],
		[{ outputLen: Number.NaN }, 'outputLen'],
		[{ sharedPrefixFraction: 1.5 }, 'sharedPrefixFraction'],
		[{ n: 0 }, 'n'],
		[{ n: 2, beamWidth: 2 }, 'beamWidth'],
		[{ maxLen: 1 }, 'maxLen'],
		[{ vocabSize: 0 }, 'vocabSize'],
		[{ seed: -3 }, 'seed'],
		[{ ratePerStep: Infinity }, 'ratePerStep'],
		[{ preset: 'fixed', promptLen: 100, outputLen: 100, maxLen: 150 }, 'outputLen'],
		[{ sharedPrefixLen: 2047, sharedPrefixFraction: 0.1 }, 'sharedPrefixLen'],
		[{ bogus: 1 }, 'bogus']
	] as [Record<string, unknown>, string][])('%j is refused naming %s', (raw, field) => {
		try {
			validateWorkload(raw as Partial<WorkloadSpec>);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(InputError);
			expect((e as InputError).field).toBe(field);
		}
		expect(() => generateWorkload(raw as Partial<WorkloadSpec>)).toThrow(InputError);
	});

	it('fills defaults', () => {
		expect(validateWorkload({})).toEqual(DEFAULT_WORKLOAD);
		expect(validateWorkload({ seed: undefined })).toEqual(DEFAULT_WORKLOAD);
	});

	it('clamps into range with a notice per change, and the result validates', () => {
		const { spec, notices } = clampWorkload({
			numRequests: -5,
			n: 2.4,
			beamWidth: 3,
			sharedPrefixFraction: 2,
			promptLen: Number.NaN
		} as Partial<WorkloadSpec>);
		expect(spec.numRequests).toBe(0);
		expect(spec.n).toBe(2);
		expect(spec.beamWidth).toBe(1);
		expect(spec.sharedPrefixFraction).toBe(1);
		expect(spec.promptLen).toBe(DEFAULT_WORKLOAD.promptLen);
		expect(notices.map((n) => n.split(':')[0]).sort()).toEqual(['beamWidth', 'n', 'numRequests', 'promptLen', 'sharedPrefixFraction']);
		expect(() => validateWorkload(spec)).not.toThrow();
		const fixed = clampWorkload({ preset: 'fixed', promptLen: 100, outputLen: 100, maxLen: 150 });
		expect(fixed.spec.outputLen).toBe(50);
		expect(() => validateWorkload(fixed.spec)).not.toThrow();
		expect(clampWorkload({}).notices).toEqual([]);
	});
});
