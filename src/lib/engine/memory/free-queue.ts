/**
 * The free block queue: a doubly linked list over block ids (vLLM's FreeKVCacheBlockQueue).
 * Pop from the head, append to the tail, and remove from the middle in O(1) when a
 * prefix-cache hit revives a free block.
 */
const NONE = -1;

export class FreeQueue {
	private prev: Int32Array;
	private next: Int32Array;
	private member: Uint8Array;
	private head = NONE;
	private tail = NONE;
	size = 0;

	/** Starts holding every id in order 0, 1, 2, … (or none, to be filled by `append`). */
	constructor(capacity: number, full = true) {
		this.prev = new Int32Array(capacity);
		this.next = new Int32Array(capacity);
		this.member = new Uint8Array(capacity);
		if (full) for (let id = 0; id < capacity; id++) this.append(id);
	}

	has(id: number): boolean {
		return this.member[id] === 1;
	}

	/** The id the next pop returns, or -1. */
	peek(): number {
		return this.head;
	}

	popHead(): number {
		const id = this.head;
		if (id === NONE) throw new Error('free queue is empty');
		this.remove(id);
		return id;
	}

	append(id: number): void {
		if (this.member[id]) throw new Error(`block ${id} is already free`);
		this.member[id] = 1;
		this.prev[id] = this.tail;
		this.next[id] = NONE;
		if (this.tail === NONE) this.head = id;
		else this.next[this.tail] = id;
		this.tail = id;
		this.size++;
	}

	remove(id: number): void {
		if (!this.member[id]) throw new Error(`block ${id} is not free`);
		const p = this.prev[id];
		const n = this.next[id];
		if (p === NONE) this.head = n;
		else this.next[p] = n;
		if (n === NONE) this.tail = p;
		else this.prev[n] = p;
		this.member[id] = 0;
		this.size--;
	}

	/**
	 * Its state as per-id arrays and three ends, for replay's checkpoints (which diff the arrays
	 * between checkpoints); write the arrays in place, then the ends with `setEnds`.
	 */
	get links(): { prev: Int32Array; next: Int32Array; member: Uint8Array } {
		return { prev: this.prev, next: this.next, member: this.member };
	}
	/** The id at the tail (the next `append` links after it), or -1. */
	get last(): number {
		return this.tail;
	}
	get ends(): [head: number, tail: number, size: number] {
		return [this.head, this.tail, this.size];
	}
	setEnds(head: number, tail: number, size: number): void {
		this.head = head;
		this.tail = tail;
		this.size = size;
	}

	/** Head first. */
	toArray(): number[] {
		const out: number[] = [];
		for (let id = this.head; id !== NONE; id = this.next[id]) out.push(id);
		return out;
	}
}
