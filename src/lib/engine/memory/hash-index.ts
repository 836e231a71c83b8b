/**
 * The prefix-cache index: block hash → block id, as an open-addressing table over typed
 * arrays. A Map keyed by 53-bit numbers boxes every key, and a long run sets and deletes
 * millions of them; this allocates nothing after construction.
 */
const EMPTY = -1;

export class HashIndex {
	private readonly lo: Int32Array;
	private readonly hi: Int32Array;
	private readonly value: Int32Array;
	private readonly mask: number;
	size = 0;

	/** Holds at most `capacity` entries (one per block). */
	constructor(capacity: number) {
		let n = 16;
		while (n < capacity * 2) n *= 2;
		this.lo = new Int32Array(n);
		this.hi = new Int32Array(n);
		this.value = new Int32Array(n).fill(EMPTY);
		this.mask = n - 1;
	}

	get(hash: number): number {
		const lo = hash | 0;
		const hi = Math.floor(hash / 0x100000000) | 0;
		for (let i = this.slot(lo, hi); ; i = (i + 1) & this.mask) {
			const v = this.value[i];
			if (v === EMPTY) return -1;
			if (this.lo[i] === lo && this.hi[i] === hi) return v;
		}
	}

	has(hash: number): boolean {
		return this.get(hash) !== -1;
	}

	set(hash: number, id: number): void {
		const lo = hash | 0;
		const hi = Math.floor(hash / 0x100000000) | 0;
		let i = this.slot(lo, hi);
		while (this.value[i] !== EMPTY) {
			if (this.lo[i] === lo && this.hi[i] === hi) {
				this.value[i] = id;
				return;
			}
			i = (i + 1) & this.mask;
		}
		if (this.size * 2 >= this.mask + 1) throw new Error('hash index is full');
		this.lo[i] = lo;
		this.hi[i] = hi;
		this.value[i] = id;
		this.size++;
	}

	delete(hash: number): void {
		const lo = hash | 0;
		const hi = Math.floor(hash / 0x100000000) | 0;
		let i = this.slot(lo, hi);
		while (this.value[i] !== EMPTY && !(this.lo[i] === lo && this.hi[i] === hi)) i = (i + 1) & this.mask;
		if (this.value[i] === EMPTY) return;
		// Backward-shift deletion keeps every probe chain unbroken without tombstones.
		let j = i;
		for (;;) {
			j = (j + 1) & this.mask;
			if (this.value[j] === EMPTY) break;
			const home = this.slot(this.lo[j], this.hi[j]);
			const between = i <= j ? i < home && home <= j : i < home || home <= j;
			if (between) continue;
			this.lo[i] = this.lo[j];
			this.hi[i] = this.hi[j];
			this.value[i] = this.value[j];
			i = j;
		}
		this.value[i] = EMPTY;
		this.size--;
	}

	/** Home slot: a full 32-bit mix, so big tables use all their slots. */
	private slot(lo: number, hi: number): number {
		let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
		h ^= h >>> 13;
		h = Math.imul(h, 0xc2b2ae35);
		h ^= h >>> 16;
		return h & this.mask;
	}
}
