/**
 * The compact event store: the sink the pages use. The stream lives in typed arrays: one
 * encoded row per event (rows.ts: a kind byte and the event's numbers as varints; steps as
 * runs, one entry per step), request ids interned to ints, and the variable-length parts in
 * side arrays; nothing is an object until a view asks (`get(i)` and `range`, decoded in
 * store-decode.ts; the JSONL export, store-jsonl.ts). Token ids are append-only: a prompt is
 * written once at `arrived`, a generated token once at `generated`, and replay refers to
 * them by position.
 *
 * Arrays grow in place where ArrayBuffers are resizable (no copy, untouched capacity costs
 * no memory), by doubling elsewhere.
 *
 *   event i decodes to:  kind  a  b  c          step: stepVal[k] for stepStart[k] ≤ i
 *   arrived        req   tokStart  promptLen         (outputLen, width, beam: per request)
 *   rejected       req   reason
 *   scheduled      req   numTokens  numComputed      (phase: DECODE_BIT of kind)
 *   prefix_hit     req   logical  block
 *   block_allocated req  logical  block              (device: CPU_BIT of kind; seq 0, or
 *   block_cached   req   logical  block               SEQ_BIT set and b → extra [seq, logical])
 *   block_evicted  block
 *   block_freed    block                             (device: CPU_BIT of kind)
 *   cow            req   seq  extra → [logical, from, to]
 *   forked         req   parent  child
 *   seq_freed      req   seq
 *   generated      req   seq  tokenIndex (into tokens)
 *   span_reserved  req   seq  extra → [start, length]
 *   preempted      req   mode (0 swap, 1 recompute)  restart
 *   swapped_out/in req   extra → pairs  count
 *   finished       req
 *   step_end       ordinal → STEP_FIELDS numbers in `figures`
 *
 * Offsets into tokens and extra, and step_end ordinals, are implied by the stream and not
 * stored: a long run's events average under 5 bytes. The codes the table names (REASONS,
 * STEP_FIELDS) and the store as plain data for workers (StoreData) are in store-data.ts.
 */
import { lastAtOrBelow } from '../sorted';
import type { EngineConfig } from '../engine/config';
import { MEMORY_CATEGORIES } from '../engine/memory/categories';
import type { StepStats } from '../replay/state';
import { EVENT_SCHEMA_VERSION, EVENT_TYPES, type Device, type EngineEvent, type EventType, type Phase, type RejectReason } from './events';
import { EventSink } from './sink';
import { column, grown, trimmed, type Column } from './columns';
import { CODE, CPU_BIT, DECODE_BIT, MARK_FIELDS, MAX_ROW_BYTES, ROWS_PER_MARK, RowCursor, SEQ_BIT, TYPE_MASK } from './rows';
import { REASONS, STEP_FIELDS, type StoreData, type StoreDelta } from './store-data';
import { decodeEvent, decodeRange, stepStatsAt, type DecodeColumns } from './store-decode';
import { BatchOrder } from './batch-order';
import { StepReader } from './step-reader';

export { CODE, CPU_BIT, DECODE_BIT, SEQ_BIT, TYPE_MASK } from './rows';
// steps() returns one: its type is part of the store's API.
export type { StepReader };

/** A step has at least its scheduled, generated and step_end events; past one step per this many, per-step arrays grow by copies. */
const MIN_STEP_EVENTS = 4;

/** Most events a store keeps by default: past this a run is refused rather than exhausting memory. */
export const DEFAULT_MAX_EVENTS = 60_000_000;

export class RunTooLargeError extends Error {
	constructor(readonly limit: number) {
		super(
			`this run produces more than ${limit.toLocaleString('en-US')} events, more than this page can keep in memory; use fewer requests or a smaller pool (the CLI, npm run sim, has no such limit)`
		);
		this.name = 'RunTooLargeError';
	}
}

export class EventStore extends EventSink {
	#n = 0;
	#rows: Uint8Array;
	#marks: Int32Array;
	/** Writes at the end of the rows. */
	#w: RowCursor;
	/** Reads for get(i) & co, from where the last read left off when it can. */
	#r: RowCursor;
	/** Steps as runs: events from stepStart[k] on are at step stepVal[k]. */
	#stepStart: Int32Array;
	#stepVal: Int32Array;
	#numStepRuns = 0;
	#tokens: Int32Array;
	#numTokens = 0;
	#extra: Int32Array = new Int32Array(64);
	#numExtra = 0;
	#figures: Float64Array;
	#numStepEnds = 0;
	#reqOutputLen: Int32Array = new Int32Array(64);
	#reqWidth: Int32Array = new Int32Array(64);
	#reqBeam: Uint8Array = new Uint8Array(64);
	#reqIds: string[] = [];
	#reqIndex = new Map<string, number>();
	#config: EngineConfig | null = null;
	#executor = '';
	#version = EVENT_SCHEMA_VERSION;
	readonly #maxEvents: number;

	/**
	 * `drain`: keep only what no delta has taken yet (takeDelta empties the columns), for an
	 * engine whose events go to an index worker: its columns stay small and warm instead of
	 * growing through fresh memory. A drained store is written, never read.
	 */
	constructor(opts: { maxEvents?: number; drain?: boolean } = {}) {
		super(false);
		this.#drain = opts.drain ?? false;
		const max = (this.#maxEvents = opts.maxEvents ?? DEFAULT_MAX_EVENTS);
		const first = Math.min(4096, max);
		// 8 bytes an event on average is plenty (a long run averages 5–6); past that the buffer doubles.
		this.#rows = column(Uint8Array, first * 8, 8 * max);
		this.#tokens = column(Int32Array, first, 2 * max);
		this.#w = new RowCursor(this.#rows);
		this.#r = new RowCursor(this.#rows, () => this.#rows);
		// Growing by copies would write a long run's per-step arrays twice over: these grow in place
		// too, up to a step every MIN_STEP_EVENTS events (past that they fall back to copies).
		const steps = Math.ceil(max / MIN_STEP_EVENTS);
		this.#marks = column(Int32Array, 64 * MARK_FIELDS, Math.ceil(max / ROWS_PER_MARK + 1) * MARK_FIELDS);
		this.#stepStart = column(Int32Array, 64, steps);
		this.#stepVal = column(Int32Array, 64, steps);
		this.#figures = column(Float64Array, 64 * STEP_FIELDS, steps * STEP_FIELDS);
	}

	/** A store holding `events` (tests, imports, the model page's live stream). */
	static fromEvents(events: readonly EngineEvent[]): EventStore {
		const s = new EventStore({ maxEvents: Infinity });
		for (const e of events) s.push(e);
		return s;
	}

	/** A store over data another store exported (e.g. posted by the worker): no copy. */
	static fromData(data: StoreData): EventStore {
		const s = new EventStore({ maxEvents: Infinity });
		s.#n = data.length;
		s.#rows = data.rows;
		s.#marks = data.marks;
		s.#stepStart = data.stepStart;
		s.#stepVal = data.stepVal;
		s.#numStepRuns = data.stepStart.length;
		s.#tokens = data.tokens;
		s.#numTokens = data.tokens.length;
		s.#extra = data.extra;
		s.#numExtra = data.extra.length;
		s.#figures = data.figures;
		s.#numStepEnds = data.numStepEnds;
		s.#reqOutputLen = data.reqOutputLen;
		s.#reqWidth = data.reqWidth;
		s.#reqBeam = data.reqBeam;
		s.#reqIds = data.reqIds;
		data.reqIds.forEach((id, i) => s.#reqIndex.set(id, i));
		s.#config = data.config;
		s.#executor = data.executor;
		s.#version = data.version;
		Object.assign(s.counts, data.counts);
		// The writer's cursor at the end, as if it had written these events.
		const w = (s.#w = new RowCursor(s.#rows));
		Object.assign(w, { i: data.length, off: data.rows.length, tok: data.tokens.length, ext: data.extra.length, ends: data.numStepEnds });
		s.#r = new RowCursor(s.#rows, () => s.#rows);
		return s;
	}

	/** Trim every array to its length and hand the data out (for postMessage; transfer `buffers(data)`). */
	data(): StoreData {
		if (this.#drain) throw new Error('a drained store hands its events out in deltas (takeDelta), not whole');
		const n = this.#n;
		const trim = trimmed;
		this.#rows = this.#w.bytes = this.#r.bytes = trim(this.#rows, this.#w.off);
		this.#marks = trim(this.#marks, RowCursor.marksFor(n));
		this.#stepStart = trim(this.#stepStart, this.#numStepRuns);
		this.#stepVal = trim(this.#stepVal, this.#numStepRuns);
		this.#tokens = trim(this.#tokens, this.#numTokens);
		this.#extra = trim(this.#extra, this.#numExtra);
		this.#figures = trim(this.#figures, this.#numStepEnds * STEP_FIELDS);
		this.#reqOutputLen = trim(this.#reqOutputLen, this.#reqIds.length);
		this.#reqWidth = trim(this.#reqWidth, this.#reqIds.length);
		this.#reqBeam = trim(this.#reqBeam, this.#reqIds.length);
		return {
			length: n,
			rows: this.#rows,
			marks: this.#marks,
			stepStart: this.#stepStart,
			stepVal: this.#stepVal,
			...this.#columns(),
			numStepEnds: this.#numStepEnds,
			counts: { ...this.counts }
		};
	}

	/** Where the last takeDelta stopped, per column (global positions). */
	#sent = { rows: 0, marks: 0, runs: 0, tokens: 0, extra: 0, figures: 0, reqs: 0 };
	readonly #drain: boolean;
	/** Global position of each column's first element: all 0 unless drained (then equal to #sent). */
	#base = { rows: 0, marks: 0, runs: 0, tokens: 0, extra: 0, figures: 0, reqs: 0 };
	/** Step of the last step run (its value may have been drained). */
	#runStep = -1;

	/**
	 * What this store took in since the last delta, as copies to transfer: a follower store
	 * (appendDelta) then holds the same events. The pages' index worker follows the engine's
	 * worker this way, indexing while the engine runs.
	 */
	takeDelta(): StoreDelta {
		const s = this.#sent;
		const b = this.#base;
		const n = this.#n;
		const at = {
			rows: b.rows + this.#w.off,
			marks: RowCursor.marksFor(n),
			runs: this.#numStepRuns,
			tokens: this.#numTokens,
			extra: this.#numExtra,
			figures: this.#numStepEnds * STEP_FIELDS,
			reqs: b.reqs + this.#reqIds.length
		};
		// Each column's part from where the last delta stopped to here, in its own (local) positions.
		const part = <T extends Column>(x: T, k: keyof typeof at) => x.slice(s[k] - b[k], at[k] - b[k]) as T;
		const d: StoreDelta = {
			length: n,
			rows: part(this.#rows, 'rows'),
			marks: part(this.#marks, 'marks'),
			stepStart: part(this.#stepStart, 'runs'),
			stepVal: part(this.#stepVal, 'runs'),
			tokens: part(this.#tokens, 'tokens'),
			extra: part(this.#extra, 'extra'),
			figures: part(this.#figures, 'figures'),
			reqOutputLen: part(this.#reqOutputLen, 'reqs'),
			reqWidth: part(this.#reqWidth, 'reqs'),
			reqBeam: part(this.#reqBeam, 'reqs'),
			reqIds: this.#reqIds.slice(s.reqs - b.reqs, at.reqs - b.reqs),
			config: this.#config,
			executor: this.#executor,
			version: this.#version,
			numStepEnds: this.#numStepEnds,
			counts: { ...this.counts }
		};
		this.#sent = at;
		if (this.#drain) {
			// Everything is taken: the columns start again from here (their capacity stays, warm).
			this.#base = { ...at };
			this.#w.off = 0;
			this.#reqIds = [];
		}
		return d;
	}

	/** Append a delta another store took (this store must hold exactly what that one had sent before). */
	appendDelta(d: StoreDelta): void {
		const add = <T extends Column>(arr: T, len: number, part: T): T => {
			const out = grown(arr, len + part.length);
			out.set(part, len);
			return out;
		};
		const w = this.#w;
		const marksLen = RowCursor.marksFor(this.#n);
		this.#rows = w.bytes = add(this.#rows, w.off, d.rows);
		this.#marks = add(this.#marks, marksLen, d.marks);
		this.#stepStart = add(this.#stepStart, this.#numStepRuns, d.stepStart);
		this.#stepVal = add(this.#stepVal, this.#numStepRuns, d.stepVal);
		this.#numStepRuns += d.stepStart.length;
		this.#tokens = add(this.#tokens, this.#numTokens, d.tokens);
		this.#numTokens += d.tokens.length;
		this.#extra = add(this.#extra, this.#numExtra, d.extra);
		this.#numExtra += d.extra.length;
		this.#figures = add(this.#figures, this.#numStepEnds * STEP_FIELDS, d.figures);
		this.#numStepEnds = d.numStepEnds;
		const r = this.#reqIds.length;
		this.#reqOutputLen = add(this.#reqOutputLen, r, d.reqOutputLen);
		this.#reqWidth = add(this.#reqWidth, r, d.reqWidth);
		this.#reqBeam = add(this.#reqBeam, r, d.reqBeam);
		for (let j = 0; j < d.reqIds.length; j++) {
			this.#reqIds.push(d.reqIds[j]);
			this.#reqIndex.set(d.reqIds[j], r + j);
		}
		this.#config ??= d.config;
		this.#executor = d.executor;
		this.#version = d.version;
		Object.assign(this.counts, d.counts);
		this.#n = d.length;
		// The writer's cursor at the end, as if it had written these events.
		Object.assign(w, { i: d.length, off: w.off + d.rows.length, tok: this.#numTokens, ext: this.#numExtra, ends: this.#numStepEnds });
	}

	/** Bytes held (capacity, not just length). */
	get bytes(): number {
		const arrays = [
			this.#rows,
			this.#marks,
			this.#stepStart,
			this.#stepVal,
			this.#tokens,
			this.#extra,
			this.#figures,
			this.#reqOutputLen,
			this.#reqWidth,
			this.#reqBeam
		];
		return arrays.reduce((s, x) => s + x.byteLength, 0);
	}

	// ---- reading (columns are read-only views for replay; don't write through them) ----

	get length(): number {
		return this.#n;
	}
	get config(): EngineConfig {
		if (!this.#config) throw new Error('an event stream must begin with run_start');
		return this.#config;
	}
	get numRequests(): number {
		return this.#base.reqs + this.#reqIds.length;
	}
	get numTokens(): number {
		return this.#numTokens;
	}
	/** Most tokens this store may hold (what its token column reserves): per-token tables that follow it reserve as much. */
	get maxTokens(): number {
		return 2 * this.#maxEvents;
	}
	get numStepEnds(): number {
		return this.#numStepEnds;
	}
	/** A cursor reading events from, for folds that read the store in order without making objects. */
	reader(from = 0): RowCursor {
		const r = new RowCursor(this.#rows, () => this.#rows);
		r.moveTo(this.#marks, from);
		return r;
	}

	/** Event i decoded (into the store's own read cursor: use its fields before the next read). */
	#at(i: number): RowCursor {
		const r = this.#r;
		r.moveTo(this.#marks, i);
		r.next();
		return r;
	}

	/** The side arrays, for folds that read the store without making objects. */
	get cols() {
		return {
			tokens: this.#tokens,
			extra: this.#extra,
			figures: this.#figures,
			reqOutputLen: this.#reqOutputLen,
			reqWidth: this.#reqWidth,
			reqBeam: this.#reqBeam
		};
	}
	reqId(r: number): string {
		return this.#reqIds[r];
	}
	/** Interned id of a request, or -1. */
	reqOf(id: string): number {
		return this.#reqIndex.get(id) ?? -1;
	}
	/** Every request id, in arrival order. */
	get reqIds(): readonly string[] {
		return this.#reqIds;
	}
	type(i: number): EventType {
		return EVENT_TYPES[this.#at(i).k & TYPE_MASK];
	}
	stepOf(i: number): number {
		return this.#stepVal[lastAtOrBelow(this.#stepStart, i, this.#numStepRuns)];
	}

	/** Steps of events read in increasing order from `from`, without a search per event. */
	steps(from = 0): StepReader {
		return new StepReader(this.#stepStart, this.#stepVal, this.#numStepRuns, from);
	}
	/** The `k`-th step_end's figure `f` (0 freeGpuBlocks … 6 ms, then memory). */
	figure(k: number, f: number): number {
		return this.#figures[k * STEP_FIELDS + f];
	}

	/** Event `i` as the object the engine's EventLog keeps. */
	get(i: number): EngineEvent {
		if (i < 0 || i >= this.#n) throw new RangeError(`event ${i} of ${this.#n}`);
		return decodeEvent(this.#at(i), this.stepOf(i), this.#columns());
	}

	/** The columns as decodeEvent reads them: built per read, as the arrays are replaced when they grow. */
	#columns(): DecodeColumns {
		return {
			tokens: this.#tokens,
			extra: this.#extra,
			figures: this.#figures,
			reqOutputLen: this.#reqOutputLen,
			reqWidth: this.#reqWidth,
			reqBeam: this.#reqBeam,
			reqIds: this.#reqIds,
			config: this.#config,
			executor: this.#executor,
			version: this.#version
		};
	}

	/** The `k`-th step_end's figures, keys in the engine's order. */
	stepStats(k: number): StepStats {
		return stepStatsAt(this.#figures, k);
	}

	/** Events [from, to) as objects (the event log's visible rows). */
	range(from: number, to: number): EngineEvent[] {
		return decodeRange(this, from, to);
	}

	/** Request id of event `i`, or null for events without one (block_freed…), without making the event. */
	reqAt(i: number): string | null {
		const { k, a } = this.#at(i);
		const t = k & TYPE_MASK;
		if (t === CODE.run_start || t === CODE.block_evicted || t === CODE.block_freed || t === CODE.step_end) return null;
		return this.#reqIds[a];
	}

	// ---- writing: the sink ----

	/** Append one event object (the slow path, for imports and tests). */
	push(e: EngineEvent): void {
		this.step = e.step;
		switch (e.type) {
			case 'run_start':
				this.#version = e.version;
				return this.runStart(e.config, e.executor);
			case 'arrived':
				return this.arrived(e.req, e.promptTokens, e.outputLen, e.width, e.beam);
			case 'rejected':
				return this.rejected(e.req, e.reason);
			case 'scheduled':
				return this.scheduled(e.req, e.numTokens, e.phase, e.numComputed);
			case 'prefix_hit':
				return this.prefixHit(e.req, e.logical, e.block);
			case 'block_allocated':
				return this.blockAllocated(e.req, e.seq, e.logical, e.block, e.device);
			case 'block_cached':
				return this.blockCached(e.req, e.seq, e.logical, e.block);
			case 'block_evicted':
				return this.blockEvicted(e.block);
			case 'block_freed':
				return this.blockFreed(e.block, e.device);
			case 'cow':
				return this.cow(e.req, e.seq, e.logical, e.from, e.to);
			case 'forked':
				return this.forked(e.req, e.parent, e.child);
			case 'seq_freed':
				return this.seqFreed(e.req, e.seq);
			case 'generated':
				return this.generated(e.req, e.seq, e.token);
			case 'span_reserved':
				return this.spanReserved(e.req, e.seq, e.start, e.length);
			case 'preempted':
				return this.preempted(e.req, e.mode, e.restart);
			case 'swapped_out':
				return this.swappedOut(e.req, e.blocks);
			case 'swapped_in':
				return this.swappedIn(e.req, e.blocks);
			case 'finished':
				return this.finished(e.req);
			case 'step_end': {
				const { type: _t, step: _s, ...stats } = e;
				return this.stepEnd(stats);
			}
		}
	}

	#row(kind: number, a: number, b: number, c: number): void {
		const i = this.#n;
		const w = this.#w;
		if (i >= this.#maxEvents) throw new RunTooLargeError(this.#maxEvents);
		if (w.off + MAX_ROW_BYTES > this.#rows.length) this.#rows = w.bytes = grown(this.#rows, w.off + MAX_ROW_BYTES);
		if ((i & (ROWS_PER_MARK - 1)) === 0) this.#mark(i);
		if (this.#numStepRuns === 0 || this.#runStep !== this.step) this.#stepRun(i);
		w.put(kind, a, b, c);
		this.#n = i + 1;
	}

	#mark(i: number): void {
		const b = this.#base;
		this.#marks = grown(this.#marks, RowCursor.markAt(i) - b.marks + MARK_FIELDS);
		this.#w.mark(this.#marks, b.marks, b.rows);
	}

	#stepRun(i: number): void {
		const k = this.#numStepRuns - this.#base.runs;
		this.#stepStart = grown(this.#stepStart, k + 1);
		this.#stepVal = grown(this.#stepVal, k + 1);
		this.#stepStart[k] = i;
		this.#stepVal[k] = this.#runStep = this.step;
		this.#numStepRuns++;
	}

	#lastId = '';
	#lastReq = -1;
	/** This step's and the last step's batch, in scheduling order (most lookups are one comparison). */
	#batch = new BatchOrder();
	#before = new BatchOrder();
	#orderStep = -1;

	#req(id: string): number {
		if (id === this.#lastId) return this.#lastReq;
		const r = this.#reqIndex.get(id);
		if (r === undefined) throw new Error(`event for unknown request ${id}`);
		this.#lastId = id;
		this.#lastReq = r;
		return r;
	}

	// Writers below put an element at its global position less the column's base (0 unless drained).
	#token(t: number): number {
		const o = this.#numTokens - this.#base.tokens;
		if (o === this.#tokens.length) this.#tokens = grown(this.#tokens, o + 1);
		this.#tokens[o] = t;
		return this.#numTokens++;
	}

	/** Numbers appended to `extra`; their offset. */
	#extraOut(...xs: number[]): number {
		const at = this.#numExtra;
		const o = at - this.#base.extra;
		this.#extra = grown(this.#extra, o + xs.length);
		for (let j = 0; j < xs.length; j++) this.#extra[o + j] = xs[j];
		this.#numExtra = at + xs.length;
		return at;
	}

	#pairsOut(pairs: readonly (readonly [number, number])[]): number {
		const at = this.#numExtra;
		const o = at - this.#base.extra;
		this.#extra = grown(this.#extra, o + 2 * pairs.length);
		for (let j = 0; j < pairs.length; j++) {
			this.#extra[o + 2 * j] = pairs[j][0];
			this.#extra[o + 2 * j + 1] = pairs[j][1];
		}
		this.#numExtra = at + 2 * pairs.length;
		return at;
	}

	override runStart(config: EngineConfig, executor: string): void {
		if (this.#config) throw new Error('an event stream has one run_start');
		this.counts.run_start++;
		this.#config = { ...config };
		this.#executor = executor;
		this.#row(CODE.run_start, 0, 0, 0);
	}

	override arrived(req: string, promptTokens: readonly number[], outputLen: number, width: number, beam: boolean): void {
		this.counts.arrived++;
		const b = this.#base;
		const q = this.#reqIds.length;
		const r = b.reqs + q;
		this.#reqIds.push(req);
		this.#reqIndex.set(req, r);
		this.#lastId = '';
		this.#reqOutputLen = grown(this.#reqOutputLen, q + 1);
		this.#reqWidth = grown(this.#reqWidth, q + 1);
		this.#reqOutputLen[q] = outputLen;
		this.#reqBeam = grown(this.#reqBeam, q + 1);
		this.#reqWidth[q] = width;
		this.#reqBeam[q] = beam ? 1 : 0;
		const at = this.#numTokens;
		const o = at - b.tokens;
		this.#tokens = grown(this.#tokens, o + promptTokens.length);
		for (let j = 0; j < promptTokens.length; j++) this.#tokens[o + j] = promptTokens[j];
		this.#numTokens = at + promptTokens.length;
		this.#row(CODE.arrived, r, at, promptTokens.length);
	}

	override rejected(req: string, reason: RejectReason): void {
		this.counts.rejected++;
		this.#row(CODE.rejected, this.#req(req), REASONS.indexOf(reason), 0);
	}

	override scheduled(req: string, numTokens: number, phase: Phase, numComputed: number): void {
		this.counts.scheduled++;
		if (this.step !== this.#orderStep) {
			[this.#before, this.#batch] = [this.#batch, this.#before];
			this.#batch.clear();
			this.#before.restart();
			this.#orderStep = this.step;
		}
		let r = this.#before.match(req);
		if (r < 0) r = this.#req(req);
		this.#batch.record(req, r);
		this.#row(CODE.scheduled | (phase === 'decode' ? DECODE_BIT : 0), r, numTokens, numComputed);
	}

	override prefixHit(req: string, logical: number, block: number): void {
		this.counts.prefix_hit++;
		this.#row(CODE.prefix_hit, this.#req(req), logical, block);
	}

	override blockAllocated(req: string, seq: number, logical: number, block: number, device: Device): void {
		this.counts.block_allocated++;
		const cpu = device === 'cpu' ? CPU_BIT : 0;
		if (seq === 0) this.#row(CODE.block_allocated | cpu, this.#req(req), logical, block);
		else this.#row(CODE.block_allocated | cpu | SEQ_BIT, this.#req(req), this.#extraOut(seq, logical), block);
	}

	override blockCached(req: string, seq: number, logical: number, block: number): void {
		this.counts.block_cached++;
		if (seq === 0) this.#row(CODE.block_cached, this.#req(req), logical, block);
		else this.#row(CODE.block_cached | SEQ_BIT, this.#req(req), this.#extraOut(seq, logical), block);
	}

	override blockEvicted(block: number): void {
		this.counts.block_evicted++;
		this.#row(CODE.block_evicted, block, 0, 0);
	}

	override blockFreed(block: number, device: Device): void {
		this.counts.block_freed++;
		this.#row(CODE.block_freed | (device === 'cpu' ? CPU_BIT : 0), block, 0, 0);
	}

	override cow(req: string, seq: number, logical: number, from: number, to: number): void {
		this.counts.cow++;
		this.#row(CODE.cow, this.#req(req), seq, this.#extraOut(logical, from, to));
	}

	override forked(req: string, parent: number, child: number): void {
		this.counts.forked++;
		this.#row(CODE.forked, this.#req(req), parent, child);
	}

	override seqFreed(req: string, seq: number): void {
		this.counts.seq_freed++;
		this.#row(CODE.seq_freed, this.#req(req), seq, 0);
	}

	override generated(req: string, seq: number, token: number): void {
		this.counts.generated++;
		let r = this.step === this.#orderStep ? this.#batch.match(req) : -1;
		if (r < 0) r = this.#req(req);
		this.#row(CODE.generated, r, seq, this.#token(token));
	}

	override spanReserved(req: string, seq: number, start: number, length: number): void {
		this.counts.span_reserved++;
		this.#row(CODE.span_reserved, this.#req(req), seq, this.#extraOut(start, length));
	}

	override preempted(req: string, mode: 'swap' | 'recompute', restart: boolean): void {
		this.counts.preempted++;
		this.#row(CODE.preempted, this.#req(req), mode === 'swap' ? 0 : 1, restart ? 1 : 0);
	}

	override swappedOut(req: string, blocks: [gpu: number, cpu: number][]): void {
		this.counts.swapped_out++;
		this.#row(CODE.swapped_out, this.#req(req), this.#pairsOut(blocks), blocks.length);
	}

	override swappedIn(req: string, blocks: [cpu: number, gpu: number][]): void {
		this.counts.swapped_in++;
		this.#row(CODE.swapped_in, this.#req(req), this.#pairsOut(blocks), blocks.length);
	}

	override finished(req: string): void {
		this.counts.finished++;
		this.#row(CODE.finished, this.#req(req), 0, 0);
	}

	override stepEnd(stats: StepStats): void {
		this.counts.step_end++;
		const k = this.#numStepEnds;
		const o = k * STEP_FIELDS - this.#base.figures;
		if (o + STEP_FIELDS > this.#figures.length) this.#figures = grown(this.#figures, o + STEP_FIELDS);
		const f = this.#figures;
		f[o] = stats.freeGpuBlocks;
		f[o + 1] = stats.running;
		f[o + 2] = stats.waiting;
		f[o + 3] = stats.swapped;
		f[o + 4] = stats.batchSeqs;
		f[o + 5] = stats.batchTokens;
		f[o + 6] = stats.ms;
		for (let j = 0; j < MEMORY_CATEGORIES.length; j++) f[o + 7 + j] = stats.memory[MEMORY_CATEGORIES[j]];
		this.#numStepEnds = k + 1;
		this.#row(CODE.step_end, k, 0, 0);
	}
}
