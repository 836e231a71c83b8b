/**
 * The event store's rows as bytes. An event is its kind byte, then only the numbers its type
 * needs, each a varint (7 bits a byte). Numbers the stream already implies are not written:
 * where a prompt's or a generated token's ids start (the tokens written so far), where an
 * event's numbers in `extra` start (the numbers written there so far), and a step_end's
 * ordinal (step_ends so far). A decode step's `scheduled` and `generated` events, three
 * quarters of a long run, take 5–6 bytes instead of 13.
 *
 * The same cursor writes and reads, so the two can't disagree: it keeps the three counters
 * and decodes into (k, a, b, c), the fields the event types document in store.ts. A mark
 * every ROWS_PER_MARK events (byte offset and counters) lets a read start near any event.
 */
import { EVENT_TYPES, type EventType } from './events';

/** Event type codes: the index into EVENT_TYPES. */
export const CODE = Object.fromEntries(EVENT_TYPES.map((t, i) => [t, i])) as Record<EventType, number>;
/** Set in `kind` when a block event's device is the CPU. */
export const CPU_BIT = 0x80;
/** Set in a scheduled event's `kind` for the decode phase. */
export const DECODE_BIT = 0x40;
/** Set in a block_allocated / block_cached `kind` when the sequence isn't 0: b points into extra at [seq, logical]. */
export const SEQ_BIT = 0x40;
export const TYPE_MASK = 0x3f;

/** Events between marks: a random read decodes at most this many. */
export const ROWS_PER_MARK = 64;
const MARK_SHIFT = 6;
/** Numbers per mark: byte offset, tokens, extra numbers and step_ends before the marked event. */
export const MARK_FIELDS = 4;
/** Most bytes one event takes: its kind and three 5-byte varints. */
export const MAX_ROW_BYTES = 16;

const A = 1;
const B = 2;
const C = 4;
// What a type's implied field is: where it starts in tokens or extra, or its step_end ordinal.
const NONE = 0;
const B_TOKENS = 1; // b: its first token (tokens so far); it adds c tokens
const C_TOKEN = 2; // c: its token (tokens so far); it adds one
const A_STEP_END = 3; // a: its ordinal (step_ends so far)
const B_EXTRA_SEQ = 4; // with SEQ_BIT, b: extra so far; it adds [seq, logical]
const C_EXTRA_3 = 5; // c: extra so far; it adds three numbers
const C_EXTRA_2 = 6; // c: extra so far; it adds two
const B_EXTRA_PAIRS = 7; // b: extra so far; it adds c pairs

/** Each type's layout: the fields it writes (the rest are 0 or implied) and its implied field. */
const LAYOUT: Record<EventType, [written: number, implied: number]> = {
	run_start: [0, NONE],
	arrived: [A | C, B_TOKENS],
	rejected: [A | B, NONE],
	scheduled: [A | B | C, NONE],
	prefix_hit: [A | B | C, NONE],
	block_allocated: [A | B | C, B_EXTRA_SEQ],
	block_cached: [A | B | C, B_EXTRA_SEQ],
	block_evicted: [A, NONE],
	block_freed: [A, NONE],
	cow: [A | B, C_EXTRA_3],
	forked: [A | B | C, NONE],
	seq_freed: [A | B, NONE],
	generated: [A | B, C_TOKEN],
	span_reserved: [A | B, C_EXTRA_2],
	preempted: [A | B | C, NONE],
	swapped_out: [A | C, B_EXTRA_PAIRS],
	swapped_in: [A | C, B_EXTRA_PAIRS],
	finished: [A, NONE],
	step_end: [0, A_STEP_END]
};
const WRITTEN = Uint8Array.from(EVENT_TYPES, (t) => LAYOUT[t][0]);
const IMPLIED = Uint8Array.from(EVENT_TYPES, (t) => LAYOUT[t][1]);

export class RowCursor {
	/** The next event to read or write, and its byte offset. */
	i = 0;
	off = 0;
	/** Tokens, extra numbers and step_ends before event i. */
	tok = 0;
	ext = 0;
	ends = 0;
	/** The event last read or written. */
	k = 0;
	a = 0;
	b = 0;
	c = 0;

	/** `refresh` returns the rows again if they may have moved (a store growing without resizable buffers). */
	constructor(
		public bytes: Uint8Array,
		private readonly refresh?: () => Uint8Array
	) {}

	/** Where the mark of event i (a multiple of ROWS_PER_MARK) goes in the marks array. */
	static markAt(i: number): number {
		return (i >> MARK_SHIFT) * MARK_FIELDS;
	}

	/** Length of the marks of a stream of n events. */
	static marksFor(n: number): number {
		return Math.ceil(n / ROWS_PER_MARK) * MARK_FIELDS;
	}

	/** Write the mark of the event at the cursor (room for it is the caller's). */
	mark(marks: Int32Array, marksBase = 0, rowsBase = 0): void {
		// Bases: where `marks` and the rows begin in the whole stream (a drained store's are later parts).
		const o = RowCursor.markAt(this.i) - marksBase;
		marks[o] = rowsBase + this.off;
		marks[o + 1] = this.tok;
		marks[o + 2] = this.ext;
		marks[o + 3] = this.ends;
	}

	/** Move to event `i`: on from here when it is a little ahead, else from the mark at or before it. */
	moveTo(marks: Int32Array, i: number): void {
		if (this.i > i || i - this.i >= ROWS_PER_MARK) {
			const o = RowCursor.markAt(i);
			this.i = (i >> MARK_SHIFT) << MARK_SHIFT;
			this.off = marks[o];
			this.tok = marks[o + 1];
			this.ext = marks[o + 2];
			this.ends = marks[o + 3];
		}
		while (this.i < i) this.next();
	}

	/** Read event i into (k, a, b, c) and move past it. */
	next(): void {
		let x = this.bytes;
		let o = this.off;
		if (o + MAX_ROW_BYTES > x.length && this.refresh) x = this.bytes = this.refresh();
		const k = x[o++];
		const w = WRITTEN[k & TYPE_MASK];
		let a = 0;
		let b = 0;
		let c = 0;
		// Varints inline: one byte covers most numbers.
		if (w & A) {
			let y = x[o++];
			a = y & 0x7f;
			for (let shift = 7; y >= 0x80; shift += 7) a |= ((y = x[o++]) & 0x7f) << shift;
		}
		if (w & B) {
			let y = x[o++];
			b = y & 0x7f;
			for (let shift = 7; y >= 0x80; shift += 7) b |= ((y = x[o++]) & 0x7f) << shift;
		}
		if (w & C) {
			let y = x[o++];
			c = y & 0x7f;
			for (let shift = 7; y >= 0x80; shift += 7) c |= ((y = x[o++]) & 0x7f) << shift;
		}
		this.off = o;
		this.k = k;
		this.a = a;
		this.b = b;
		this.c = c;
		this.#implied(k);
		this.i++;
	}

	/** Write an event at the cursor (room for MAX_ROW_BYTES is the caller's); implied fields must match the stream. */
	put(k: number, a: number, b: number, c: number): void {
		const x = this.bytes;
		const w = WRITTEN[k & TYPE_MASK];
		let o = this.off;
		x[o++] = k;
		if (w & A) o = put(x, o, a);
		if (w & B) o = put(x, o, b);
		if (w & C) o = put(x, o, c);
		this.off = o;
		this.k = k;
		this.a = w & A ? a : 0;
		this.b = w & B ? b : 0;
		this.c = w & C ? c : 0;
		this.#implied(k);
		// What a reader will decode must be what was written (a stale counter would corrupt every later event).
		if (this.a !== a || this.b !== b || this.c !== c)
			throw new Error(
				`event ${this.i} (${EVENT_TYPES[k & TYPE_MASK]}): fields ${a},${b},${c} are not what the stream implies (${this.a},${this.b},${this.c})`
			);
		this.i++;
	}

	/** Fill in the fields the stream implies, and count this event's tokens, extra numbers and step_end. */
	#implied(k: number): void {
		switch (IMPLIED[k & TYPE_MASK]) {
			case B_TOKENS:
				this.b = this.tok;
				this.tok += this.c;
				return;
			case C_TOKEN:
				this.c = this.tok++;
				return;
			case A_STEP_END:
				this.a = this.ends++;
				return;
			case B_EXTRA_SEQ:
				if (k & SEQ_BIT) {
					this.b = this.ext;
					this.ext += 2;
				}
				return;
			case C_EXTRA_3:
				this.c = this.ext;
				this.ext += 3;
				return;
			case C_EXTRA_2:
				this.c = this.ext;
				this.ext += 2;
				return;
			case B_EXTRA_PAIRS:
				this.b = this.ext;
				this.ext += 2 * this.c;
				return;
		}
	}
}

/** `v` as a varint at x[o]; the offset after it. */
function put(x: Uint8Array, o: number, v: number): number {
	if (!(v >= 0 && v <= 0x7fffffff)) throw new RangeError(`${v} is not a row number (0 … 2^31-1)`);
	while (v >= 0x80) {
		x[o++] = (v & 0x7f) | 0x80;
		v >>>= 7;
	}
	x[o++] = v;
	return o;
}
