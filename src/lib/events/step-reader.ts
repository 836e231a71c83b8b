/**
 * Reading the step of events in order from the store's step runs (EventStore.steps): the
 * folds over the store use it instead of a search per event. Apart from store.ts because
 * it reads two plain columns and needs nothing else of the store.
 */
import { lastAtOrBelow } from '../sorted';

/** Reads the step of events i, i+1, … in order: one comparison per event. */
export class StepReader {
	#k: number;
	constructor(
		private readonly start: Int32Array,
		private readonly val: Int32Array,
		private readonly runs: number,
		from: number
	) {
		this.#k = lastAtOrBelow(start, from, runs);
	}
	at(i: number): number {
		let k = this.#k;
		while (k + 1 < this.runs && this.start[k + 1] <= i) k++;
		this.#k = k;
		return this.val[k];
	}
}
