/**
 * The store's events decoded back into the objects the engine emits (EventStore.get, range,
 * stepStats): the inverse of the writers in store.ts, whose header has the table of what
 * each event's fields (k, a, b, c) hold. Apart from the class, which keeps the columns and
 * the write path; these only read columns the store hands them.
 */
import { MEMORY_CATEGORIES } from '../engine/memory/categories';
import type { StepStats } from '../replay/state';
import { EVENT_TYPES, type Device, type EngineEvent } from './events';
import { CPU_BIT, DECODE_BIT, SEQ_BIT, TYPE_MASK, type RowCursor } from './rows';
import { REASONS, STEP_FIELDS, type StoreData } from './store-data';
import type { EventStore } from './store';

/** What decoding reads besides the row: the store's side columns and its run_start's fields, as of the read. */
export type DecodeColumns = Pick<
	StoreData,
	'tokens' | 'extra' | 'figures' | 'reqOutputLen' | 'reqWidth' | 'reqBeam' | 'reqIds' | 'config' | 'executor' | 'version'
>;

/** The event whose row the cursor just read (its k, a, b, c), at `step`, as the object the engine's EventLog keeps. */
export function decodeEvent(row: Pick<RowCursor, 'k' | 'a' | 'b' | 'c'>, step: number, cols: DecodeColumns): EngineEvent {
	const { k, a, b, c } = row;
	const type = EVENT_TYPES[k & TYPE_MASK];
	const x = cols.extra;
	const device: Device = k & CPU_BIT ? 'cpu' : 'gpu';
	const req = cols.reqIds[a];
	switch (type) {
		case 'run_start':
			if (!cols.config) throw new Error('an event stream must begin with run_start');
			return { step, type, version: cols.version, config: { ...cols.config }, executor: cols.executor };
		case 'arrived':
			return {
				step,
				type,
				req,
				promptTokens: Array.from(cols.tokens.subarray(b, b + c)),
				outputLen: cols.reqOutputLen[a],
				width: cols.reqWidth[a],
				beam: cols.reqBeam[a] === 1
			};
		case 'rejected':
			return { step, type, req, reason: REASONS[b] };
		case 'scheduled':
			return { step, type, req, numTokens: b, phase: k & DECODE_BIT ? 'decode' : 'prefill', numComputed: c };
		case 'prefix_hit':
			return { step, type, req, logical: b, block: c };
		case 'block_allocated':
			return k & SEQ_BIT
				? { step, type, req, seq: x[b], logical: x[b + 1], block: c, device }
				: { step, type, req, seq: 0, logical: b, block: c, device };
		case 'block_cached':
			return k & SEQ_BIT ? { step, type, req, seq: x[b], logical: x[b + 1], block: c } : { step, type, req, seq: 0, logical: b, block: c };
		case 'block_evicted':
			return { step, type, block: a };
		case 'block_freed':
			return { step, type, block: a, device };
		case 'cow':
			return { step, type, req, seq: b, logical: x[c], from: x[c + 1], to: x[c + 2] };
		case 'forked':
			return { step, type, req, parent: b, child: c };
		case 'seq_freed':
			return { step, type, req, seq: b };
		case 'generated':
			return { step, type, req, seq: b, token: cols.tokens[c] };
		case 'span_reserved':
			return { step, type, req, seq: b, start: x[c], length: x[c + 1] };
		case 'preempted':
			return { step, type, req, mode: b === 0 ? 'swap' : 'recompute', restart: c === 1 };
		case 'swapped_out':
			return { step, type, req, blocks: pairs(x, b, c) };
		case 'swapped_in':
			return { step, type, req, blocks: pairs(x, b, c) };
		case 'finished':
			return { step, type, req };
		case 'step_end':
			return { step, type, ...stepStatsAt(cols.figures, a) };
	}
}

/** The `k`-th step_end's figures, keys in the engine's order. */
export function stepStatsAt(figures: Float64Array, k: number): StepStats {
	const f = figures;
	const o = k * STEP_FIELDS;
	const memory = {} as StepStats['memory'];
	MEMORY_CATEGORIES.forEach((key, j) => (memory[key] = f[o + 7 + j]));
	return {
		freeGpuBlocks: f[o],
		running: f[o + 1],
		waiting: f[o + 2],
		swapped: f[o + 3],
		batchSeqs: f[o + 4],
		batchTokens: f[o + 5],
		ms: f[o + 6],
		memory
	};
}

/** Events [from, to) of the store as objects (the event log's visible rows). */
export function decodeRange(store: EventStore, from: number, to: number): EngineEvent[] {
	const out: EngineEvent[] = [];
	for (let i = Math.max(0, from); i < Math.min(to, store.length); i++) out.push(store.get(i));
	return out;
}

/** `count` pairs from `extra` at `at` (a swap's [from, to] blocks). */
function pairs(extra: Int32Array, at: number, count: number): [number, number][] {
	const out: [number, number][] = [];
	for (let j = 0; j < count; j++) out.push([extra[at + 2 * j], extra[at + 2 * j + 1]]);
	return out;
}
