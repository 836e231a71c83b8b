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
			})
		);
	});
});
