/**
 * One forward pass over several sequences at once, prefills and decodes mixed: every
 * sequence contributes a chunk of new tokens, the chunks are laid end to end into one
 * [N, C] activation (vLLM's "flattened batch"), the dense parts (embeddings, QKV, MLP,
 * output) run once for all N tokens, and only attention looks at sequences one by one,
 * through whatever K/V store the caller plugs in.
 */
import * as tf from '@tensorflow/tfjs';
import type { Attend, Gpt } from './gpt';
import { causalAttention, embed, lmHead, transformerLayer } from './gpt';

/** This step computes `tokens[start .. start+numTokens)` of one sequence. */
export interface SeqChunk {
	tokens: readonly number[];
	start: number;
	numTokens: number;
}

/** Row offsets of each chunk inside the flattened batch. */
export function chunkOffsets(chunks: readonly SeqChunk[]): number[] {
	const offsets: number[] = [];
	let at = 0;
	for (const c of chunks) {
		offsets.push(at);
		at += c.numTokens;
	}
	return offsets;
}

/** Chunk i's rows of a flattened [N, ...] tensor. */
export function chunkRows<T extends tf.Tensor>(t: T, offsets: readonly number[], chunks: readonly SeqChunk[], i: number): T {
	const begin = [offsets[i], ...Array(t.rank - 1).fill(0)];
	const size = [chunks[i].numTokens, ...Array(t.rank - 1).fill(-1)];
	return t.slice(begin, size) as T;
}

export function checkContext(model: Gpt, chunks: readonly SeqChunk[]): void {
	for (const c of chunks) {
		const end = c.start + c.numTokens;
		if (end > model.config.contextLength) {
			throw new Error(`a sequence reaches position ${end}, beyond the model's context of ${model.config.contextLength} tokens`);
		}
		if (end > c.tokens.length) throw new Error(`chunk [${c.start}, ${end}) runs past the ${c.tokens.length} known tokens`);
	}
}

/**
 * Run the model over the chunks. `attend` sees the flattened q, k, v ([N, nh, hs]) of each
 * layer and returns [N, C]. Returns logits [rows, V]: the last token of each chunk
 * (`'last'`), or every token (`'all'`).
 */
export function forwardChunks(model: Gpt, chunks: readonly SeqChunk[], attend: Attend, rows: 'last' | 'all' = 'last'): tf.Tensor2D {
	checkContext(model, chunks);
	return tf.tidy(() => {
		const ids: number[] = [];
		const positions: number[] = [];
		for (const c of chunks) {
			for (let p = c.start; p < c.start + c.numTokens; p++) {
				ids.push(c.tokens[p]);
				positions.push(p);
			}
		}
		let x = embed(model.weights, ids, positions); // [N, C]
		model.weights.layers.forEach((L, l) => (x = transformerLayer(x, L, l, model.config, attend)));
		if (rows === 'last') {
			const offsets = chunkOffsets(chunks);
			const last = chunks.map((c, i) => offsets[i] + c.numTokens - 1);
			x = tf.gather(x, tf.tensor1d(last, 'int32')); // [S, C]
		}
		return lmHead(model.weights, x); // [rows, V]
	});
}

/** No cache: run every position of one sequence again (logits of the last token, or all). */
export function recomputeForward(model: Gpt, tokens: readonly number[], rows: 'last' | 'all' = 'last'): tf.Tensor2D {
	const chunk = { tokens, start: 0, numTokens: tokens.length };
	return forwardChunks(model, [chunk], (_l, q, k, v) => causalAttention(q, k, v, 0), rows);
}
