/** The replayed waiting queue's deque behaves as an array would, whatever the operations. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdDeque } from '../../src/lib/replay/id-deque';

const op = fc.oneof(
	fc.record({ kind: fc.constant('push' as const), x: fc.integer({ min: 0, max: 30 }) }),
	fc.record({ kind: fc.constant('unshift' as const), x: fc.integer({ min: 0, max: 30 }) }),
	fc.record({ kind: fc.constant('remove' as const), x: fc.integer({ min: 0, max: 30 }) })
);

describe('IdDeque', () => {
	it('matches an array under push, unshift and remove (first occurrence)', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 20 }), fc.array(op, { maxLength: 200 }), (start, ops) => {
				const q = IdDeque.from(start);
				const model = [...start];
				for (const o of ops) {
					if (o.kind === 'push') (q.push(o.x), model.push(o.x));
					else if (o.kind === 'unshift') (q.unshift(o.x), model.unshift(o.x));
					else {
						q.remove(o.x);
						const i = model.indexOf(o.x);
						if (i >= 0) model.splice(i, 1);
					}
					expect(q.length).toBe(model.length);
				}
				expect(q.toArray()).toEqual(model);
				model.forEach((x, i) => expect(q.at(i)).toBe(x));
				// A clone goes its own way.
				const copy = q.clone();
				q.push(99);
				q.remove(model[0] ?? -1);
				expect(copy.toArray()).toEqual(model);
				// As runs (what a checkpoint keeps) and back.
				const runs = new Int32Array(2 * copy.numRuns);
				copy.writeRuns(runs, 0);
				expect(IdDeque.fromRuns(runs).toArray()).toEqual(model);
			})
		);
	});

	it('keeps consecutive arrivals as one run, however many', () => {
		const q = new IdDeque();
		for (let r = 0; r < 50_000; r++) q.push(r);
		q.remove(0);
		q.remove(1);
		q.unshift(7);
		q.remove(25_000);
		expect(q.length).toBe(49_998);
		expect(q.numRuns).toBe(3);
		expect([q.at(0), q.at(1), q.at(24_998), q.at(24_999)]).toEqual([7, 2, 24_999, 25_001]);
	});
});
