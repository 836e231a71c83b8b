import type { EventStore } from '../events/store';
import { column, grown, trimmed } from '../events/columns';
import { encodeRec, recSize, type ReqRec } from './req-rec';

/**
 * Per-run tables every fold of one store shares, written once by the indexing pass (a fold
 * replayed from a checkpoint writes the same values again): the token tree, what each
 * request arrived with, and the final record of each finished or rejected request.
 */
export class RunTables {
	/** The token tree by node (the store's token index): read with `parent`, written with `link`. */
	up: Int32Array;
	arrivalStep: Int32Array;
	promptStart: Int32Array;
	promptLen: Int32Array;
	outputLen: Int32Array;
	/** Offset of a request's final record in `finalData`, or -1 while it is live. */
	finalAt: Int32Array;
	finalData: Int32Array;
	finalLen: number;

	constructor(store: EventStore, data?: RunTablesData) {
		if (data) {
			({
				up: this.up,
				arrivalStep: this.arrivalStep,
				promptStart: this.promptStart,
				promptLen: this.promptLen,
				outputLen: this.outputLen,
				finalAt: this.finalAt,
				finalData: this.finalData
			} = data);
			this.finalLen = data.finalData.length;
			return;
		}
		const n = store.numRequests;
		// The token tree grows with a followed store: in place where buffers are resizable, as the store's tokens do.
		this.up = column(Int32Array, store.numTokens, store.maxTokens);
		this.arrivalStep = new Int32Array(n);
		this.promptStart = new Int32Array(n);
		this.promptLen = new Int32Array(n);
		this.outputLen = new Int32Array(n);
		this.finalAt = new Int32Array(n).fill(-1);
		this.finalData = new Int32Array(Math.max(64, n * 16));
		this.finalLen = 0;
	}

	/**
	 * Room for every token and request the store holds now: an index that follows a growing
	 * store (ReplayIndexer) calls this before folding more. Tables grow by doubling.
	 */
	fit(store: EventStore): void {
		this.up = grown(this.up, store.numTokens);
		const n = store.numRequests;
		if (this.finalAt.length >= n) return;
		this.arrivalStep = grown(this.arrivalStep, n);
		this.promptStart = grown(this.promptStart, n);
		this.promptLen = grown(this.promptLen, n);
		this.outputLen = grown(this.outputLen, n);
		const live = this.finalAt.length;
		this.finalAt = grown(this.finalAt, n);
		this.finalAt.fill(-1, live);
	}

	writeFinal(rec: ReqRec): void {
		if (this.finalAt[rec.r] >= 0) return;
		const need = this.finalLen + recSize(rec);
		this.finalData = grown(this.finalData, need);
		this.finalAt[rec.r] = this.finalLen;
		this.finalLen = encodeRec(rec, this.finalData, this.finalLen);
	}

	/** The tables as posted: each cut to what the store holds (a followed store's tables may have room to spare). */
	data(store?: EventStore): RunTablesData {
		this.finalData = trimmed(this.finalData, this.finalLen);
		if (store) {
			const n = store.numRequests;
			this.up = trimmed(this.up, store.numTokens);
			[this.arrivalStep, this.promptStart, this.promptLen, this.outputLen, this.finalAt] = [
				this.arrivalStep,
				this.promptStart,
				this.promptLen,
				this.outputLen,
				this.finalAt
			].map((x) => trimmed(x, n));
		}
		const { up, arrivalStep, promptStart, promptLen, outputLen, finalAt, finalData } = this;
		return { up, arrivalStep, promptStart, promptLen, outputLen, finalAt, finalData };
	}

	/** `count` token ids ending at node `tail`, oldest first. */
	walk(tokens: Int32Array, tail: number, count: number): number[] {
		const out = new Array<number>(count);
		let node = tail;
		for (let j = count - 1; j >= 0; j--) {
			out[j] = tokens[node];
			node = this.parent(node);
		}
		return out;
	}

	/**
	 * The token before `node` in its sequence. `up` holds parent + 1 for generated tokens and
	 * 0 for the rest: a prompt's tokens are contiguous, so theirs is the node before, and
	 * nothing is written for them. (A sequence's first token's parent is never read.)
	 */
	parent(node: number): number {
		const u = this.up[node];
		return u === 0 ? node - 1 : u - 1;
	}

	/** A generated token's parent. */
	link(node: number, parent: number): void {
		this.up[node] = parent + 1;
	}
}

export type RunTablesData = Pick<RunTables, 'up' | 'arrivalStep' | 'promptStart' | 'promptLen' | 'outputLen' | 'finalAt' | 'finalData'>;
