/**
 * Request indices in queue order, in a ring buffer: push and unshift are O(1), and so is
 * removing the head or the tail. The replayed waiting queue holds thousands of requests
 * and mostly loses its head (an array's splice(0, 1) moves all of them every time).
 */
export class IdDeque {
	#buf: Int32Array;
	#head = 0;
	#size = 0;

	constructor(capacity = 16) {
		this.#buf = new Int32Array(Math.max(4, capacity));
	}

	static from(xs: ArrayLike<number>): IdDeque {
		const q = new IdDeque(xs.length + 16);
		for (let i = 0; i < xs.length; i++) q.push(xs[i]);
		return q;
	}

	clone(): IdDeque {
		const q = new IdDeque(0);
		q.#buf = this.#buf.slice();
		q.#head = this.#head;
		q.#size = this.#size;
		return q;
	}

	get length(): number {
		return this.#size;
	}

	/** The i-th from the head. */
	at(i: number): number {
		return this.#buf[(this.#head + i) % this.#buf.length];
	}

	push(x: number): void {
		if (this.#size === this.#buf.length) this.#grow();
		this.#buf[(this.#head + this.#size) % this.#buf.length] = x;
		this.#size++;
	}

	unshift(x: number): void {
		if (this.#size === this.#buf.length) this.#grow();
		this.#head = (this.#head - 1 + this.#buf.length) % this.#buf.length;
		this.#buf[this.#head] = x;
		this.#size++;
	}

	/** Remove `x` if present (O(1) at either end, else the shorter side moves). */
	remove(x: number): void {
		const n = this.#size;
		let i = 0;
		while (i < n && this.at(i) !== x) i++;
		if (i === n) return;
		const cap = this.#buf.length;
		if (i < n - 1 - i) {
			for (let j = i; j > 0; j--) this.#buf[(this.#head + j) % cap] = this.#buf[(this.#head + j - 1) % cap];
			this.#head = (this.#head + 1) % cap;
		} else {
			for (let j = i; j < n - 1; j++) this.#buf[(this.#head + j) % cap] = this.#buf[(this.#head + j + 1) % cap];
		}
		this.#size = n - 1;
	}

	toArray(): number[] {
		const out = new Array<number>(this.#size);
		for (let i = 0; i < this.#size; i++) out[i] = this.at(i);
		return out;
	}

	#grow(): void {
		const next = new Int32Array(this.#buf.length * 2);
		for (let i = 0; i < this.#size; i++) next[i] = this.at(i);
		this.#buf = next;
		this.#head = 0;
	}
}
