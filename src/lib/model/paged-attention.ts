/**
 * Paged attention: the data flow from the engine's block table to attention outputs.
 *
 *   block table [b0, b1, …] ──► slot mapping: position p ↦ (blockTable[p / bs], p % bs)
 *   new K/V [N, nh, hs]     ──► tf.tensorScatterUpdate(pool, slots)          (write)
 *   pool [numBlocks, bs, nh, hs] ──► tf.gather(pool, blockTable) ──► [nb·bs, nh, hs] (read)
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

/**
 * How one sequence's blocks are picked out of a pool, built once per forward pass and
 * shared by every layer's K and V: the block ids for tf.gather, or on tfjs-wasm a one-hot
 * [n, numBlocks] matrix. (wasm's Gather kernel copies float by float, ~70 ns each: it
 * made paged decoding 3× slower than contiguous. A one-hot matmul picks the same rows
 * exactly, since each output is 1·x plus zeros, at O(n · numBlocks) per float column;
 * fine for pools of hundreds of blocks.)
 */
export function blockSelector(blockTable: readonly number[], numBlocks: number, poolBlocks: number): tf.Tensor {
	const ids = tf.tensor1d(blockTable.slice(0, numBlocks) as number[], 'int32'); // [n]
	return tf.getBackend() === 'wasm' ? tf.oneHot(ids, poolBlocks).toFloat() : ids; // [n, poolBlocks] or [n]
}

/** pool[blocks] through a selector: [n, bs, nh, hs]. */
export function gatherBlocks(pool: tf.Tensor4D, selector: tf.Tensor): tf.Tensor4D {
	if (selector.dtype === 'int32') return tf.gather(pool, selector); // [n, bs, nh, hs]
	const [poolBlocks, bs, nh, hs] = pool.shape;
	const rows = tf.matMul(selector, pool.reshape([poolBlocks, bs * nh * hs])); // [n, bs*nh*hs]
	return rows.reshape([selector.shape[0], bs, nh, hs]); // [n, bs, nh, hs]
}

/**
 * K or V of one sequence's blocks, back to back: [numBlocks·bs, nh, hs]. Not cut to the
 * sequence's length: slots past it sit at positions later than every query, so the causal
 * mask already hides them (and the shape only changes once per block, not once per token).
 */
export function gatherContext(pool: tf.Tensor4D, selector: tf.Tensor): tf.Tensor3D {
	const [, , nh, hs] = pool.shape;
	return gatherBlocks(pool, selector).reshape([-1, nh, hs]) as tf.Tensor3D; // [numBlocks*bs, nh, hs]
}

/** Attention that writes this step's K/V into the pool, then reads each sequence's context back through its block table. */
export function pagedAttend(cache: PagedKvCache, chunks: readonly PagedChunk[]): Attend {
	const slots = slotMapping(chunks, cache.blockSize);
	const offsets = chunkOffsets(chunks);
	let prepared: { slotIndex: tf.Tensor2D; selectors: tf.Tensor[] } | null = null;
	return (layer, q, k, v) => {
		// Built on the first layer, inside the forward's tf.tidy, shared by the other layers.
		prepared ??= {
			slotIndex: tf.tensor2d(slots, [slots.length, 2], 'int32'), // [N, 2] (block, offset)
			selectors: chunks.map((c) => blockSelector(c.blockTable, Math.ceil((c.start + c.numTokens) / cache.blockSize), cache.numBlocks))
		};
		cache.write(layer, prepared.slotIndex, k, v);
		const outs = chunks.map((c, i) => {
			const kCtx = gatherContext(cache.keys(layer), prepared!.selectors[i]); // [numBlocks*bs, nh, hs]
			const vCtx = gatherContext(cache.values(layer), prepared!.selectors[i]); // [numBlocks*bs, nh, hs]
			return causalAttention(chunkRows(q, offsets, chunks, i), kCtx, vCtx, c.start); // [n_i, C]
		});
		return (outs.length === 1 ? outs[0] : tf.concat(outs, 0)) as tf.Tensor2D; // [N, C]
	};
}

/** A batched forward whose K/V live in the paged pool. Logits of each chunk's last token, [S, V] (or every token). */
export function pagedForward(model: Gpt, cache: PagedKvCache, chunks: readonly PagedChunk[], rows: 'last' | 'all' = 'last'): tf.Tensor2D {
	return forwardChunks(model, chunks, pagedAttend(cache, chunks), rows);
}
