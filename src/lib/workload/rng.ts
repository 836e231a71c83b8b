/** Seeded PRNG (mulberry32): every random choice in the engine comes from one of these. */
export class Rng {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** Standard normal (Box–Muller). */
	normal(): number {
		const u = 1 - this.next();
		const v = this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}
}

/** Mix integers into a 32-bit seed (for per-(request, seq, position) sampling seeds). */
export function mixSeed(a: number, b: number, c = 0, d = 0): number {
	let h = 0x811c9dc5;
	h = Math.imul(h ^ (a >>> 0), 0x01000193);
	h ^= h >>> 13;
	h = Math.imul(h ^ (b >>> 0), 0x01000193);
	h ^= h >>> 13;
	h = Math.imul(h ^ (c >>> 0), 0x01000193);
	h ^= h >>> 13;
	h = Math.imul(h ^ (d >>> 0), 0x01000193);
	h ^= h >>> 13;
	return h >>> 0;
}

/** Stable 32-bit hash of a string (request ids). */
export function hashString(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return h >>> 0;
}
