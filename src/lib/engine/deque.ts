/** A ring-buffer double-ended queue: the waiting queue takes preempted requests at its front. */
export class Deque<T> {
	private buf: (T | undefined)[] = new Array(16);
	private head = 0;
	length = 0;

	pushBack(x: T): void {
		if (this.length === this.buf.length) this.grow();
		this.buf[(this.head + this.length) & (this.buf.length - 1)] = x;
		this.length++;
	}

	pushFront(x: T): void {
		if (this.length === this.buf.length) this.grow();
		this.head = (this.head - 1) & (this.buf.length - 1);
		this.buf[this.head] = x;
		this.length++;
	}

	peekFront(): T | undefined {
		return this.length === 0 ? undefined : this.buf[this.head];
	}

	popFront(): T {
		if (this.length === 0) throw new Error('deque is empty');
		const x = this.buf[this.head] as T;
		this.buf[this.head] = undefined;
		this.head = (this.head + 1) & (this.buf.length - 1);
		this.length--;
		return x;
	}

	toArray(): T[] {
		const out: T[] = [];
		for (let i = 0; i < this.length; i++) out.push(this.buf[(this.head + i) & (this.buf.length - 1)] as T);
		return out;
	}

	private grow(): void {
		const items = this.toArray();
		this.buf = new Array(this.buf.length * 2);
		for (let i = 0; i < items.length; i++) this.buf[i] = items[i];
		this.head = 0;
	}
}
