/**
 * The event store as plain data: the shape of its columns as a worker posts them (data(),
 * fromData) or hands them on in parts (takeDelta, appendDelta), and the codes inside them
 * that the writer (store.ts) and the decoder (store-decode.ts) share. Apart from the class
 * so the decoder and the workers' messages need only these, not the store.
 */
import type { EngineConfig } from '../engine/config';
import { MEMORY_CATEGORIES } from '../engine/memory/categories';
import type { EventType, RejectReason } from './events';

/** A rejected event's reason, by its index here. */
export const REASONS: readonly RejectReason[] = ['prompt_too_long', 'exceeds_pool', 'exceeds_max_seqs', 'exceeds_token_budget'];
/** Numbers per step_end, in the event's own key order (memory last, by MEMORY_CATEGORIES). */
export const STEP_FIELDS = 7 + MEMORY_CATEGORIES.length;

/** Everything a store holds, as plain data (typed arrays trimmed to length): what a worker posts. */
export interface StoreData {
	length: number;
	/** The events, encoded (rows.ts), and a mark (offset, counters) every ROWS_PER_MARK of them. */
	rows: Uint8Array;
	marks: Int32Array;
	stepStart: Int32Array;
	stepVal: Int32Array;
	tokens: Int32Array;
	extra: Int32Array;
	figures: Float64Array;
	/** Per request (interned id): output length, width and beam flag. */
	reqOutputLen: Int32Array;
	reqWidth: Int32Array;
	reqBeam: Uint8Array;
	reqIds: string[];
	config: EngineConfig | null;
	executor: string;
	version: number;
	numStepEnds: number;
	/** Events per type (so a page need not count 10 million rows again). */
	counts: Record<EventType, number>;
}

/** A store's events since its last delta (takeDelta), for a follower store to append (appendDelta). */
export type StoreDelta = StoreData;

/** The buffers of store data, for postMessage's transfer list. */
export function storeBuffers(d: StoreData): ArrayBuffer[] {
	return [d.rows, d.marks, d.stepStart, d.stepVal, d.tokens, d.extra, d.figures, d.reqOutputLen, d.reqWidth, d.reqBeam].map(
		(x) => x.buffer as ArrayBuffer
	);
}
