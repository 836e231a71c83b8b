/**
 * A live request as the replay fold keeps it (ReqRec), and its encoding as ints: in a
 * checkpoint, and as the final record of a finished or rejected request (RunTables).
 */
import type { Phase, RejectReason } from '../events/events';
import type { RequestStatus } from './state';

export const STATUSES: readonly RequestStatus[] = ['waiting', 'running', 'swapped', 'finished', 'rejected'];
export const [WAITING, RUNNING, SWAPPED, FINISHED, REJECTED] = [0, 1, 2, 3, 4];
export const PHASES: readonly Phase[] = ['prefill', 'decode'];
export const REASONS: readonly RejectReason[] = ['prompt_too_long', 'exceeds_pool', 'exceeds_max_seqs', 'exceeds_token_budget'];

export interface SeqRec {
	seq: number;
	blockTable: number[];
	/** Token-tree node of the last token (-1: none), and the token count. */
	tail: number;
	len: number;
	numComputed: number;
}

export interface ReqRec {
	r: number;
	status: number;
	phase: number;
	scheduledTokens: number;
	lastScheduledStep: number;
	preemptions: number;
	prefixHitTokens: number;
	firstTokenStep: number;
	finishStep: number;
	rejectReason: number;
	seqs: SeqRec[];
}

const REC_HEAD = 11;
const SEQ_HEAD = 5;

export function recSize(rec: ReqRec): number {
	let n = REC_HEAD;
	for (const s of rec.seqs) n += SEQ_HEAD + s.blockTable.length;
	return n;
}

export function encodeRec(rec: ReqRec, x: Int32Array, o: number): number {
	x[o++] = rec.r;
	x[o++] = rec.status;
	x[o++] = rec.phase;
	x[o++] = rec.scheduledTokens;
	x[o++] = rec.lastScheduledStep;
	x[o++] = rec.preemptions;
	x[o++] = rec.prefixHitTokens;
	x[o++] = rec.firstTokenStep;
	x[o++] = rec.finishStep;
	x[o++] = rec.rejectReason;
	x[o++] = rec.seqs.length;
	for (const s of rec.seqs) {
		x[o++] = s.seq;
		x[o++] = s.tail;
		x[o++] = s.len;
		x[o++] = s.numComputed;
		x[o++] = s.blockTable.length;
		for (const blk of s.blockTable) x[o++] = blk;
	}
	return o;
}

export function decodeRec(x: Int32Array, o: number): { rec: ReqRec; next: number } {
	const rec: ReqRec = {
		r: x[o],
		status: x[o + 1],
		phase: x[o + 2],
		scheduledTokens: x[o + 3],
		lastScheduledStep: x[o + 4],
		preemptions: x[o + 5],
		prefixHitTokens: x[o + 6],
		firstTokenStep: x[o + 7],
		finishStep: x[o + 8],
		rejectReason: x[o + 9],
		seqs: []
	};
	const n = x[o + 10];
	o += REC_HEAD;
	for (let j = 0; j < n; j++) {
		const nb = x[o + 4];
		rec.seqs.push({
			seq: x[o],
			tail: x[o + 1],
			len: x[o + 2],
			numComputed: x[o + 3],
			blockTable: intsOf(x, o + SEQ_HEAD, o + SEQ_HEAD + nb)
		});
		o += SEQ_HEAD + nb;
	}
	return { rec, next: o };
}

/**
 * x[from..to) as an array, by index: Array.from(x.subarray(…)) walks the iterator protocol,
 * an object per element, which was most of what reaching a cursor allocated.
 */
export function intsOf(x: Int32Array, from: number, to: number): number[] {
	const out = new Array<number>(to - from);
	for (let j = from; j < to; j++) out[j - from] = x[j];
	return out;
}
