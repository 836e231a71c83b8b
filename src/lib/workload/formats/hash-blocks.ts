/**
 * Prompt tokens from a trace's block hash ids. Mooncake and Qwen-Bailian publish, for each
 * request, one hash id per block of its prompt (512 and 16 tokens): equal ids mean equal
 * content. Each id is expanded into a block of tokens drawn from a generator seeded by the
 * id alone, so two requests share exactly the tokens the trace says they share, and our
 * prefix cache hits there whatever block size the engine runs with.
 *
 *   hash_ids [7, 8, 9], block 512, input_length 1200:
 *   tokens   [ block(7) : 512 ][ block(8) : 512 ][ block(9)[0..176) ]
 */
import { mixSeed, Rng } from '../rng';
import { randomTokens } from '../workload';

/** Keeps hash-derived streams apart from every other seeded stream. */
const HASH_STREAM = 0x7a5e;

/** The tokens of one trace block (ids up to 2^53: both halves go into the seed). */
export function blockTokens(hashId: number, blockSize: number, vocabSize: number): number[] {
	const lo = hashId >>> 0;
	const hi = Math.floor(hashId / 2 ** 32) >>> 0;
	return randomTokens(new Rng(mixSeed(HASH_STREAM, lo, hi)), blockSize, vocabSize);
}

/**
 * The prompt of `inputLength` tokens covered by `hashIds` (at most ceil(inputLength /
 * blockSize) of them): full blocks, then the last one cut to what is left of the prompt.
 * Tokens past the last hash id come from `rest` (the request's own, unshared).
 */
export function tokensFromHashIds(
	hashIds: readonly number[],
	inputLength: number,
	blockSize: number,
	vocabSize: number,
	rest: (count: number) => number[]
): number[] {
	const out: number[] = [];
	for (const id of hashIds) {
		const block = blockTokens(id, blockSize, vocabSize);
		const take = Math.min(blockSize, inputLength - out.length);
		for (let i = 0; i < take; i++) out.push(block[i]);
	}
	if (out.length < inputLength) {
		for (const t of rest(inputLength - out.length)) out.push(t);
	}
	return out;
}
