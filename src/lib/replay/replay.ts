/**
 * Replay: the pure fold `events → state at cursor k`, over the compact event store. Views
 * draw what this returns, so scrubbing backwards, comparing runs, export and import are one
 * mechanism. One indexing pass folds the whole stream once, taking checkpoints spaced by a
 * memory budget: a checkpoint of S bytes is taken S / bytesPerEvent events after the last,
 * so all checkpoints together cost about `bytesPerEvent` per event whatever the pool size,
 * and reaching a cursor folds at most one gap (never more than MAX_GAP events). A checkpoint's
 * pool is a delta (the blocks changed since the checkpoint before) between occasional keys
 * (pool-checkpoint.ts), and the waiting queue is kept as runs of arrivals, so S stays small
 * at 131,072 blocks and 100,000 requests. Other folds (lanes) ride the same pass.
 */
import { lastAtOrBelow } from '../sorted';
import type { EngineEvent } from '../events/events';
import { CODE, EventStore, TYPE_MASK } from '../events/store';
import { ReplayFold, type FoldSnapshot } from './fold';
import { RunTables, type RunTablesData } from './run-tables';
import { PoolDiffer } from './pool-checkpoint';
import { grown, trimmed } from '../events/columns';
import type { ReplayState } from './state';

/** Checkpoint memory per event of the stream (bytes): 2 keeps any cursor within a few ms at 10K requests. */
export const CHECKPOINT_BYTES_PER_EVENT = 2;
/** Fewest events between checkpoints: small runs are cheap to fold anyway. */
const MIN_GAP = 256;
/**
 * Most events between checkpoints, whatever the pool: reaching a cursor folds at most this
 * many. Big pools reach it (their checkpoints are big): at 32,768 and 131,072 blocks a gap of
 * 16,384 is 4-6 ms of folding on this machine, for about 24 bytes an event of heap (19 at
 * 32,768 events apart).
 */
const MAX_GAP = 16_384;
const PROGRESS_EVERY = 1 << 16;

/** Something else folded in the indexing pass, reading the store row by row. */
export interface StoreFold {
	/** Event i, with its kind byte and first field (rows.ts) already read. */
	apply(i: number, kind: number, a: number): void;
	/** The store grew (a follower took a delta): read its columns again; the next event is `from`. */
	follow?(from: number): void;
}

export interface ReplayOptions {
	/** At most this many events between checkpoints (tests use a small number). */
	maxGap?: number;
	bytesPerEvent?: number;
	/** Folded in the same pass. */
	folds?: StoreFold[];
	/** Called now and then with the share of events indexed (0..1). */
	onProgress?: (done: number) => void;
}

/** A Replay as plain data (for postMessage; transfer `replayBuffers`). */
export interface ReplayData {
	length: number;
	stepEnds: Int32Array;
	checkpointAt: Int32Array;
	checkpoints: FoldSnapshot[];
	tables: RunTablesData;
}

export class Replay {
	readonly store: EventStore;
	readonly length: number;
	/** Event index just after each step's step_end: cursor values that show whole steps. */
	readonly stepEnds: Int32Array;
	private readonly checkpointAt: Int32Array;
	private readonly checkpoints: FoldSnapshot[];
	private readonly tables: RunTables;

	/** Index a store (or an array of events, copied into a store). `opts` as a number is `maxGap`. */
	constructor(source: EventStore | readonly EngineEvent[], opts: ReplayOptions | number = {}, data?: ReplayData) {
		const o = typeof opts === 'number' ? { maxGap: opts } : opts;
		const store = source instanceof EventStore ? source : EventStore.fromEvents(source);
		if (store.length === 0 || store.type(0) !== 'run_start') throw new Error('an event stream must begin with run_start');
		this.store = store;
		this.length = store.length;
		if (data) {
			this.stepEnds = data.stepEnds;
			this.checkpointAt = data.checkpointAt;
			this.checkpoints = data.checkpoints;
			this.tables = new RunTables(store, data.tables);
			return;
		}
		const ix = new ReplayIndexer(store, o);
		ix.advance();
		({ stepEnds: this.stepEnds, checkpointAt: this.checkpointAt, checkpoints: this.checkpoints } = ix.data());
		this.tables = ix.tables;
	}

	/** Rebuild a Replay posted as data over its (also posted) store: no folding. */
	static fromData(store: EventStore, data: ReplayData): Replay {
		return new Replay(store, {}, data);
	}

	data(): ReplayData {
		return {
			length: this.length,
			stepEnds: this.stepEnds,
			checkpointAt: this.checkpointAt,
			checkpoints: this.checkpoints,
			tables: this.tables.data()
		};
	}

	/** Bytes held by the index (checkpoints and tables), not the store. */
	get bytes(): number {
		const t = this.tables;
		let n = this.stepEnds.byteLength + this.checkpointAt.byteLength + t.up.byteLength + t.finalData.byteLength + 5 * t.finalAt.byteLength;
		for (const c of this.checkpoints) n += snapshotBytes(c);
		return n;
	}

	get numCheckpoints(): number {
		return this.checkpoints.length;
	}

	/**
	 * A private fold at the last cursor asked for: playing forward folds only the events since
	 * then (a step's worth), not up to a whole gap from the last checkpoint every frame.
	 */
	#ahead: ReplayFold | null = null;

	/**
	 * The state after the first `cursor` events (cursor ≥ 1: run_start is always applied).
	 * `recycle`: a state this replay returned that the caller will never read again; the new
	 * state is written into its arrays (a player passes the state it showed two cursors ago).
	 */
	stateAt(cursor: number, recycle?: ReplayState): ReplayState {
		const c = Math.max(1, Math.min(this.length, Math.floor(cursor)));
		// The last checkpoint taken at or before event c.
		const lo = lastAtOrBelow(this.checkpointAt, c);
		let fold = this.#ahead;
		// Continue the private fold when it is at or before c and past the checkpoint (else start from the checkpoint).
		if (!fold) fold = new ReplayFold(this.store, this.tables, { checkpoints: this.checkpoints, at: lo });
		else if (fold.applied > c || fold.applied < this.checkpointAt[lo]) fold.restore(this.checkpoints, lo);
		for (let i = fold.applied; i < c; i++) fold.apply(i);
		this.#ahead = fold;
		// The state reads its fold's arrays in place, so it gets a copy of its own (O(pool + live
		// requests)); the free queue's order, rarely read, is folded again when it is.
		return fold.stateCopy(() => this.#freeQueueAt(c), recycle);
	}

	/** The free queue after the first `cursor` events, on a fold of its own (not the one playing). */
	#freeQueueAt(cursor: number): number[] {
		const fold = new ReplayFold(this.store, this.tables, { checkpoints: this.checkpoints, at: lastAtOrBelow(this.checkpointAt, cursor) });
		for (let i = fold.applied; i < cursor; i++) fold.apply(i);
		return fold.state().freeQueue;
	}
}

/**
 * The indexing pass, able to stop and go on: `advance` folds the events the store holds so
 * far, taking checkpoints spaced by the memory budget, and can be called again as the store
 * grows. The pages' index worker follows the engine's worker this way (a store fed deltas),
 * indexing while the engine runs; a Replay over a whole store advances once.
 */
export class ReplayIndexer {
	readonly tables: RunTables;
	readonly #store: EventStore;
	readonly #fold: ReplayFold;
	readonly #pool: PoolDiffer;
	readonly #folds: StoreFold[];
	readonly #budget: number;
	readonly #maxGap: number;
	readonly #progress?: (done: number) => void;
	#at: number[] = [];
	#cps: FoldSnapshot[] = [];
	#stepEnds = new Int32Array(0);
	#ends = 0;
	#next = 0;

	constructor(store: EventStore, o: ReplayOptions = {}) {
		if (store.length === 0 || store.type(0) !== 'run_start') throw new Error('an event stream must begin with run_start');
		this.#store = store;
		this.tables = new RunTables(store);
		this.#fold = new ReplayFold(store, this.tables);
		this.#pool = new PoolDiffer(this.#fold.poolPlanes());
		this.#fold.noteWrites();
		this.#folds = o.folds ?? [];
		this.#budget = o.bytesPerEvent ?? CHECKPOINT_BYTES_PER_EVENT;
		this.#maxGap = Math.min(o.maxGap ?? Infinity, MAX_GAP);
		this.#progress = o.onProgress;
	}

	/** Events indexed so far. */
	get done(): number {
		return this.#fold.applied;
	}

	/** Fold every event the store holds now. */
	advance(): void {
		const store = this.#store;
		const fold = this.#fold;
		const folds = this.#folds;
		const from = fold.applied;
		const n = store.length;
		if (n === from) return;
		if (from > 0) {
			// The store grew since the last advance: tables and columns may have moved.
			this.tables.fit(store);
			fold.follow();
			for (const f of folds) f.follow?.(from);
		}
		const stepEnds = (this.#stepEnds = grown(this.#stepEnds, store.numStepEnds));
		for (let i = from; i < n; i++) {
			if (i === this.#next) {
				const cp = fold.snapshot(this.#pool);
				this.#at.push(i);
				this.#cps.push(cp);
				const bytes = snapshotBytes(cp) + 64;
				this.#next = i + Math.max(1, Math.min(this.#maxGap, Math.max(MIN_GAP, Math.ceil(bytes / this.#budget))));
			}
			fold.apply(i);
			const k = fold.lastKind;
			for (const f of folds) f.apply(i, k, fold.lastA);
			if ((k & TYPE_MASK) === CODE.step_end) stepEnds[this.#ends++] = i + 1;
			if (this.#progress && (i & (PROGRESS_EVERY - 1)) === 0) this.#progress(i / n);
		}
	}

	/** The index so far (call when the store is whole). */
	data(): ReplayData {
		return {
			length: this.done,
			stepEnds: trimmed(this.#stepEnds, this.#ends),
			checkpointAt: Int32Array.from(this.#at),
			checkpoints: this.#cps,
			tables: this.tables.data(this.#store)
		};
	}
}

export function replayBuffers(d: ReplayData): ArrayBuffer[] {
	const t = d.tables;
	const out = [d.stepEnds, d.checkpointAt, t.up, t.arrivalStep, t.promptStart, t.promptLen, t.outputLen, t.finalAt, t.finalData].map(
		(x) => x.buffer as ArrayBuffer
	);
	for (const c of d.checkpoints)
		out.push(c.ints.buffer as ArrayBuffer, c.pool.ints.buffer as ArrayBuffer, c.pool.bytes.buffer as ArrayBuffer);
	return out;
}

function snapshotBytes(c: FoldSnapshot): number {
	return c.ints.byteLength + c.pool.ints.byteLength + c.pool.bytes.byteLength;
}

/** Replay every event; the final state. */
export function replayAll(events: readonly EngineEvent[] | EventStore): ReplayState {
	const store = events instanceof EventStore ? events : EventStore.fromEvents(events);
	if (store.length === 0 || store.type(0) !== 'run_start') throw new Error('an event stream must begin with run_start');
	const fold = new ReplayFold(store, new RunTables(store));
	for (let i = 0; i < store.length; i++) fold.apply(i);
	return fold.state();
}
