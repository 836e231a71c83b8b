/**
 * What a replayed state hands to views, read from the fold's arrays and records only when a
 * view asks: blocks, sequences and requests.
 */
import type { EventStore } from '../events/store';
import { PHASES, REASONS, STATUSES, type ReqRec } from './req-rec';
import type { RunTables } from './run-tables';
import type { BlockState, RequestState, SeqState } from './state';

/** One device's pool as the fold left it, read in place by the block views. */
export interface PoolArrays {
	ref: Int32Array;
	owner: Int32Array;
	fill: Int32Array;
	tok: Int32Array;
	/** Null on the CPU (nothing is cached there). */
	cached: Uint8Array | null;
	reqId: (r: number) => string;
	tables: RunTables;
	tokens: Int32Array;
}

/** A block read from the pool's arrays when a view asks: 131,072 of them cost a pointer each. */
export class BlockView implements BlockState {
	constructor(
		readonly id: number,
		private readonly p: PoolArrays
	) {}
	get refCount(): number {
		return this.p.ref[this.id];
	}
	get cached(): boolean {
		return this.p.cached?.[this.id] === 1;
	}
	get owner(): string | null {
		const r = this.p.owner[this.id];
		return r < 0 ? null : this.p.reqId(r);
	}
	get fill(): number {
		return this.p.fill[this.id];
	}
	get tokens(): number[] {
		const fill = this.fill;
		return fill > 0 ? this.p.tables.walk(this.p.tokens, this.p.tok[this.id], fill) : [];
	}
}

class SeqView implements SeqState {
	readonly blockTable: number[];
	#tail: number;
	#len: number;
	#tables: RunTables;
	#tokens: Int32Array;
	constructor(
		readonly seq: number,
		blockTable: number[],
		readonly numComputed: number,
		tail: number,
		len: number,
		tables: RunTables,
		tokens: Int32Array
	) {
		this.blockTable = blockTable.slice();
		this.#tail = tail;
		this.#len = len;
		this.#tables = tables;
		this.#tokens = tokens;
	}
	get tokens(): number[] {
		return this.#tables.walk(this.#tokens, this.#tail, this.#len);
	}
}

export function requestView(rec: ReqRec, store: EventStore, t: RunTables, tokens: Int32Array): RequestState {
	const r = rec.r;
	return {
		id: store.reqId(r),
		index: r,
		status: STATUSES[rec.status],
		arrivalStep: t.arrivalStep[r],
		promptLen: t.promptLen[r],
		outputLen: t.outputLen[r],
		width: store.cols.reqWidth[r],
		beam: store.cols.reqBeam[r] === 1,
		seqs: rec.seqs.map((s) => new SeqView(s.seq, s.blockTable, s.numComputed, s.tail, s.len, t, tokens)),
		phase: rec.phase < 0 ? null : PHASES[rec.phase],
		scheduledTokens: rec.scheduledTokens,
		lastScheduledStep: rec.lastScheduledStep,
		preemptions: rec.preemptions,
		prefixHitTokens: rec.prefixHitTokens,
		firstTokenStep: rec.firstTokenStep < 0 ? null : rec.firstTokenStep,
		finishStep: rec.finishStep < 0 ? null : rec.finishStep,
		rejectReason: rec.rejectReason < 0 ? null : REASONS[rec.rejectReason]
	};
}

/** The requests that have arrived by a cursor, in arrival order, each built when first read. */
export class LazyRequests implements ReadonlyMap<string, RequestState> {
	#made = new Map<number, RequestState>();
	constructor(
		private readonly store: EventStore,
		readonly size: number,
		private readonly make: (r: number) => RequestState
	) {}
	#at(r: number): RequestState {
		let x = this.#made.get(r);
		if (!x) this.#made.set(r, (x = this.make(r)));
		return x;
	}
	get(id: string): RequestState | undefined {
		const r = this.store.reqOf(id);
		return r >= 0 && r < this.size ? this.#at(r) : undefined;
	}
	has(id: string): boolean {
		const r = this.store.reqOf(id);
		return r >= 0 && r < this.size;
	}
	*keys(): MapIterator<string> {
		for (let r = 0; r < this.size; r++) yield this.store.reqId(r);
	}
	*values(): MapIterator<RequestState> {
		for (let r = 0; r < this.size; r++) yield this.#at(r);
	}
	*entries(): MapIterator<[string, RequestState]> {
		for (let r = 0; r < this.size; r++) yield [this.store.reqId(r), this.#at(r)];
	}
	[Symbol.iterator](): MapIterator<[string, RequestState]> {
		return this.entries();
	}
	forEach(f: (v: RequestState, k: string, m: ReadonlyMap<string, RequestState>) => void): void {
		for (let r = 0; r < this.size; r++) f(this.#at(r), this.store.reqId(r), this);
	}
}
