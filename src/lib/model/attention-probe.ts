/**
 * What the newest token of one sequence looks at: its attention weights over every earlier
 * position, per layer and head, and which physical block slot each position lives in.
 *
 * How (the simple, correct route): the pool holds K and V, not the hidden states a query is
 * made from, so a DENSE forward over the sequence's computed tokens (gpt.ts's reference
 * layers) recomputes the newest token's query at every layer. With a `cache`, that query is
 * then scored against the keys the PAGED POOL holds for this sequence, gathered through its
 * block table exactly as paged-attention.ts reads them; without one, against the dense
 * forward's own keys. Both give the same numbers when the pool is right (a test checks it),
 * so the pool route shows what paged attention reads, and the dense route stands in once a
 * finished sequence's blocks have been freed.
 */
import * as tf from '@tensorflow/tfjs';
import type { Slot } from './block-table';
import { blocksFor, checkCovers, slotsOf } from './block-table';
import { blockSelector, causalAttention, forward, gatherContext } from './gpt';
import type { Gpt } from './params';
import type { PagedKvCache } from './paged-kv-cache';
import { readAndDispose } from './paged-kv-cache';

export interface AttentionProbe {
	nLayer: number;
	nHead: number;
	/** Positions attended to: the query is the token at position `length - 1`. */
	length: number;
	/** The token at each position. */
	tokens: number[];
	/** Softmax weights, [nLayer, nHead, length] flattened. */
	weights: Float32Array;
	/** The blocks holding positions 0 .. length-1, in logical order. */
	blockTable: number[];
	/** Where position p's K/V sit: (blockTable[p / bs], p % bs). */
	slots: Slot[];
	source: 'pool' | 'dense';
}

/**
 * Attention of `tokens[length - 1]` over `tokens[0 .. length)`. `tokens` must all be computed
 * (their K/V in the pool when a cache is given); `blockTable` covers them.
 */
export function probeAttention(
	model: Gpt,
	tokens: readonly number[],
	blockTable: readonly number[],
	blockSize: number,
	cache?: PagedKvCache
): AttentionProbe {
	const T = tokens.length;
	const { nLayer, nHead } = model.config;
	if (T === 0) throw new Error('nothing to probe: the sequence has no computed token');
	if (T > model.config.contextLength) throw new Error(`${T} tokens exceed the model's context of ${model.config.contextLength}`);
	checkCovers(blockTable, T, blockSize);
	if (cache && cache.blockSize !== blockSize) throw new Error(`block size ${blockSize}, but the pool's is ${cache.blockSize}`);
	const numBlocks = blocksFor(T, blockSize);
	const chunks = [{ tokens, start: 0, numTokens: T }];
	const probs: tf.Tensor2D[] = []; // per layer [nh, T], kept past the forward's tidy
	let selector: tf.Tensor | null = null;
	// The dense forward carries on to the next layer's query; on the way, the last query is scored against the pool's keys.
	const attend = (layer: number, q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D) => {
		const [, nh, hs] = q.shape;
		if (cache) selector ??= blockSelector(blockTable, numBlocks, cache.numBlocks); // inside the forward's tidy
		const keys = cache && selector ? gatherContext(cache.keys(layer), selector).slice([0, 0, 0], [T, nh, hs]) : k; // [T, nh, hs]
		const qLast = q.slice([T - 1, 0, 0], [1, nh, hs]).reshape([nh, hs, 1]); // [nh, hs, 1]
		const scores = tf
			.matMul(keys.transpose([1, 0, 2]), qLast)
			.reshape([nh, T])
			.mul(1 / Math.sqrt(hs)); // [nh, T]
		probs.push(tf.keep(tf.softmax(scores, -1) as tf.Tensor2D)); // the last query sees every position: no mask
		return causalAttention(q, k, v, 0); // [T, C]
	};
	let stacked: tf.Tensor;
	try {
		forward(model, [{ tokens, start: 0, numTokens: T }], attend, 'last').dispose();
		stacked = tf.stack(probs); // [nLayer, nh, T]
	} finally {
		tf.dispose(probs);
	}
	const table = blockTable.slice(0, numBlocks);
	return {
		nLayer,
		nHead,
		length: T,
		tokens: tokens.slice(),
		weights: readAndDispose(stacked),
		blockTable: table,
		slots: slotsOf(table, 0, T, blockSize),
		source: cache ? 'pool' : 'dense'
	};
}

/** One head's weights over positions (a view, not a copy); head -1 = mean over heads. */
export function headWeights(p: AttentionProbe, layer: number, head: number): Float32Array {
	const T = p.length;
	if (head >= 0) return p.weights.subarray((layer * p.nHead + head) * T, (layer * p.nHead + head + 1) * T);
	const mean = new Float32Array(T);
	for (let h = 0; h < p.nHead; h++) {
		const w = headWeights(p, layer, h);
		for (let i = 0; i < T; i++) mean[i] += w[i] / p.nHead;
	}
	return mean;
}

export interface BlockWeights {
	logical: number;
	block: number;
	/** Weight of each slot in use (offset order); shorter than the block size in the last block. */
	weights: number[];
	/** First position held by this block. */
	start: number;
}

/** Positions grouped by the physical block that holds them, in block-table order. */
export function groupByBlock(p: AttentionProbe, weights: ArrayLike<number>, blockSize: number): BlockWeights[] {
	const out: BlockWeights[] = [];
	for (let pos = 0; pos < p.length; pos++) {
		const [block, offset] = p.slots[pos];
		if (offset === 0 || out.length === 0) out.push({ logical: out.length, block, weights: [], start: pos });
		out[out.length - 1].weights.push(weights[pos]);
	}
	return out;
}
