/**
 * The /model page's run as it grows: each step's events arrive from the model worker and are
 * appended to one EventStore (nothing before them is copied or re-parsed), and the counts the
 * page shows are kept as they arrive. What the views draw (the replayed state, the lanes, the
 * event log's rows) is read from the store's typed columns, at the length it had when asked.
 *
 * The replay and lanes folds still pass over the whole store once per step (typed arrays, no
 * event objects): replay/fold.ts cannot resume a fold on a store that has grown since.
 */
import type { EngineEvent } from '$lib/events/events';
import { EventStore } from '$lib/events/store';
import type { LogSource } from '$lib/layout/event-list';
import { lanesOf, NO_LANES, type Lanes } from '$lib/replay/lanes';
import { replayAll } from '$lib/replay/replay';
import type { ReplayState } from '$lib/replay/state';

/** The page's running figures, counted from the events. */
export interface RunCounts {
	generated: number;
	prefixHits: number;
	forks: number;
	cows: number;
}

export class LiveRun {
	readonly #store = new EventStore({ maxEvents: Infinity });

	get length(): number {
		return this.#store.length;
	}

	append(events: readonly EngineEvent[]): void {
		for (const e of events) this.#store.push(e);
	}

	counts(): RunCounts {
		const c = this.#store.counts;
		return { generated: c.generated, prefixHits: c.prefix_hit, forks: c.forked, cows: c.cow };
	}

	/** The state after every event so far. */
	state(): ReplayState {
		return replayAll(this.#store);
	}

	lanes(): Lanes {
		return this.#store.length ? lanesOf(this.#store) : NO_LANES;
	}

	/** The event log's rows: the events so far (later appends don't change this view's length). */
	log(): LogSource {
		const s = this.#store;
		const length = s.length;
		return { length, get: (i) => s.get(i), type: (i) => s.type(i), reqAt: (i) => s.reqAt(i) };
	}
}
