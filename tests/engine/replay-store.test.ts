/**
 * Replay over the compact store, with the engine emitting straight into it: after every
 * step the replayed state equals the engine's (checkpoints spaced by a memory budget, or a
 * few events apart), any cursor reached from a checkpoint equals folding from the start,
 * and a Replay posted as data (what the worker sends) answers the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOCATORS, parseConfig, type EngineConfig } from '../../src/lib/engine/config';
import { Engine } from '../../src/lib/engine/engine';
import { inspectEngine } from '../../src/lib/engine/inspect';
import { EventStore } from '../../src/lib/events/store';
import { Replay, replayAll } from '../../src/lib/replay/replay';
import { ReplayFold } from '../../src/lib/replay/fold';
import { PoolDiffer } from '../../src/lib/replay/pool-checkpoint';
import { RunTables } from '../../src/lib/replay/run-tables';
import type { BlockState, ReplayState } from '../../src/lib/replay/state';
import { ShownStates, WARM_CURSORS, warmWhenIdle } from '../../src/lib/state/shown-states';
import type { RequestSpec } from '../../src/lib/workload/request';

const configArb = fc
	.record({
		blockSize: fc.constantFrom(1, 2, 4, 8),
		numGpuBlocks: fc.integer({ min: 4, max: 40 }),
		numCpuBlocks: fc.integer({ min: 0, max: 24 }),
		maxNumSeqs: fc.integer({ min: 1, max: 8 }),
		maxModelLen: fc.integer({ min: 8, max: 80 }),
		enablePrefixCaching: fc.boolean(),
		enableChunkedPrefill: fc.boolean(),
		preemptionMode: fc.constantFrom('recompute', 'swap', 'auto'),
		allocator: fc.constantFrom(...ALLOCATORS),
		seed: fc.integer({ min: 0, max: 1000 })
	})
	.map((c): EngineConfig => parseConfig({ ...c, maxNumBatchedTokens: c.enableChunkedPrefill ? 16 : c.maxModelLen + 8 }, 'property'));

const workloadArb = fc
	.array(
		fc.record({
			arrivalStep: fc.integer({ min: 0, max: 12 }),
			promptTokens: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 40 }),
			outputLen: fc.integer({ min: 1, max: 24 }),
			n: fc.constantFrom(1, 1, 2, 3),
			beamWidth: fc.constantFrom(1, 1, 1, 2, 3)
		}),
		{ minLength: 1, maxLength: 8 }
	)
	.map((rs): RequestSpec[] => rs.map((r, i) => ({ id: `r${i}`, ...r, n: r.beamWidth > 1 ? 1 : r.n })));

const LIVE = new Set(['waiting', 'running', 'swapped']);

function engineState(engine: Engine) {
	const now = inspectEngine(engine);
	const requests = now.requests.sort((a, b) => (a.id < b.id ? -1 : 1));
	return now.gpu ? { requests, ...now.gpu } : { requests };
}

function replayedState(s: ReplayState) {
	const live = [...s.requests.values()].filter((r) => LIVE.has(r.status)).sort((a, b) => (a.id < b.id ? -1 : 1));
	const requests = live.map((r) => ({
		id: r.id,
		status: r.status,
		seqs: r.seqs.map((q) => ({ seq: q.seq, blockTable: q.blockTable, numComputed: q.numComputed, tokens: q.tokens }))
	}));
	if (s.config.allocator !== 'paged') return { requests };
	return { requests, refCount: s.gpu.map((b) => b.refCount), cached: s.gpu.map((b) => b.cached), freeQueue: s.freeQueue };
}

/** Every field of a block, read through its getters (a spread would miss them). */
const blockFields = (b: BlockState) => ({
	id: b.id,
	refCount: b.refCount,
	cached: b.cached,
	owner: b.owner,
	fill: b.fill,
	tokens: b.tokens,
	nullBlock: b.nullBlock ?? false
});

/** Everything a view reads, tokens and finished requests included; one block at a time reads the same as all at once. */
function full(s: ReplayState) {
	// Asked one by one first, before the whole pool's blocks exist.
	const one = (device: 'gpu' | 'cpu', n: number) => Array.from({ length: n }, (_, i) => blockFields(s.block!(device, i)!));
	const gpuOne = one('gpu', s.config.numGpuBlocks);
	const cpuOne = one('cpu', s.config.numCpuBlocks);
	const { block: _block, ...rest } = s;
	expect(s.block!('gpu', s.config.numGpuBlocks)).toBeUndefined();
	const gpu = s.gpu.map(blockFields);
	const cpu = s.cpu.map(blockFields);
	expect(gpuOne).toEqual(gpu);
	expect(cpuOne).toEqual(cpu);
	expect(s.freeBlocks).toBe(s.freeQueue.length);
	// The arrays the pool maps draw.
	for (const [arrays, blocks] of [
		[s.pool!, gpu],
		[s.cpuPool!, cpu]
	] as const)
		expect({ ref: Array.from(arrays.refCount), fill: Array.from(arrays.fill), cached: Array.from(arrays.cached, (c) => c === 1) }).toEqual({
			ref: blocks.map((b) => b.refCount),
			fill: blocks.map((b) => b.fill),
			cached: blocks.map((b) => b.cached)
		});
	return {
		...rest,
		gpu,
		cpu,
		requests: [...s.requests.values()].map((r) => ({ ...r, seqs: r.seqs.map((q) => ({ ...q, tokens: q.tokens })) }))
	};
}

function run(config: EngineConfig, requests: RequestSpec[]) {
	const store = new EventStore();
	const engine = new Engine(config, requests, { sink: store });
	const states: ReturnType<typeof engineState>[] = [];
	while (engine.step()) states.push(engineState(engine));
	return { store, states };
}

describe('replay over the compact store (property-based)', () => {
	it('equals the engine after every step, with checkpoints by budget and a few events apart', () => {
		fc.assert(
			fc.property(configArb, workloadArb, fc.constantFrom(undefined, 7, 40), (config, requests, maxGap) => {
				const { store, states } = run(config, requests);
				const replay = new Replay(store, { maxGap });
				expect(replay.stepEnds).toHaveLength(states.length);
				replay.stepEnds.forEach((cursor, i) => expect(replayedState(replay.stateAt(cursor)), `after step #${i}`).toEqual(states[i]));
			}),
			{ numRuns: 200 }
		);
	});

	it('reaches any cursor from a checkpoint as folding from the start would, also after posting', () => {
		fc.assert(
			fc.property(
				configArb,
				workloadArb,
				fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
				(config, requests, at) => {
					const { store } = run(config, requests);
					const near = new Replay(store, { maxGap: 5 });
					const posted = Replay.fromData(EventStore.fromData(structuredClone(store.data())), structuredClone(near.data()));
					const whole = new Replay(store, { maxGap: 1e9 });
					for (const u of at) {
						const c = 1 + Math.floor(u * (store.length - 1));
						const want = full(whole.stateAt(c));
						expect(full(near.stateAt(c)), `cursor ${c}`).toEqual(want);
						expect(full(posted.stateAt(c)), `cursor ${c}, posted`).toEqual(want);
					}
					expect(full(near.stateAt(store.length))).toEqual(full(replayAll(store)));
				}
			),
			{ numRuns: 120 }
		);
	});

	it('plays forward and back through one replay as fresh replays would, and a state never changes after it is returned', () => {
		fc.assert(
			fc.property(
				configArb,
				workloadArb,
				fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 12 }),
				(config, requests, at) => {
					const { store } = run(config, requests);
					const replay = new Replay(store, { maxGap: 9 });
					const seen: [ReturnType<typeof replay.stateAt>, ReturnType<typeof full>][] = [];
					// Forward runs of consecutive steps (as the player does), with jumps between.
					const cursors = at.flatMap((u) => {
						const c = 1 + Math.floor(u * (store.length - 1));
						return [c, Math.min(store.length, c + 1), Math.min(store.length, c + 4)];
					});
					for (const c of cursors) {
						const s = replay.stateAt(c);
						const want = full(new Replay(store, { maxGap: 9 }).stateAt(c));
						expect(full(s), `cursor ${c}`).toEqual(want);
						seen.push([s, want]);
					}
					for (const [s, want] of seen) expect(full(s)).toEqual(want);
				}
			),
			{ numRuns: 120 }
		);
	});

	it('writes a state into the arrays of one handed back (as the player recycles the state two back), leaving every other state as it was', () => {
		fc.assert(
			fc.property(
				configArb,
				workloadArb,
				fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 12 }),
				(config, requests, at) => {
					const { store } = run(config, requests);
					const replay = new Replay(store, { maxGap: 9 });
					const fresh = new Replay(store, { maxGap: 9 });
					const last: [ReplayState, ReturnType<typeof full>][] = [];
					let twiceRecycled: ReplayState | null = null;
					for (const u of at) {
						const c = 1 + Math.floor(u * (store.length - 1));
						const recycle = last.length === 2 ? last.shift()![0] : undefined;
						const s = replay.stateAt(c, recycle);
						expect(full(s), `cursor ${c}`).toEqual(full(fresh.stateAt(c)));
						for (const [kept, want] of last) expect(full(kept)).toEqual(want);
						// A state handed back a second time has no arrays left to give: the new state is its own.
						if (recycle && !twiceRecycled) {
							twiceRecycled = recycle;
							const other = replay.stateAt(c, recycle);
							expect(other.pool!.refCount).not.toBe(s.pool!.refCount);
							expect(full(other)).toEqual(full(s));
						}
						last.push([s, full(s)]);
					}
				}
			),
			{ numRuns: 120 }
		);
	});

	it('notes every pool block the indexing fold writes: checkpoints from the noted blocks equal checkpoints from scanning the whole pool', () => {
		fc.assert(
			fc.property(configArb, workloadArb, fc.integer({ min: 1, max: 7 }), (config, requests, every) => {
				const { store } = run(config, requests);
				const fold = new ReplayFold(store, new RunTables(store));
				const scanned = new PoolDiffer(fold.poolPlanes());
				const noted = new PoolDiffer(fold.poolPlanes());
				fold.noteWrites();
				for (let i = 0; i <= store.length; i++) {
					if (i % every === 0 || i === store.length) {
						const want = scanned.take(fold.poolPlanes());
						expect(fold.snapshot(noted).pool, `checkpoint before event ${i}`).toEqual(want);
					}
					if (i < store.length) fold.apply(i);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('notes a prefix hit on a block another running request holds (its count changes, nothing else of it)', () => {
		const config = parseConfig(
			{ blockSize: 2, numGpuBlocks: 20, maxNumSeqs: 4, maxNumBatchedTokens: 64, maxModelLen: 40, enablePrefixCaching: true },
			'test'
		);
		const { store } = run(config, [
			{ id: 'a', arrivalStep: 0, promptTokens: [1, 2, 3, 4, 5], outputLen: 6, n: 1, beamWidth: 1 },
			{ id: 'b', arrivalStep: 2, promptTokens: [1, 2, 3, 4, 6], outputLen: 3, n: 1, beamWidth: 1 }
		]);
		const fold = new ReplayFold(store, new RunTables(store));
		const scanned = new PoolDiffer(fold.poolPlanes());
		const noted = new PoolDiffer(fold.poolPlanes());
		fold.noteWrites();
		let hits = 0;
		for (let i = 0; i < store.length; i++) {
			fold.apply(i);
			if (store.type(i) === 'prefix_hit') hits++;
			expect(fold.snapshot(noted).pool, `after event ${i} (${store.type(i)})`).toEqual(scanned.take(fold.poolPlanes()));
		}
		expect(hits).toBe(2);
	});

	it('shows every state right when warmed ahead between cursors (as a session warms a run that arrives), the last two shown kept as they were', () => {
		fc.assert(
			fc.property(
				configArb,
				workloadArb,
				fc.array(fc.tuple(fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 3, maxLength: 14 }),
				(config, requests, asks) => {
					const { store } = run(config, requests);
					const replay = new Replay(store, { maxGap: 9 });
					const fresh = new Replay(store, { maxGap: 9 });
					const shown = new ShownStates();
					let last: [ReplayState, ReturnType<typeof full>][] = [];
					for (const [warm, u] of asks) {
						const c = 1 + Math.floor(u * (store.length - 1));
						if (warm) shown.warm(replay, c);
						else {
							const s = shown.next(replay, c);
							expect(full(s), `cursor ${c}`).toEqual(full(fresh.stateAt(c)));
							last = [...last.slice(-1), [s, full(s)]];
						}
						for (const [kept, want] of last) expect(full(kept)).toEqual(want);
					}
				}
			),
			{ numRuns: 120 }
		);
	});

	it('warms a run with a few cursors in idle callbacks, and stops when a newer run is shown', async () => {
		const config = parseConfig({ blockSize: 4, numGpuBlocks: 24, maxNumSeqs: 4, maxNumBatchedTokens: 64, maxModelLen: 48 }, 'test');
		const { store } = run(config, [{ id: 'a', arrivalStep: 0, promptTokens: [1, 2, 3, 4, 5], outputLen: 9, n: 1, beamWidth: 1 }]);
		const replay = new Replay(store);
		const reached: number[] = [];
		const counted = new (class extends ShownStates {
			override warm(r: Replay, c: number) {
				reached.push(c);
				super.warm(r, c);
			}
		})();
		await new Promise<void>((done) => warmWhenIdle(counted, replay, () => true, done));
		expect(reached).toHaveLength(WARM_CURSORS);
		expect(reached.every((c) => c >= 1 && c <= replay.length)).toBe(true);
		reached.length = 0;
		let current = true;
		await new Promise<void>((done) =>
			warmWhenIdle(
				counted,
				replay,
				() => {
					if (reached.length === 1) current = false;
					return current;
				},
				done
			)
		);
		expect(reached).toHaveLength(1);
	});
});
