/**
 * Prefix-cache block hashes: hash = H(parentHash, token ids of the block), as vLLM chains
 * them, so equal hashes mean equal whole prefixes. Two independent 32-bit lanes give a
 * 53-bit number (exact as a JS number and as a Map key). Token ids are mixed whole, the
 * bits above 32 too, so `7` and `7 + 2^32` are as different as any two ids (traces stop
 * at 2^31 anyway; ids below 2^32 hash as they always did).
 */
export const NO_HASH = -1;
const ROOT = 0x2545f491;

export function hashBlock(parent: number, tokens: readonly number[], start: number, end: number): number {
	let a = (parent === NO_HASH ? ROOT : parent % 0x100000000) ^ 0x9e3779b9;
	let b = Math.floor((parent === NO_HASH ? ROOT : parent) / 0x100000000) ^ 0x85ebca6b;
	for (let i = start; i < end; i++) {
		const id = tokens[i];
		const t = id | 0;
		// (low, low ^ odd·high) is one-to-one: ids that agree in their low 32 bits still differ in lane b.
		const u = id > 0xffffffff ? t ^ Math.imul(Math.floor(id / 0x100000000), 0x27d4eb2d) : t;
		a = Math.imul(a ^ t, 0x01000193);
		a ^= a >>> 15;
		b = Math.imul(b + u, 0x5bd1e995);
		b ^= b >>> 13;
	}
	a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) >>> 0;
	b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35) & 0x1fffff;
	return b * 0x100000000 + a;
}
