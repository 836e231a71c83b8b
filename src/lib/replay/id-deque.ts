/**
 * Request indices in queue order, kept as runs of consecutive indices in a ring buffer.
 * The replayed waiting queue holds up to a whole run's arrivals (tens of thousands at 100K
 * requests), and they arrive in index order: as runs the queue is a handful of pairs, so a
 * checkpoint stores a few numbers for it, not one per request. Push and unshift are O(1);
 * removing the head (what scheduling does) is O(1); removing from the middle walks the runs.
 */
export class IdDeque {
	/** Run j (j-th from the head) is at ring slot (head + j) % capacity: ids start … start + len - 1. */
	#start: Int32Array;
	#len: Int32Array;
	#head = 0;
	#runs = 0;
	#size = 0;

	constructor(capacity = 8) {
		this.#start = new Int32Array(Math.max(4, capacity));
		this.#len = new Int32Array(this.#start.length);
	}

	static from(xs: ArrayLike<number>): IdDeque {
		const q = new IdDeque();
		for (let i = 0; i < xs.length; i++) q.push(xs[i]);
		return q;
	}

	/** A deque from `runs()` output: [start, length] pairs, head first. */
	static fromRuns(pairs: ArrayLike<number>): IdDeque {
		const q = new IdDeque(pairs.length / 2 + 4);
		for (let j = 0; j < pairs.length; j += 2) {
			q.#start[q.#runs] = pairs[j];
			q.#len[q.#runs] = pairs[j + 1];
			q.#runs++;
			q.#size += pairs[j + 1];
		}
		return q;
	}

	clone(): IdDeque {
		const q = new IdDeque(0);
		q.#start = this.#start.slice();
		q.#len = this.#len.slice();
		q.#head = this.#head;
		q.#runs = this.#runs;
		q.#size = this.#size;
		return q;
	}

	get length(): number {
		return this.#size;
	}

	/** Runs in the queue (a checkpoint stores 2 numbers each). */
	get numRuns(): number {
		return this.#runs;
	}

	/** The runs as [start, length] pairs, head first, written into `out` at `o`; the offset after them. */
	writeRuns(out: Int32Array, o: number): number {
		for (let j = 0; j < this.#runs; j++) {
			const s = this.#slot(j);
			out[o++] = this.#start[s];
			out[o++] = this.#len[s];
		}
		return o;
	}

	/** Call `f` with each id, head first. */
	forEach(f: (x: number) => void): void {
		for (let j = 0; j < this.#runs; j++) {
			const s = this.#slot(j);
			const end = this.#start[s] + this.#len[s];
			for (let x = this.#start[s]; x < end; x++) f(x);
		}
	}

	/** The i-th from the head. */
	at(i: number): number {
		for (let j = 0; j < this.#runs; j++) {
			const s = this.#slot(j);
			if (i < this.#len[s]) return this.#start[s] + i;
			i -= this.#len[s];
		}
		return undefined as unknown as number;
	}

	push(x: number): void {
		if (this.#runs > 0) {
			const s = this.#slot(this.#runs - 1);
			if (this.#start[s] + this.#len[s] === x) {
				this.#len[s]++;
				this.#size++;
				return;
			}
		}
		this.#insert(this.#runs, x, 1);
		this.#size++;
	}

	unshift(x: number): void {
		if (this.#runs > 0) {
			const s = this.#slot(0);
			if (this.#start[s] - 1 === x) {
				this.#start[s]--;
				this.#len[s]++;
				this.#size++;
				return;
			}
		}
		this.#insert(0, x, 1);
		this.#size++;
	}

	/** Remove the first `x` from the head, if present. */
	remove(x: number): void {
		for (let j = 0; j < this.#runs; j++) {
			const s = this.#slot(j);
			const start = this.#start[s];
			const len = this.#len[s];
			if (x < start || x >= start + len) continue;
			this.#size--;
			if (len === 1) this.#delete(j);
			else if (x === start) {
				this.#start[s]++;
				this.#len[s]--;
			} else if (x === start + len - 1) this.#len[s]--;
			else {
				// Split the run around x.
				this.#len[s] = x - start;
				this.#insert(j + 1, x + 1, start + len - 1 - x);
			}
			return;
		}
	}

	toArray(): number[] {
		const out: number[] = [];
		this.forEach((x) => out.push(x));
		return out;
	}

	#slot(j: number): number {
		return (this.#head + j) % this.#start.length;
	}

	/** A new run at position j (0 … runs), moving the shorter side. */
	#insert(j: number, start: number, len: number): void {
		if (this.#runs === this.#start.length) this.#grow();
		const cap = this.#start.length;
		if (j < this.#runs - j) {
			this.#head = (this.#head - 1 + cap) % cap;
			for (let m = 0; m < j; m++) this.#move(m + 1, m);
		} else for (let m = this.#runs; m > j; m--) this.#move(m - 1, m);
		this.#runs++;
		const s = this.#slot(j);
		this.#start[s] = start;
		this.#len[s] = len;
	}

	/** Drop the run at position j, moving the shorter side. */
	#delete(j: number): void {
		const cap = this.#start.length;
		if (j < this.#runs - 1 - j) {
			for (let m = j; m > 0; m--) this.#move(m - 1, m);
			this.#head = (this.#head + 1) % cap;
		} else for (let m = j; m < this.#runs - 1; m++) this.#move(m + 1, m);
		this.#runs--;
	}

	/** Copy run position `from` to position `to`. */
	#move(from: number, to: number): void {
		const f = this.#slot(from);
		const t = this.#slot(to);
		this.#start[t] = this.#start[f];
		this.#len[t] = this.#len[f];
	}

	#grow(): void {
		const n = this.#start.length * 2;
		const start = new Int32Array(n);
		const len = new Int32Array(n);
		for (let j = 0; j < this.#runs; j++) {
			const s = this.#slot(j);
			start[j] = this.#start[s];
			len[j] = this.#len[s];
		}
		this.#start = start;
		this.#len = len;
		this.#head = 0;
	}
}
