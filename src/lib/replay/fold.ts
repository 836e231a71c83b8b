/**
 * The fold itself: one event of the store applied to the replayed state, an exhaustive
 * switch over the event union. replay.ts adds checkpoints on top.
 *
 * The state is compact so that a checkpoint costs O(pool + live requests), never O(all
 * tokens ever): blocks are parallel int arrays, a sequence's tokens are (tail, len) into a
 * token tree whose nodes are the store's append-only token ids (`RunTables.up` links each
 * node to the one before it), and a request leaves the fold when it finishes (its final
 * record goes to RunTables once). `state()` materialises the ReplayState views draw;
 * token arrays and finished requests are only built when a view reads them.
 */
import { assertNever, EVENT_TYPES } from '../events/events';
import { CPU_BIT, DECODE_BIT, SEQ_BIT, TYPE_MASK, type EventStore, type StepReader } from '../events/store';
import type { RowCursor } from '../events/rows';
import { FreeQueue } from '../engine/memory/free-queue';
import { IdDeque } from './id-deque';
import { restorePool, WrittenBlocks, type Planes, type PoolDiffer, type PoolPart } from './pool-checkpoint';
import { decodeRec, encodeRec, intsOf, recSize, FINISHED, REJECTED, RUNNING, SWAPPED, WAITING, type ReqRec, type SeqRec } from './req-rec';
import { RunTables } from './run-tables';
import { BlockView, LazyRequests, requestView, type PoolArrays } from './state-views';
import type { BlockState, ReplayState, SpanState } from './state';

/** A checkpoint: the fold's state in typed arrays and a float. */
export interface FoldSnapshot {
	/** Counters, spans, the queues (waiting as runs) and every live request's record. */
	ints: Int32Array;
	/** The pool: whole, or the blocks changed since the checkpoint before (pool-checkpoint.ts). */
	pool: PoolPart;
	clockMs: number;
}

const HEAD = 12;

/** A copy of a fold made only to be a state (stateCopy), into `spare`'s arrays if given. */
interface StateCopy {
	of: ReplayFold;
	freeQueueAt: () => number[];
	/** A fold whose state will never be read again: its arrays are written over instead of made anew. */
	spare?: ReplayFold;
}

/** A state copy's `liveAt` for a request still as it arrived, and for one retired (its final record is in RunTables). */
const AS_ARRIVED = -1;
const RETIRED = -2;

/** The fold each state-only copy reads, so a state handed back for recycling finds its arrays. */
const STATE_FOLDS = new WeakMap<ReplayState, ReplayFold>();

/** `from` copied into `into` when it fits (memory already touched), else into a fresh array. */
function copied<T extends Int32Array | Uint8Array>(from: T, into?: T): T {
	if (!into || into.length !== from.length) return from.slice() as T;
	into.set(from);
	return into;
}

export class ReplayFold {
	private step = -1;
	private clockMs = 0;
	private lastStepEnd = -1;
	private numArrived = 0;
	private readonly nG: number;
	private readonly nC: number;
	private readonly bs: number;
	private readonly paged: boolean;
	private readonly gRef: Int32Array;
	private readonly gOwner: Int32Array;
	private readonly gFill: Int32Array;
	private readonly gTok: Int32Array;
	private readonly gCached: Uint8Array;
	private readonly cRef: Int32Array;
	private readonly cOwner: Int32Array;
	private readonly cFill: Int32Array;
	private readonly cTok: Int32Array;
	private free: FreeQueue;
	/**
	 * Live requests by index; `null` is one still exactly as it arrived, made into a record
	 * only when an event touches it (a long waiting queue restores for free); `undefined` is
	 * one not arrived yet or retired (its final record is in RunTables).
	 */
	private recs: (ReqRec | null | undefined)[] = [];
	/** Indices whose `recs` entry is a record: what a checkpoint writes out (the rest are implicit). */
	private held = new Set<number>();
	/**
	 * A state copy's requests instead of `recs`: per index, where its record starts in
	 * `liveData` (encodeRec), or AS_ARRIVED, or RETIRED. Ints, not a thousand records of small
	 * objects per copy: those lived as long as the state was shown, just long enough for the
	 * GC to copy them, and were most of what reaching a cursor left it.
	 */
	private liveAt: Int32Array | null = null;
	private liveData: Int32Array | null = null;
	private waiting = new IdDeque();
	private running: number[] = [];
	private swapped: number[] = [];
	private spans: { r: number; seq: number; start: number; length: number }[] = [];
	/** Reads the store's events in order from this fold's cursor. */
	private rows: RowCursor;
	private steps: StepReader;
	private tokens: Int32Array;
	private extra: Int32Array;

	/**
	 * Set on a copy made only to be a state (stateCopy): it has no free-queue links of its own
	 * and shares its reader, so it never folds on (only STATE_FOLDS holds it).
	 */
	private readonly freeQueueAt?: () => number[];
	/** Blocks written since the last checkpoint, noted only by the indexing fold (noteWrites) for its deltas. */
	private written: WrittenBlocks | null = null;

	/** A fold at the start, from a checkpoint, or (`copy`) a state's copy of another fold of the same store. */
	constructor(
		private readonly store: EventStore,
		private readonly tables: RunTables,
		from?: { checkpoints: readonly FoldSnapshot[]; at: number },
		copy?: StateCopy
	) {
		const { numGpuBlocks, numCpuBlocks, blockSize, allocator } = store.config;
		this.nG = numGpuBlocks;
		this.nC = numCpuBlocks;
		this.bs = blockSize;
		this.paged = allocator === 'paged';
		({ tokens: this.tokens, extra: this.extra } = store.cols);
		if (copy) {
			// One memcpy an array: cheaper than a checkpoint's encode and decode, every frame of playback.
			const { of, freeQueueAt, spare } = copy;
			({ step: this.step, clockMs: this.clockMs, lastStepEnd: this.lastStepEnd, numArrived: this.numArrived } = of);
			this.gRef = copied(of.gRef, spare?.gRef);
			this.gOwner = copied(of.gOwner, spare?.gOwner);
			this.gFill = copied(of.gFill, spare?.gFill);
			this.gTok = copied(of.gTok, spare?.gTok);
			this.gCached = copied(of.gCached, spare?.gCached);
			this.cRef = copied(of.cRef, spare?.cRef);
			this.cOwner = copied(of.cOwner, spare?.cOwner);
			this.cFill = copied(of.cFill, spare?.cFill);
			this.cTok = copied(of.cTok, spare?.cTok);
			this.encodeLive(of, spare);
			this.waiting = of.waiting.clone();
			this.running = of.running.slice();
			this.swapped = of.swapped.slice();
			this.spans = of.spans.map((sp) => ({ ...sp }));
			// Only a state, made at once (stateCopy): the queue's order is asked for when read, its
			// length and reader are the original's as they are now.
			this.freeQueueAt = freeQueueAt;
			this.free = of.free;
			this.steps = of.steps;
			this.rows = of.rows;
			return;
		}
		this.gRef = new Int32Array(this.nG);
		this.gOwner = new Int32Array(this.nG).fill(-1);
		this.gFill = new Int32Array(this.nG);
		this.gTok = new Int32Array(this.nG).fill(-1);
		this.gCached = new Uint8Array(this.nG);
		this.cRef = new Int32Array(this.nC);
		this.cOwner = new Int32Array(this.nC).fill(-1);
		this.cFill = new Int32Array(this.nC);
		this.cTok = new Int32Array(this.nC).fill(-1);
		// From a checkpoint the queue's arrays and ends are restored with the pool (restore).
		this.free = new FreeQueue(this.nG, !from);
		// vLLM V1 keeps block 0 back as its null block: never free, never held.
		if (!from && (store.config as { semantics?: string }).semantics === 'v1' && this.nG > 0) this.free.remove(0);
		this.steps = store.steps(0);
		this.rows = store.reader(0);
		if (from) this.restore(from.checkpoints, from.at);
	}

	/** `of`'s requests as a state copy keeps them (liveAt, liveData), into `spare`'s arrays where they fit. */
	private encodeLive(of: ReplayFold, spare?: ReplayFold): void {
		const n = of.numArrived;
		let size = 0;
		for (const r of of.held) size += recSize(of.recs[r]!);
		const at = spare?.liveAt && spare.liveAt.length >= n ? spare.liveAt : new Int32Array(n + (n >> 2));
		const data = spare?.liveData && spare.liveData.length >= size ? spare.liveData : new Int32Array(size + (size >> 2));
		const recs = of.recs;
		let o = 0;
		for (let r = 0; r < n; r++) {
			const rec = recs[r];
			if (rec === null) at[r] = AS_ARRIVED;
			else if (rec === undefined) at[r] = RETIRED;
			else {
				at[r] = o;
				o = encodeRec(rec, data, o);
			}
		}
		this.liveAt = at;
		this.liveData = data;
	}

	/** Request `r` as `recs` holds it, on a fold or on a state copy. */
	private recAt(r: number): ReqRec | null | undefined {
		const at = this.liveAt;
		if (!at) return this.recs[r];
		const o = at[r];
		return o >= 0 ? decodeRec(this.liveData!, o).rec : o === AS_ARRIVED ? null : undefined;
	}

	/** Events applied so far (the cursor). */
	get applied(): number {
		return this.rows.i;
	}

	/** The event last applied: its kind and first field (for folds riding the same pass). */
	get lastKind(): number {
		return this.rows.k;
	}
	get lastA(): number {
		return this.rows.a;
	}

	/** The store grew (a follower took a delta): read its columns again, at this fold's cursor. */
	follow(): void {
		({ tokens: this.tokens, extra: this.extra } = this.store.cols);
		this.steps = this.store.steps(this.applied);
		// Grown by a copy, the old rows have room past what was written then: read the new ones.
		this.rows = this.store.reader(this.applied);
	}

	/**
	 * The state here, on a copy of what a state reads, while this fold goes on. The free
	 * queue's links are not copied (at 131,072 blocks they are a third of the pool's bytes): the
	 * state counts the queue, and asks `freeQueueAt` for its order when a view reads it. With
	 * `recycle` (a state made here that will never be read again) the copy is written into its
	 * arrays: a fresh copy of a big pool per cursor is megabytes of untouched memory, and what
	 * made the slowest cursors slow.
	 */
	stateCopy(freeQueueAt: () => number[], recycle?: ReplayState): ReplayState {
		// A recycled state gives up its arrays once: it must not be read again, nor recycled twice.
		const spare = recycle && STATE_FOLDS.get(recycle);
		if (recycle) STATE_FOLDS.delete(recycle);
		const fold = new ReplayFold(this.store, this.tables, undefined, { of: this, freeQueueAt, spare });
		const state = fold.state();
		STATE_FOLDS.set(state, fold);
		return state;
	}

	/** Apply event `i` of the store (events must be applied in order). */
	apply(i: number): void {
		const row = this.rows;
		if (row.i !== i) throw new Error(`replay: event ${i} applied at cursor ${row.i}`);
		row.next();
		const k = row.k;
		const type = EVENT_TYPES[k & TYPE_MASK];
		const { a, b, c } = row;
		this.step = this.steps.at(i);
		switch (type) {
			case 'run_start':
				return;
			case 'arrived':
				return this.arrived(a, b, c, this.store.cols.reqOutputLen[a]);
			case 'rejected': {
				const r = this.req(a);
				r.status = REJECTED;
				r.rejectReason = b;
				this.waiting.remove(a);
				this.retire(r);
				return;
			}
			case 'scheduled':
				return this.scheduled(a, b, k & DECODE_BIT ? 1 : 0, c);
			case 'prefix_hit': {
				const r = this.req(a);
				this.hold(c, a);
				r.seqs[0].blockTable[b] = c;
				r.seqs[0].numComputed += this.bs;
				r.prefixHitTokens += this.bs;
				return;
			}
			case 'block_allocated': {
				// seq 0 and logical in b, or (SEQ_BIT) both in extra at b.
				const seq = k & SEQ_BIT ? this.extra[b] : 0;
				const logical = k & SEQ_BIT ? this.extra[b + 1] : b;
				this.take(c, a, 0, -1);
				this.seq(a, seq).blockTable[logical] = c;
				return;
			}
			case 'block_cached':
				this.gCached[c] = 1;
				this.wg(c);
				return;
			case 'block_evicted':
				this.gCached[a] = 0;
				this.wg(a);
				return;
			case 'block_freed': {
				const cpu = (k & CPU_BIT) !== 0;
				const held = cpu ? this.cRef[a] : this.gRef[a];
				if (held !== 0) throw new Error(`replay: block ${a} freed while held ${held} times`);
				if (!cpu) this.freeAppend(a);
				return;
			}
			case 'cow': {
				const logical = this.extra[c];
				const from = this.extra[c + 1];
				const to = this.extra[c + 2];
				this.take(to, a, this.gFill[from], this.gTok[from]);
				this.gRef[from]--;
				this.wg(from);
				this.seq(a, b).blockTable[logical] = to;
				return;
			}
			case 'forked': {
				const r = this.req(a);
				const p = this.seq(a, b);
				for (const blk of p.blockTable) {
					this.gRef[blk]++;
					this.wg(blk);
				}
				r.seqs.push({ seq: c, blockTable: p.blockTable.slice(), tail: p.tail, len: p.len, numComputed: p.numComputed });
				return;
			}
			case 'seq_freed': {
				const r = this.req(a);
				const s = this.seq(a, b);
				for (const blk of s.blockTable) {
					this.gRef[blk]--;
					this.wg(blk);
				}
				r.seqs = r.seqs.filter((x) => x !== s);
				return;
			}
			case 'generated': {
				const r = this.req(a);
				const s = this.seq(a, b);
				this.tables.link(c, s.tail);
				s.tail = c;
				s.len++;
				if (r.firstTokenStep < 0) r.firstTokenStep = this.step;
				return;
			}
			case 'span_reserved':
				this.spans.push({ r: a, seq: b, start: this.extra[c], length: this.extra[c + 1] });
				this.spans.sort((x, y) => x.start - y.start);
				return;
			case 'preempted':
				return this.preempted(a, b === 0, c === 1);
			case 'swapped_out':
				return this.swappedOut(a, b, c);
			case 'swapped_in':
				return this.swappedIn(a, b, c);
			case 'finished': {
				const r = this.req(a);
				this.release(r);
				r.status = FINISHED;
				r.finishStep = this.step;
				r.phase = -1;
				remove(this.running, a);
				this.retire(r);
				return;
			}
			case 'step_end':
				this.lastStepEnd = a;
				this.clockMs += this.store.figure(a, 6);
				return;
			default:
				assertNever(type);
		}
	}

	private arrived(r: number, tokStart: number, promptLen: number, outputLen: number): void {
		const t = this.tables;
		t.arrivalStep[r] = this.step;
		t.promptStart[r] = tokStart;
		t.promptLen[r] = promptLen;
		t.outputLen[r] = outputLen;
		this.recs[r] = null;
		this.numArrived = r + 1;
		this.waiting.push(r);
	}

	/** A request as it arrives: waiting, one sequence holding its prompt. */
	private fresh(r: number): ReqRec {
		const t = this.tables;
		const n = t.promptLen[r];
		return {
			r,
			status: WAITING,
			phase: -1,
			scheduledTokens: 0,
			lastScheduledStep: -1,
			preemptions: 0,
			prefixHitTokens: 0,
			firstTokenStep: -1,
			finishStep: -1,
			rejectReason: -1,
			seqs: [{ seq: 0, blockTable: [], tail: n ? t.promptStart[r] + n - 1 : -1, len: n, numComputed: 0 }]
		};
	}

	private scheduled(a: number, numTokens: number, phase: number, numComputed: number): void {
		const r = this.req(a);
		if (r.status === WAITING) {
			this.waiting.remove(a);
			this.running.push(a);
			r.status = RUNNING;
		}
		r.phase = phase;
		r.scheduledTokens = numTokens;
		r.lastScheduledStep = this.step;
		const bs = this.bs;
		const end = numComputed + numTokens;
		for (const seq of r.seqs) {
			seq.numComputed = end;
			if (!this.paged) continue;
			for (let i = Math.floor(numComputed / bs); i * bs < end; i++) {
				const blk = seq.blockTable[i];
				const fill = Math.min(bs, end - i * bs);
				if (fill > this.gFill[blk]) {
					this.gFill[blk] = fill;
					this.gTok[blk] = this.nodeAt(a, seq, i * bs + fill - 1);
					this.wg(blk);
				}
			}
		}
	}

	/** Token-tree node of position `p` of a sequence: the prompt is contiguous, later tokens walk back from the tail. */
	private nodeAt(r: number, seq: SeqRec, p: number): number {
		if (p < this.tables.promptLen[r]) return this.tables.promptStart[r] + p;
		let node = seq.tail;
		for (let j = seq.len - 1; j > p; j--) node = this.tables.parent(node);
		return node;
	}

	private preempted(a: number, swap: boolean, restart: boolean): void {
		const r = this.req(a);
		r.preemptions++;
		r.phase = -1;
		remove(this.running, a);
		if (swap) {
			r.status = SWAPPED;
			this.swapped.push(a);
			return;
		}
		this.release(r);
		if (restart) {
			const n = this.tables.promptLen[a];
			r.seqs = [{ seq: 0, blockTable: [], tail: n ? this.tables.promptStart[a] + n - 1 : -1, len: n, numComputed: 0 }];
		}
		for (const seq of r.seqs) seq.numComputed = 0;
		r.status = WAITING;
		this.waiting.unshift(a);
	}

	private swappedOut(a: number, at: number, count: number): void {
		const r = this.req(a);
		const map = new Map<number, number>();
		for (let j = 0; j < count; j++) {
			const gpu = this.extra[at + 2 * j];
			const cpu = this.extra[at + 2 * j + 1];
			map.set(gpu, cpu);
			this.cFill[cpu] = this.gFill[gpu];
			this.cTok[cpu] = this.gTok[gpu];
			this.cOwner[cpu] = a;
			this.wc(cpu);
		}
		for (const seq of r.seqs) {
			for (const blk of seq.blockTable) {
				this.gRef[blk]--;
				this.wg(blk);
				this.cRef[map.get(blk)!]++;
			}
			seq.blockTable = seq.blockTable.map((blk) => map.get(blk)!);
		}
	}

	private swappedIn(a: number, at: number, count: number): void {
		const r = this.req(a);
		const map = new Map<number, number>();
		for (let j = 0; j < count; j++) {
			const cpu = this.extra[at + 2 * j];
			const gpu = this.extra[at + 2 * j + 1];
			map.set(cpu, gpu);
			this.freeRemove(gpu);
			this.gFill[gpu] = this.cFill[cpu];
			this.gTok[gpu] = this.cTok[cpu];
			this.gOwner[gpu] = a;
			this.gCached[gpu] = 0;
		}
		for (const seq of r.seqs) {
			for (const blk of seq.blockTable) {
				this.cRef[blk]--;
				this.gRef[map.get(blk)!]++;
			}
			seq.blockTable = seq.blockTable.map((blk) => map.get(blk)!);
		}
		for (const cpu of map.keys()) {
			this.wc(cpu);
			this.cRef[cpu] = 0;
			this.cOwner[cpu] = -1;
			this.cFill[cpu] = 0;
			this.cTok[cpu] = -1;
		}
		r.status = RUNNING;
		remove(this.swapped, a);
		this.running.push(a);
	}

	/** A fresh GPU block out of the free queue. */
	private take(id: number, owner: number, fill: number, tok: number): void {
		this.freeRemove(id);
		this.gRef[id] = 1;
		this.gCached[id] = 0;
		this.gOwner[id] = owner;
		this.gFill[id] = fill;
		this.gTok[id] = tok;
	}

	/** Another holder of a block (a prefix hit), reviving it if free. */
	private hold(id: number, owner: number): void {
		if (this.gRef[id]++ === 0) this.freeRemove(id);
		this.gOwner[id] = owner;
		this.wg(id);
	}

	/** Drop every table of a request; the block_freed events that follow return blocks to the queue. */
	private release(r: ReqRec): void {
		for (const seq of r.seqs) {
			for (const blk of seq.blockTable) {
				this.gRef[blk]--;
				this.wg(blk);
			}
			seq.blockTable = [];
		}
		if (this.spans.length) this.spans = this.spans.filter((sp) => sp.r !== r.r);
	}

	/** A finished or rejected request leaves the fold; its record is final. */
	private retire(r: ReqRec): void {
		this.tables.writeFinal(r);
		this.recs[r.r] = undefined;
		this.held.delete(r.r);
	}

	private req(a: number): ReqRec {
		let r = this.recs[a];
		if (r === null) {
			r = this.recs[a] = this.fresh(a);
			this.held.add(a);
		}
		if (!r) throw new Error(`replay: event for unknown request ${this.store.reqId(a)}`);
		return r;
	}

	private seq(a: number, seq: number): SeqRec {
		const seqs = this.req(a).seqs;
		for (let j = 0; j < seqs.length; j++) if (seqs[j].seq === seq) return seqs[j];
		throw new Error(`replay: request ${this.store.reqId(a)} has no sequence ${seq}`);
	}

	// ---- checkpoints ----

	/** Note every block written from now on, for `snapshot`'s deltas (the indexing fold; a page's folds note nothing). */
	noteWrites(): void {
		this.written = new WrittenBlocks(this.poolPlanes());
	}

	/** GPU block `id` was written. */
	private wg(id: number): void {
		this.written?.add(0, id);
	}

	/** CPU block `id` was written. */
	private wc(id: number): void {
		this.written?.add(1, id);
	}

	/** Out of the free queue, noted with its neighbours (their links change too). */
	private freeRemove(id: number): void {
		const w = this.written;
		if (w) {
			const { prev, next } = this.free.links;
			w.add(0, id);
			if (prev[id] >= 0) w.add(0, prev[id]);
			if (next[id] >= 0) w.add(0, next[id]);
		}
		this.free.remove(id);
	}

	/** Onto the free queue's tail: the old tail's link changes too. */
	private freeAppend(id: number): void {
		const w = this.written;
		if (w) {
			w.add(0, id);
			if (this.free.last >= 0) w.add(0, this.free.last);
		}
		this.free.append(id);
	}

	/** The pool as planes (per-block arrays) of each device, GPU then CPU: what checkpoints diff and restore. */
	poolPlanes(): Planes[] {
		const { prev, next, member } = this.free.links;
		return [
			{ ints: [this.gRef, this.gOwner, this.gFill, this.gTok, prev, next], bytes: [this.gCached, member] },
			{ ints: [this.cRef, this.cOwner, this.cFill, this.cTok], bytes: [] }
		];
	}

	/** A checkpoint of the fold now; `pool` diffs the pool against the checkpoint before. */
	snapshot(pool: PoolDiffer): FoldSnapshot {
		let recLen = 0;
		for (const r of this.held) recLen += recSize(this.recs[r]!);
		const w = this.waiting;
		const size = HEAD + 4 * this.spans.length + 2 * w.numRuns + this.running.length + this.swapped.length + recLen;
		const x = new Int32Array(size);
		const [fHead, fTail, fSize] = this.free.ends;
		x.set([
			this.step,
			this.applied,
			this.lastStepEnd,
			this.numArrived,
			fHead,
			fTail,
			fSize,
			this.spans.length,
			w.numRuns,
			this.running.length,
			this.swapped.length,
			this.held.size
		]);
		let o = HEAD;
		for (const sp of this.spans) {
			x[o++] = sp.r;
			x[o++] = sp.seq;
			x[o++] = sp.start;
			x[o++] = sp.length;
		}
		o = w.writeRuns(x, o);
		x.set(this.running, o);
		o += this.running.length;
		x.set(this.swapped, o);
		o += this.swapped.length;
		for (const r of this.held) o = encodeRec(this.recs[r]!, x, o);
		return { ints: x, pool: pool.take(this.poolPlanes(), this.written ?? undefined), clockMs: this.clockMs };
	}

	/**
	 * Go to checkpoint `k` of `cps` in place: the fold's own arrays are overwritten, not made
	 * anew (a fresh 131,072-block pool costs more to touch than to fill).
	 */
	restore(cps: readonly FoldSnapshot[], k: number): void {
		const s = cps[k];
		const x = s.ints;
		const [step, cursor, lastStepEnd, numArrived, fHead, fTail, fSize, nSpans, nRuns, nR, nS, nHeld] = x;
		this.step = step;
		this.lastStepEnd = lastStepEnd;
		this.numArrived = numArrived;
		this.clockMs = s.clockMs;
		restorePool(this.poolPlanes(), (j) => cps[j].pool, k);
		this.free.setEnds(fHead, fTail, fSize);
		let o = HEAD;
		this.spans = [];
		for (let j = 0; j < nSpans; j++, o += 4) this.spans.push({ r: x[o], seq: x[o + 1], start: x[o + 2], length: x[o + 3] });
		this.waiting = IdDeque.fromRuns(x.subarray(o, o + 2 * nRuns));
		o += 2 * nRuns;
		this.running = intsOf(x, o, o + nR);
		this.swapped = intsOf(x, o + nR, o + nR + nS);
		o += nR + nS;
		// Waiting requests are still as they arrived unless a record says otherwise.
		// The fold's own list and set, emptied: at 100,000 requests a fresh list is 800 KB a seek.
		const recs = this.recs;
		recs.length = numArrived;
		recs.fill(undefined);
		this.waiting.forEach((r) => (recs[r] = null));
		this.held.clear();
		for (let j = 0; j < nHeld; j++) {
			const { rec, next } = decodeRec(x, o);
			recs[rec.r] = rec;
			this.held.add(rec.r);
			o = next;
		}
		this.steps = this.store.steps(cursor);
		this.rows = this.store.reader(cursor);
	}

	// ---- the state views draw ----

	/**
	 * The ReplayState at this point. The state reads this fold's arrays in place, so call it on
	 * a fold that goes no further (stateAt calls it on a stateCopy); the block lists, block and
	 * sequence tokens, and finished requests are built when a view first reads them.
	 */
	state(): ReplayState {
		const store = this.store;
		const tables = this.tables;
		const tokens = this.tokens;
		const id = (r: number) => store.reqId(r);
		const { gRef, gOwner, gFill, gTok, gCached, cRef, cOwner, cFill, cTok, nG, nC } = this;
		let gpu: BlockState[] | null = null;
		let cpu: BlockState[] | null = null;
		const recAt = (r: number) => this.recAt(r);
		const fresh = (r: number) => this.fresh(r);
		const free = this.free;
		const freeQueueAt = this.freeQueueAt;
		let freeQueue: number[] | null = null;
		const { waiting: waitingIdx, running: runningIdx, swapped: swappedIdx } = this;
		let waiting: string[] | null = null;
		let running: string[] | null = null;
		let swapped: string[] | null = null;
		const gpuArrays: PoolArrays = { ref: gRef, owner: gOwner, fill: gFill, tok: gTok, cached: gCached, reqId: id, tables, tokens };
		const cpuArrays: PoolArrays = { ref: cRef, owner: cOwner, fill: cFill, tok: cTok, cached: null, reqId: id, tables, tokens };
		const v1 = (store.config as { semantics?: string }).semantics === 'v1';
		let cpuPool: ReplayState['cpuPool'];
		const gpuBlock = (i: number) => {
			const b: BlockState = new BlockView(i, gpuArrays);
			// vLLM V1's null block: block 0, never free nor held (views draw it apart).
			if (v1 && i === 0) b.nullBlock = true;
			return b;
		};
		return {
			config: store.config,
			step: this.step,
			cursor: this.applied,
			get gpu(): BlockState[] {
				if (!gpu) {
					gpu = new Array(nG);
					for (let i = 0; i < nG; i++) gpu[i] = gpuBlock(i);
				}
				return gpu;
			},
			block: (device, i) =>
				i < 0 || i >= (device === 'gpu' ? nG : nC)
					? undefined
					: device === 'gpu'
						? (gpu?.[i] ?? gpuBlock(i))
						: (cpu?.[i] ?? new BlockView(i, cpuArrays)),
			get cpu(): BlockState[] {
				if (!cpu) {
					cpu = new Array(nC);
					for (let i = 0; i < nC; i++) cpu[i] = new BlockView(i, cpuArrays);
				}
				return cpu;
			},
			pool: { refCount: gRef, owner: gOwner, fill: gFill, cached: gCached },
			get cpuPool() {
				return (cpuPool ??= { refCount: cRef, owner: cOwner, fill: cFill, cached: new Uint8Array(nC) });
			},
			get freeQueue(): number[] {
				return (freeQueue ??= freeQueueAt ? freeQueueAt() : free.toArray());
			},
			freeBlocks: free.size,
			spans: this.spans.map((sp): SpanState => ({ req: id(sp.r), seq: sp.seq, start: sp.start, length: sp.length })),
			requests: new LazyRequests(store, this.numArrived, (r) => {
				const live = recAt(r);
				const rec = live === null ? fresh(r) : (live ?? decodeRec(tables.finalData, tables.finalAt[r]).rec);
				return requestView(rec, store, tables, tokens);
			}),
			// Ids built when read: a long waiting queue costs nothing until a view lists it.
			get waiting(): string[] {
				return (waiting ??= waitingIdx.toArray().map(id));
			},
			get running(): string[] {
				return (running ??= runningIdx.map(id));
			},
			get swapped(): string[] {
				return (swapped ??= swappedIdx.map(id));
			},
			stats: this.lastStepEnd < 0 ? null : store.stepStats(this.lastStepEnd),
			clockMs: this.clockMs
		};
	}
}

function remove(xs: number[], x: number): void {
	const i = xs.indexOf(x);
	if (i >= 0) xs.splice(i, 1);
}
