/**
 * The event store's lookup of request ids by their place in the batch, for the write path's
 * most frequent events (scheduled, generated). Apart from store.ts because it is a small
 * structure of its own; the store calls it directly (no indirection added to writing).
 */

/**
 * Request ids in the order a batch listed them, to look ids up by position: a decode step
 * schedules the requests of the step before in the same order, and then generates for them
 * in that order, so most lookups are one string comparison instead of a hash lookup (which
 * at 100,000 requests misses the cache every time).
 */
export class BatchOrder {
	#ids: string[] = [];
	#rs: number[] = [];
	#n = 0;
	#next = 0;

	/** The request index if `id` comes next (or the one after: a request left), else -1. */
	match(id: string): number {
		const p = this.#next;
		if (p < this.#n && this.#ids[p] === id) {
			this.#next = p + 1;
			return this.#rs[p];
		}
		if (p + 1 < this.#n && this.#ids[p + 1] === id) {
			this.#next = p + 2;
			return this.#rs[p + 1];
		}
		return -1;
	}
	record(id: string, r: number): void {
		this.#ids[this.#n] = id;
		this.#rs[this.#n++] = r;
	}
	restart(): void {
		this.#next = 0;
	}
	clear(): void {
		this.#n = 0;
		this.#next = 0;
	}
}
