/**
 * The pages' pipeline: the engine's store hands out deltas (takeDelta), a follower store
 * appends them (appendDelta), and a RunIndexer advances over the follower as it grows. The
 * follower must hold the very same events, and the index built while following must equal
 * the one built in one pass over the whole store, whatever the delta boundaries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOCATORS, parseConfig, type EngineConfig } from '../../src/lib/engine/config';
import { Engine } from '../../src/lib/engine/engine';
import { EventStore } from '../../src/lib/events/store';
import { toJsonl } from '../../src/lib/events/store-jsonl';
import { RunIndexer, indexRun } from '../../src/lib/replay/run';
import { generateWorkload } from '../../src/lib/workload/workload';
import type { RequestSpec } from '../../src/lib/workload/request';

const configArb = fc
	.record({
		blockSize: fc.constantFrom(1, 4, 16),
		numGpuBlocks: fc.integer({ min: 6, max: 64 }),
		numCpuBlocks: fc.integer({ min: 0, max: 32 }),
		maxNumSeqs: fc.integer({ min: 1, max: 8 }),
		enablePrefixCaching: fc.boolean(),
		enableChunkedPrefill: fc.boolean(),
		preemptionMode: fc.constantFrom('recompute', 'swap'),
		allocator: fc.constantFrom(...ALLOCATORS),
		semantics: fc.constantFrom('paper', 'v1')
	})
	.map((c): EngineConfig => {
		const v1 = c.semantics === 'v1' ? { allocator: 'paged', preemptionMode: 'recompute', numCpuBlocks: 0 } : {};
		return parseConfig({ ...c, ...v1, maxModelLen: 256, maxNumBatchedTokens: c.enableChunkedPrefill ? 64 : 512 }, 'test');
	});

const requestsArb = fc
	.record({ seed: fc.integer({ min: 0, max: 1000 }), n: fc.integer({ min: 1, max: 24 }), beams: fc.boolean() })
	.map(({ seed, n, beams }): RequestSpec[] =>
		generateWorkload({ preset: 'sharegpt', numRequests: n, ratePerStep: 2, maxLen: 256, seed }).map((r, i) =>
			beams && i % 3 === 0 ? { ...r, beamWidth: 2 } : i % 4 === 1 ? { ...r, n: 2 } : r
		)
	);

/** Simulate, handing the follower a delta after a random number of steps each time; index it as it grows. */
function follow(config: EngineConfig, requests: RequestSpec[], every: number[], maxGap: number, drain = false) {
	if (config.semantics === 'v1') requests = requests.map((r) => ({ ...r, beamWidth: 1 }));
	// Drained, the engine's store keeps nothing a delta took: the same run into a whole store is the reference.
	const source = new EventStore({ drain });
	const engine = new Engine(config, requests, { sink: source });
	const follower = new EventStore();
	let ix: RunIndexer | null = null;
	let k = 0;
	let steps = 0;
	const hand = () => {
		follower.appendDelta(source.takeDelta());
		ix ??= new RunIndexer(follower, { maxGap });
		ix.advance();
	};
	while (engine.step()) if (++steps >= every[k % every.length]) (hand(), (steps = 0), k++);
	hand();
	const summary = engine.summary();
	let store = source;
	if (drain) new Engine(config, requests, { sink: (store = new EventStore()) }).run();
	// The one-pass index, with checkpoints as close: boundaries then fall inside gaps and on checkpoints.
	const whole = new RunIndexer(store, { maxGap }).finish(config, summary);
	return { store, follower, followed: ix!.finish(config, summary), whole };
}

describe('store deltas and an index that follows them', () => {
	it('a follower holds the same events, and its index equals the one-pass index', () => {
		fc.assert(
			fc.property(
				configArb,
				requestsArb,
				fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
				fc.boolean(),
				(config, requests, every, drain) => {
					const { store, follower, followed, whole } = follow(config, requests, every, 32, drain);
					expect(follower.length).toBe(store.length);
					expect(toJsonl(follower)).toBe(toJsonl(store));
					expect(follower.data()).toEqual(store.data());
					expect(followed.lanes).toEqual(whole.lanes);
					expect(followed.memory).toEqual(whole.memory);
					expect(Array.from(followed.stepNumbers)).toEqual(Array.from(whole.stepNumbers));
					expect(followed.replay.data()).toEqual(whole.replay.data());
					for (const c of [1, Math.ceil(store.length / 3), Math.ceil((2 * store.length) / 3), store.length]) {
						const a = whole.replay.stateAt(c);
						const b = followed.replay.stateAt(c);
						expect(b.step).toBe(a.step);
						expect(b.gpu.map((x) => [x.refCount, x.owner, x.fill, x.tokens])).toEqual(
							a.gpu.map((x) => [x.refCount, x.owner, x.fill, x.tokens])
						);
						expect([...b.requests.values()]).toEqual([...a.requests.values()]);
					}
				}
			),
			{ numRuns: 60 }
		);
	});

	it('the one-pass index is indexRun (default spacing)', () => {
		const config = parseConfig({ blockSize: 16, numGpuBlocks: 32, maxNumSeqs: 4, maxNumBatchedTokens: 512, maxModelLen: 256 }, 'test');
		const requests = generateWorkload({ preset: 'sharegpt', numRequests: 30, ratePerStep: 1, maxLen: 256, seed: 4 });
		const { followed, store } = follow(config, requests, [3, 1, 7], Infinity);
		const whole = indexRun(config, store, followed.summary);
		expect(followed.replay.data()).toEqual(whole.replay.data());
		expect(followed.lanes).toEqual(whole.lanes);
	});

	it('a drained store refuses to be read whole', () => {
		const store = new EventStore({ drain: true });
		expect(() => store.data()).toThrow(/drained/);
	});

	it('a delta of nothing new appends nothing', () => {
		const config = parseConfig({ blockSize: 16, numGpuBlocks: 32, maxNumSeqs: 4, maxNumBatchedTokens: 512, maxModelLen: 256 }, 'test');
		const store = new EventStore();
		const engine = new Engine(config, generateWorkload({ preset: 'sharegpt', numRequests: 5, ratePerStep: 1, maxLen: 256, seed: 3 }), {
			sink: store
		});
		engine.step();
		const follower = new EventStore();
		follower.appendDelta(store.takeDelta());
		const before = follower.data();
		follower.appendDelta(store.takeDelta());
		expect(follower.data()).toEqual(before);
	});
});
