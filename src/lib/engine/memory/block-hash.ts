/**
 * Prefix-cache block hashes: hash = H(parentHash, token ids of the block), as vLLM chains
 * them, so equal hashes mean equal whole prefixes. Two independent 32-bit lanes give a
 * 53-bit number (exact as a JS number and as a Map key).
 */
export const NO_HASH = -1;
const ROOT = 0x2545f491;

export function hashBlock(parent: number, tokens: readonly number[], start: number, end: number): number {
	let a = (parent === NO_HASH ? ROOT : parent % 0x100000000) ^ 0x9e3779b9;
	let b = Math.floor((parent === NO_HASH ? ROOT : parent) / 0x100000000) ^ 0x85ebca6b;
	for (let i = start; i < end; i++) {
		const t = tokens[i] | 0;
		a = Math.imul(a ^ t, 0x01000193);
		a ^= a >>> 15;
		b = Math.imul(b + t, 0x5bd1e995);
		b ^= b >>> 13;
	}
	a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) >>> 0;
	b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35) & 0x1fffff;
	return b * 0x100000000 + a;
}
