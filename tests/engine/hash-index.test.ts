import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashIndex } from '../../src/lib/engine/memory/hash-index';

describe('HashIndex', () => {
	it('behaves like a Map under random sets and deletes of 53-bit keys', () => {
		const key = fc.oneof(
			fc.integer({ min: 0, max: 40 }),
			fc.maxSafeInteger().map((x) => Math.abs(x))
		);
		const op = fc.tuple(fc.boolean(), key, fc.integer({ min: 0, max: 1000 }));
		fc.assert(
			fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
				const index = new HashIndex(64);
				const map = new Map<number, number>();
				for (const [isSet, k, v] of ops) {
					if (isSet && (map.has(k) || map.size < 64)) {
						index.set(k, v);
						map.set(k, v);
					} else {
						index.delete(k);
						map.delete(k);
					}
					expect(index.size).toBe(map.size);
				}
				for (const [k, v] of map) expect(index.get(k)).toBe(v);
				for (const [, k] of ops) if (!map.has(k)) expect(index.get(k)).toBe(-1);
			}),
			{ numRuns: 300 }
		);
	});
});
