import { describe, expect, it } from 'vitest';
import { Session } from '../../src/lib/state/session.svelte';
import { CompareSession } from '../../src/lib/state/compare.svelte';
import { countAtOrBelow } from '../../src/lib/sorted';
import { DEFAULT_VIEW } from '../../src/lib/url/url-state';
import { COMPARE_VIEW } from '../../src/lib/state/scenarios';
import { Replay } from '../../src/lib/replay/replay';
import type { ReplayState } from '../../src/lib/replay/state';

describe('countAtOrBelow', () => {
	it.each([
		[[], 5, 0],
		[[2, 4, 6], 1, 0],
		[[2, 4, 6], 4, 2],
		[[2, 4, 6], 9, 3]
	])('%j ≤ %i', (xs, x, n) => expect(countAtOrBelow(xs, x)).toBe(n));
});

/** What a view reads of a state, copied out (to see whether the state changes later). */
const seen = (st: ReplayState) => ({
	cursor: st.cursor,
	pool: st.pool ? [...st.pool.refCount, ...st.pool.owner, ...st.pool.fill, ...st.pool.cached] : null,
	free: st.freeQueue,
	requests: [...st.requests.values()].map((r) => ({ ...r, seqs: r.seqs.map((q) => ({ ...q, tokens: q.tokens })) }))
});

describe('Session', () => {
	it('keeps the snapshot on screen and the one before it as they were while the reader scrubs (older ones lend their arrays)', () => {
		const s = new Session({ ...DEFAULT_VIEW, step: 0 });
		const fresh = new Replay(s.run.store);
		const shown: [ReplayState, ReturnType<typeof seen>][] = [];
		let seed = 7;
		for (let k = 0; k < 40; k++) {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			// Jumps and single steps, as a scrub and the player make them.
			if (k % 3) s.stepBy(1);
			else s.seekCursor(1 + (seed % s.length));
			const now = s.snapshot;
			expect(seen(now)).toEqual(seen(fresh.stateAt(s.cursor)));
			for (const [st, was] of shown.slice(-1)) expect(seen(st)).toEqual(was);
			shown.push([now, seen(now)]);
		}
	});
	it('steps through step ends forward and back, and by event', () => {
		const s = new Session({ ...DEFAULT_VIEW, step: 0 });
		const ends = s.run.replay.stepEnds;
		expect(s.cursor).toBe(ends[0]);
		s.stepBy(1);
		expect(s.cursor).toBe(ends[1]);
		s.stepBy(-1);
		expect(s.cursor).toBe(ends[0]);
		s.stepBy(-1);
		expect(s.cursor).toBe(1);
		s.granularity = 'event';
		s.stepBy(1);
		expect(s.cursor).toBe(2);
		s.toEnd();
		expect(s.atEnd).toBe(true);
		expect(s.position).toEqual({ value: s.length, max: s.length });
	});
	it('keeps the step when the settings change, and refuses bad input without changing anything', () => {
		const s = new Session({ ...DEFAULT_VIEW, step: 7 });
		expect(s.step).toBe(7);
		expect(s.setInput({ ...s.config, numGpuBlocks: 40 }, s.workload)).toBe(true);
		expect(s.step).toBe(7);
		expect(s.snapshot.gpu).toHaveLength(40);
		const before = s.run;
		expect(s.setInput({ ...s.config }, { ...s.workload, sharedPrefixLen: 100000 })).toBe(false);
		expect(s.error).toMatch(/sharedPrefixLen/);
		expect(s.run).toBe(before);
	});
	it('scrubs by step position', () => {
		const s = new Session({ ...DEFAULT_VIEW, step: 0 });
		s.seekPosition(5);
		expect(s.position.value).toBe(5);
		expect(s.cursor).toBe(s.run.replay.stepEnds[4]);
	});
	it('the view round-trips through the session', () => {
		const s = new Session({ ...DEFAULT_VIEW, step: 12, select: 'r2', zoom: 40 });
		expect(s.view()).toMatchObject({ step: 12, select: 'r2', zoom: 40 });
	});
});

describe('CompareSession', () => {
	it('plays four allocators in lockstep by engine step', () => {
		const c = new CompareSession(COMPARE_VIEW.config, { ...COMPARE_VIEW.workload, numRequests: 8 });
		expect(c.runs.map((r) => r.config.allocator)).toEqual(['paged', 'orca-max', 'orca-pow2', 'orca-oracle']);
		c.seekStep(20);
		expect(c.step).toBeLessThanOrEqual(20);
		for (const snap of c.snapshots) expect(snap.step).toBeLessThanOrEqual(c.step);
		c.toEnd();
		expect(c.atEnd).toBe(true);
	});
	it('keeps each run’s snapshot on screen and the one before it as they were while stepping and jumping', () => {
		const c = new CompareSession(COMPARE_VIEW.config, { ...COMPARE_VIEW.workload, numRequests: 8 });
		const fresh = c.runs.map((r) => new Replay(r.store));
		let before: ReturnType<typeof seen>[] | null = null;
		let shown: ReplayState[] = [];
		for (let k = 0; k < 30; k++) {
			if (k % 4) c.stepBy(1);
			else c.seekStep((k * 7) % c.steps.length);
			const now = c.snapshots;
			now.forEach((st, i) => expect(seen(st)).toEqual(seen(fresh[i].stateAt(st.cursor))));
			if (before) expect(shown.map(seen)).toEqual(before);
			shown = now;
			before = now.map(seen);
		}
	});
});

describe('a page’s session where there is no worker (prerendering)', () => {
	it('Session stays pending on the empty pool of the settings: no run of other settings, no figures', () => {
		const view = { ...DEFAULT_VIEW, config: { ...DEFAULT_VIEW.config, numGpuBlocks: 40 }, step: 5 };
		const s = new Session(view, { page: true });
		expect(s.pending).toBe(true);
		expect(s.loading).not.toBeNull();
		expect(s.config.numGpuBlocks).toBe(40);
		expect(s.snapshot.gpu).toHaveLength(40);
		expect(s.run.summary.requests).toBe(0);
		expect(s.snapshot.requests.size).toBe(0);
		// The player neither moves nor claims the end: the run is still to come.
		s.stepBy(1);
		expect(s.cursor).toBe(1);
		expect(s.atEnd).toBe(false);
	});
	it('an idle Session asks for nothing until the page loads its view', () => {
		const s = new Session(DEFAULT_VIEW, { page: true, idle: true });
		expect(s.pending).toBe(true);
		expect(s.loading).not.toBeNull();
		s.load({ ...DEFAULT_VIEW, config: { ...DEFAULT_VIEW.config, numGpuBlocks: 30 } });
		expect(s.pending).toBe(true);
		expect(s.snapshot.gpu).toHaveLength(30);
	});
	it('CompareSession has no runs and is pending', () => {
		const c = new CompareSession(COMPARE_VIEW.config, COMPARE_VIEW.workload, undefined, { page: true });
		expect(c.pending).toBe(true);
		expect(c.runs).toEqual([]);
		expect(c.loading).not.toBeNull();
		expect(c.atEnd).toBe(false);
	});
	it('without `page` (tests, scripts) the first run is simulated at once', () => {
		expect(new Session(DEFAULT_VIEW).pending).toBe(false);
		expect(new CompareSession(COMPARE_VIEW.config, { ...COMPARE_VIEW.workload, numRequests: 4 }).pending).toBe(false);
	});
});
