/**
 * Block table → slots: the one place a sequence's logical positions become physical
 * (block, offset) pairs (nano-vllm's `model_runner.py` keeps this in one place too).
 * Plain TypeScript, no tfjs: the paged pool, the attention probe and the views all import it.
 *
 *   block table  [7, 2, 5]            (physical ids in logical order; blockSize 4)
 *   positions    0 1 2 3 | 4 5 6 7 | 8 9
 *   slot         p ↦ (blockTable[⌊p / 4⌋], p mod 4)        9 ↦ (5, 1)
 */

/** Where one token's K/V lives: physical block id and offset inside the block. */
export type Slot = [block: number, offset: number];

/** Blocks needed to hold `numTokens` tokens. */
export function blocksFor(numTokens: number, blockSize: number): number {
	return Math.ceil(numTokens / blockSize);
}

/** Throws unless the table has a block for every one of `numTokens` positions. */
export function checkCovers(blockTable: readonly number[], numTokens: number, blockSize: number): void {
	const needed = blocksFor(numTokens, blockSize);
	if (blockTable.length < needed) throw new Error(`block table has ${blockTable.length} blocks, ${numTokens} tokens need ${needed}`);
}

/** The slot of position `pos`. */
export function slotOf(blockTable: readonly number[], pos: number, blockSize: number): Slot {
	return [blockTable[Math.floor(pos / blockSize)], pos % blockSize];
}

/** Slots of positions `start .. end-1`, in order. */
export function slotsOf(blockTable: readonly number[], start: number, end: number, blockSize: number): Slot[] {
	checkCovers(blockTable, end, blockSize);
	const slots: Slot[] = [];
	for (let p = start; p < end; p++) slots.push(slotOf(blockTable, p, blockSize));
	return slots;
}

/** A step's chunk of one sequence: positions `start .. start+numTokens-1`, held by `blockTable`. */
export interface TableChunk {
	start: number;
	numTokens: number;
	blockTable: readonly number[];
}

/** The slot mapping of a flattened batch: every new token's slot, chunk after chunk. */
export function slotMapping(chunks: readonly TableChunk[], blockSize: number): Slot[] {
	return chunks.flatMap((c) => slotsOf(c.blockTable, c.start, c.start + c.numTokens, blockSize));
}
