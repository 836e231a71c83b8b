/** IEEE half-precision packing: the shipped weights are stored as float16 (half the bytes). */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 → float16 bits, round to nearest even. */
export function toHalf(value: number): number {
	f32[0] = value;
	const x = u32[0];
	const sign = (x >>> 16) & 0x8000;
	const exp = (x >>> 23) & 0xff;
	let mant = x & 0x7fffff;
	if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // inf / NaN
	const e = exp - 127 + 15;
	if (e >= 0x1f) return sign | 0x7c00; // overflow → inf
	if (e <= 0) {
		if (e < -10) return sign; // underflow → ±0
		mant |= 0x800000;
		const shift = 14 - e;
		let half = mant >>> shift;
		const rest = mant & ((1 << shift) - 1);
		const mid = 1 << (shift - 1);
		if (rest > mid || (rest === mid && half & 1)) half++;
		return sign | half;
	}
	let half = (e << 10) | (mant >>> 13);
	const rest = mant & 0x1fff;
	if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++; // a carry into the exponent is still correct
	return sign | half;
}

/** float16 bits → float32 value. */
export function fromHalf(h: number): number {
	const sign = h & 0x8000 ? -1 : 1;
	const exp = (h >>> 10) & 0x1f;
	const mant = h & 0x3ff;
	if (exp === 0) return sign * mant * 2 ** -24;
	if (exp === 0x1f) return mant ? NaN : sign * Infinity;
	return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

export function encodeHalf(values: Float32Array): Uint16Array {
	const out = new Uint16Array(values.length);
	for (let i = 0; i < values.length; i++) out[i] = toHalf(values[i]);
	return out;
}

export function decodeHalf(bits: Uint16Array): Float32Array {
	const out = new Float32Array(bits.length);
	for (let i = 0; i < bits.length; i++) out[i] = fromHalf(bits[i]);
	return out;
}
