/** Replay's pool checkpoints: keys and deltas restore exactly the planes they were taken from. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PoolDiffer, restorePool, type Planes, type PoolPart } from '../../src/lib/replay/pool-checkpoint';

const planes = (n: number, m: number): Planes[] => [
	{ ints: [new Int32Array(n), new Int32Array(n).fill(-1)], bytes: [new Uint8Array(n)] },
	{ ints: [new Int32Array(m)], bytes: [] }
];
const copy = (ds: Planes[]) => ds.map((d) => ({ ints: d.ints.map((p) => Array.from(p)), bytes: d.bytes.map((p) => Array.from(p)) }));

// A write: device, plane (int planes first, then byte planes), block, value.
const write = fc.tuple(fc.nat(1), fc.nat(2), fc.nat(40), fc.integer({ min: -1, max: 200 }));

describe('pool checkpoints', () => {
	it('restore every checkpoint exactly, through keys and deltas', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 41 }),
				fc.integer({ min: 0, max: 9 }),
				fc.array(fc.array(write, { maxLength: 30 }), { maxLength: 25 }),
				(n, m, gaps) => {
					const live = planes(n, m);
					const differ = new PoolDiffer(live);
					const parts: PoolPart[] = [];
					const want: ReturnType<typeof copy>[] = [];
					const take = () => (parts.push(differ.take(live)), want.push(copy(live)));
					take();
					for (const gap of gaps) {
						for (const [d, p, b, v] of gap) {
							const dev = live[d];
							const all = [...dev.ints, ...dev.bytes];
							if (!all.length || b >= all[0].length) continue;
							const plane = all[p % all.length];
							plane[b] = plane instanceof Uint8Array ? v & 255 : v;
						}
						take();
					}
					expect(parts[0].key).toBe(true);
					parts.forEach((_, k) => {
						const into = planes(n, m);
						restorePool(into, (j) => parts[j], k);
						expect(copy(into), `checkpoint ${k}`).toEqual(want[k]);
					});
				}
			),
			{ numRuns: 300 }
		);
	});

	it('store only the changed blocks between keys, and take a key once the deltas outgrow one', () => {
		const live = planes(1000, 0);
		const differ = new PoolDiffer(live);
		const parts = [differ.take(live)];
		for (let k = 0; k < 40; k++) {
			for (let b = 0; b < 100; b++) live[0].ints[0][(k * 100 + b) % 1000] = k + 1;
			parts.push(differ.take(live));
		}
		const delta = parts[1];
		expect(delta.key).toBe(false);
		// 100 changed blocks of 3 planes each: a count per device, then (id, 3 values) per block.
		expect(delta.ints.length).toBe(1 + 100 * 4 + 1);
		const key = parts[0].ints.byteLength + parts[0].bytes.byteLength;
		let since = 0;
		for (const p of parts.slice(1)) {
			if (p.key) {
				expect(since + 402 * 4).toBeGreaterThan(2 * key);
				since = 0;
			} else since += p.ints.byteLength;
			expect(since).toBeLessThanOrEqual(2 * key);
		}
		expect(parts.filter((p) => p.key).length).toBeGreaterThan(1);
	});
});
