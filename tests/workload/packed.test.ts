/** Requests packed for posting to a worker come back equal, key order included, whatever they hold. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packRequests, unpackRequests } from '../../src/lib/workload/packed';
import { generateWorkload } from '../../src/lib/workload/workload';
import type { RequestSpec } from '../../src/lib/workload/request';

const request: fc.Arbitrary<RequestSpec> = fc
	.record(
		{
			id: fc.string({ maxLength: 12 }).filter((s) => !s.includes('\n')),
			arrivalStep: fc.nat(10_000),
			arrivalMs: fc.double({ min: 0, max: 1e9, noNaN: true }),
			promptTokens: fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { maxLength: 40 }),
			outputLen: fc.integer({ min: 1, max: 131_072 }),
			n: fc.integer({ min: 1, max: 16 }),
			beamWidth: fc.integer({ min: 1, max: 8 })
		},
		{ requiredKeys: ['id', 'arrivalStep', 'promptTokens', 'outputLen'] }
	)
	// The readers' key order (fc.record keeps the order written above).
	.map((r) => ({ ...r }));

describe('packRequests / unpackRequests', () => {
	it('round-trips any requests exactly, key order included', () => {
		fc.assert(
			fc.property(fc.array(request, { maxLength: 30 }), (reqs) => {
				const back = unpackRequests(packRequests(reqs));
				expect(back).toEqual(reqs);
				expect(back.map((r) => JSON.stringify(r))).toEqual(reqs.map((r) => JSON.stringify(r)));
			})
		);
	});

	it('round-trips a generated workload, and refuses an id with a newline', () => {
		const reqs = generateWorkload({ preset: 'sharegpt', numRequests: 200, ratePerStep: 2, maxLen: 2048, seed: 7 });
		expect(unpackRequests(packRequests(reqs))).toEqual(reqs);
		expect(() => packRequests([{ id: 'a\nb', arrivalStep: 0, promptTokens: [1], outputLen: 1 }])).toThrow(/newline/);
	});
});
