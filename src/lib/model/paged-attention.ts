/**
 * Paged attention: the data flow from the engine's block table to attention outputs.
 *
 *   block table [b0, b1, …] ──► slot mapping: position p ↦ (blockTable[p / bs], p % bs)
 *   new K/V [N, nh, hs]     ──► tf.tensorScatterUpdate(pool, slots)          (write)
 *   pool [numBlocks, bs, nh, hs] ──► tf.gather(pool, blockTable) ──► [L, nh, hs] (read)
 *   then the same dense `causalAttention` as every other path.
 *
 * The dense reference is `causalAttention` in gpt.ts; the only thing paging changes is
 * where keys and values are found.
 */
import * as tf from '@tensorflow/tfjs';
import type { SeqChunk } from './batch-forward';
import { chunkOffsets, chunkRows, forwardChunks } from './batch-forward';
import type { Attend, Gpt } from './gpt';
import { causalAttention } from './gpt';
import type { PagedKvCache, Slot } from './paged-kv-cache';

export interface PagedChunk extends SeqChunk {
	/** Physical block ids in logical order, covering at least start + numTokens slots. */
	blockTable: readonly number[];
}

/** The slot of every new token, chunk after chunk: the one place block tables become slots. */
export function slotMapping(chunks: readonly PagedChunk[], blockSize: number): Slot[] {
	const slots: Slot[] = [];
	for (const c of chunks) {
		const needed = Math.ceil((c.start + c.numTokens) / blockSize);
		if (c.blockTable.length < needed) {
			throw new Error(`block table has ${c.blockTable.length} blocks, ${c.start + c.numTokens} tokens need ${needed}`);
		}
		for (let p = c.start; p < c.start + c.numTokens; p++) {
			slots.push([c.blockTable[Math.floor(p / blockSize)], p % blockSize]);
		}
	}
	return slots;
}

/** K or V of positions 0..length-1 of one sequence, gathered block by block: [length, nh, hs]. */
export function gatherContext(pool: tf.Tensor4D, blockTable: readonly number[], length: number): tf.Tensor3D {
	const [, bs, nh, hs] = pool.shape;
	const numBlocks = Math.ceil(length / bs);
	const ids = tf.tensor1d(blockTable.slice(0, numBlocks) as number[], 'int32');
	const blocks = tf.gather(pool, ids); // [numBlocks, bs, nh, hs]
	return blocks.reshape([numBlocks * bs, nh, hs]).slice([0, 0, 0], [length, -1, -1]) as tf.Tensor3D; // [length, nh, hs]
}

/** Attention that writes this step's K/V into the pool, then reads each sequence's context back through its block table. */
export function pagedAttend(cache: PagedKvCache, chunks: readonly PagedChunk[]): Attend {
	const slots = slotMapping(chunks, cache.blockSize);
	const offsets = chunkOffsets(chunks);
	return (layer, q, k, v) => {
		cache.write(layer, slots, k, v);
		const outs = chunks.map((c, i) => {
			const length = c.start + c.numTokens;
			const kCtx = gatherContext(cache.keys(layer), c.blockTable, length); // [length, nh, hs]
			const vCtx = gatherContext(cache.values(layer), c.blockTable, length); // [length, nh, hs]
			return causalAttention(chunkRows(q, offsets, chunks, i), kCtx, vCtx, c.start); // [n_i, C]
		});
		return (outs.length === 1 ? outs[0] : tf.concat(outs, 0)) as tf.Tensor2D; // [N, C]
	};
}

/** A batched forward whose K/V live in the paged pool. Logits of each chunk's last token, [S, V] (or every token). */
export function pagedForward(model: Gpt, cache: PagedKvCache, chunks: readonly PagedChunk[], rows: 'last' | 'all' = 'last'): tf.Tensor2D {
	return forwardChunks(model, chunks, pagedAttend(cache, chunks), rows);
}
