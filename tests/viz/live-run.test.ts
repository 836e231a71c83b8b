/**
 * The /model page's live run (model-view/live-run.ts): events appended a step (or any chunk)
 * at a time give, after every append, what the page computed from scratch before: the state
 * replayed from the whole event array, its lanes, the counted figures and the event log's
 * rows. States and log views taken earlier still read the same after later appends (views
 * read them lazily, while the next step may already have arrived).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig, type EngineConfig } from '../../src/lib/engine/config';
import { simulate } from '../../src/lib/engine/simulate';
import type { EngineEvent } from '../../src/lib/events/events';
import type { LogSource } from '../../src/lib/layout/event-list';
import { buildLanes } from '../../src/lib/layout/timeline';
import { LiveRun } from '../../src/lib/model-view/live-run';
import { replayAll } from '../../src/lib/replay/replay';
import type { BlockState, ReplayState } from '../../src/lib/replay/state';
import type { RequestSpec } from '../../src/lib/workload/request';

// Settings like the model page's (paged, prefix caching, parallel samples), small pools so
// that runs also preempt.
const configArb = fc
	.record({
		blockSize: fc.constantFrom(2, 4, 8),
		numGpuBlocks: fc.integer({ min: 6, max: 40 }),
		maxNumSeqs: fc.integer({ min: 1, max: 16 }),
		enablePrefixCaching: fc.boolean(),
		seed: fc.integer({ min: 0, max: 1000 })
	})
	.map((c): EngineConfig => parseConfig({ ...c, maxModelLen: 64, maxNumBatchedTokens: 64 }, 'property'));

const workloadArb = fc
	.array(
		fc.record({
			prompt: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 24 }),
			outputLen: fc.integer({ min: 1, max: 20 }),
			n: fc.constantFrom(1, 1, 2, 3)
		}),
		{ minLength: 1, maxLength: 4 }
	)
	.map((rs): RequestSpec[] =>
		rs.map((r, i) => ({ id: `r${i + 1}`, arrivalStep: i * 3, promptTokens: r.prompt, outputLen: r.outputLen, n: r.n }))
	);

const blockFields = (b: BlockState) => ({
	id: b.id,
	refCount: b.refCount,
	cached: b.cached,
	owner: b.owner,
	fill: b.fill,
	tokens: b.tokens
});

/** Everything a view reads, through the getters (tokens, finished requests); `block` reads what `gpu` holds. */
function full(s: ReplayState) {
	const { block: _block, ...rest } = s;
	return {
		...rest,
		gpu: s.gpu.map(blockFields),
		cpu: s.cpu.map(blockFields),
		requests: [...s.requests.values()].map((r) => ({ ...r, seqs: r.seqs.map((q) => ({ ...q, tokens: q.tokens })) }))
	};
}

const rows = (log: LogSource) => Array.from({ length: log.length }, (_, i) => ({ e: log.get(i), type: log.type(i), req: log.reqAt(i) }));

const count = (events: readonly EngineEvent[], type: EngineEvent['type']) => events.filter((e) => e.type === type).length;

/** Cut points: after every step_end (as the worker sends a run) plus a few anywhere. */
function cuts(events: readonly EngineEvent[], extra: number[]): number[] {
	const at = new Set<number>([1, events.length]);
	events.forEach((e, i) => e.type === 'step_end' && at.add(i + 1));
	for (const u of extra) at.add(1 + Math.floor(u * (events.length - 1)));
	return [...at].sort((a, b) => a - b);
}

describe('the model page live run', () => {
	it('after every append equals replaying, laning and counting the events so far from scratch', () => {
		fc.assert(
			fc.property(
				configArb,
				workloadArb,
				fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
				(config, requests, extra) => {
					const { events } = simulate(config, requests);
					const live = new LiveRun();
					let done = 0;
					const taken: { n: number; state: ReplayState; log: LogSource }[] = [];
					for (const n of cuts(events, extra)) {
						live.append(events.slice(done, n));
						done = n;
						const so_far = events.slice(0, n);
						const state = live.state();
						expect(live.length).toBe(n);
						expect(full(state), `after ${n} events`).toEqual(full(replayAll(so_far)));
						expect(live.lanes(), `lanes after ${n} events`).toEqual(buildLanes(so_far));
						expect(live.counts()).toEqual({
							generated: count(so_far, 'generated'),
							prefixHits: count(so_far, 'prefix_hit'),
							forks: count(so_far, 'forked'),
							cows: count(so_far, 'cow')
						});
						taken.push({ n, state, log: live.log() });
					}
					// Read late, after every later append: still the state and rows of their own moment.
					for (const { n, state, log } of taken) {
						const so_far = events.slice(0, n);
						expect(full(state), `state taken after ${n} events, read at the end`).toEqual(full(replayAll(so_far)));
						expect(rows(log)).toEqual(so_far.map((e) => ({ e, type: e.type, req: 'req' in e ? e.req : null })));
					}
				}
			),
			{ numRuns: 30 }
		);
	});

	it('starts empty', () => {
		const live = new LiveRun();
		expect(live.length).toBe(0);
		expect(live.lanes()).toEqual(buildLanes([]));
		expect(live.log().length).toBe(0);
		expect(live.counts()).toEqual({ generated: 0, prefixHits: 0, forks: 0, cows: 0 });
	});
});
