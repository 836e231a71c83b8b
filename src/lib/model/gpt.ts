/**
 * The GPT, read top to bottom (nanoGPT's model.py in tfjs): building blocks, attention (the
 * dense reference and the paged one beside it), the block, embeddings, the output head, and
 * the ONE forward pass that every inference path runs. Decoder-only, pre-norm, learned
 * positions, tied input/output embeddings; parameters in params.ts.
 *
 *   ids ─► wte[id] + wpe[pos] ─► nLayer × block ─► LayerNorm ─► x · wteᵀ ─► logits
 *   block(x):  h = x + Wo · attend(split_heads(Wqkv · LN1(x)))
 *              y = h + W2 · gelu(W1 · LN2(h))
 *
 * Recompute, contiguous cache and paged cache differ only in the `Attend` they hand to
 * `forward`: where each query's keys and values come from. That is the point of the lab:
 * the cache changes where K/V live, never what attention computes.
 */
import * as tf from '@tensorflow/tfjs';
import type { GptConfig } from './config';
import { headDim } from './config';
import type { Gpt, GptWeights, LayerWeights } from './params';

// ---- building blocks --------------------------------------------------------------------

/** Swap the last two axes ([..., m, n] → [..., n, m]). */
export function transposeLast(t: tf.Tensor): tf.Tensor {
	const perm = [...Array(t.rank).keys()];
	[perm[t.rank - 2], perm[t.rank - 1]] = [perm[t.rank - 1], perm[t.rank - 2]];
	return t.transpose(perm);
}

/**
 * a @ b with a gradient built from explicit transposes. tfjs-wasm's BatchMatMul with
 * transposeA/transposeB set is ~10-25× slower than transposing first, and the built-in
 * gradient uses exactly those flags: this one op makes training 3× faster.
 */
export const matMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
	const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
	save([a, b]);
	return {
		value: tf.matMul(a, b),
		gradFunc: (dy: tf.Tensor, [sa, sb]: tf.Tensor[]) => [tf.matMul(dy, transposeLast(sb)), tf.matMul(transposeLast(sa), dy)]
	};
}) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

export function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor, eps = 1e-5): tf.Tensor {
	const { mean, variance } = tf.moments(x, -1, true);
	return x
		.sub(mean)
		.mul(tf.rsqrt(variance.add(eps)))
		.mul(g)
		.add(b);
}

/** GELU, tanh approximation (GPT-2's). */
export function gelu(x: tf.Tensor): tf.Tensor {
	const inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
	return x.mul(0.5).mul(inner.tanh().add(1));
}

function linear(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
	return matMul(x, w).add(b) as tf.Tensor2D;
}

export function mlp(x: tf.Tensor2D, L: LayerWeights): tf.Tensor2D {
	return linear(gelu(linear(x, L.w1, L.b1)) as tf.Tensor2D, L.w2, L.b2); // [N, C]
}

// ---- attention: the dense reference, and the paged one beside it -----------------------

/**
 * The readable dense attention for ONE sequence: queries at absolute positions
 * `queryStart .. queryStart+n-1` against keys/values at positions `0 .. L-1`, causal
 * (a key later than its query gets weight exactly 0, so keys past the sequence's end,
 * such as the unused slots of a last paged block, change nothing).
 * q: [n, nh, hs]; k, v: [L, nh, hs] → [n, nh*hs].
 */
export function causalAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, queryStart: number): tf.Tensor2D {
	const [n, nh, hs] = q.shape;
	const L = k.shape[0];
	const qh = q.transpose([1, 0, 2]); // [nh, n, hs]
	const kh = k.transpose([1, 0, 2]); // [nh, L, hs]
	const vh = v.transpose([1, 0, 2]); // [nh, L, hs]
	const scores = matMul(qh, transposeLast(kh)).mul(1 / Math.sqrt(hs)); // [nh, n, L]
	const qPos = tf.range(queryStart, queryStart + n, 1, 'int32').reshape([n, 1]); // [n, 1]
	const kPos = tf.range(0, L, 1, 'int32').reshape([1, L]); // [1, L]
	const future = tf.greater(kPos, qPos); // [n, L]: key after the query
	const masked = tf.where(future, tf.fill([nh, n, L], -1e9), scores); // [nh, n, L]
	const out = matMul(tf.softmax(masked, -1), vh); // [nh, n, hs]
	return out.transpose([1, 0, 2]).reshape([n, nh * hs]) as tf.Tensor2D; // [n, C]
}

/**
 * Paged attention for ONE sequence: the same attention, with K and V read out of the pool
 * through the sequence's block table instead of being handed over.
 *
 *   pool [numBlocks, bs, nh, hs] ──► pick the table's blocks ──► [nb, bs, nh, hs]
 *                                ──► reshape ──► [nb·bs, nh, hs] ──► causalAttention
 *
 * q: [n, nh, hs]; `selector` from `blockSelector` → [n, nh*hs].
 */
export function pagedAttention(
	q: tf.Tensor3D,
	kPool: tf.Tensor4D,
	vPool: tf.Tensor4D,
	selector: tf.Tensor,
	queryStart: number
): tf.Tensor2D {
	const k = gatherContext(kPool, selector); // [nb*bs, nh, hs]
	const v = gatherContext(vPool, selector); // [nb*bs, nh, hs]
	return causalAttention(q, k, v, queryStart); // [n, C]
}

/**
 * How one sequence's first `numBlocks` blocks are picked out of a pool of `poolBlocks`,
 * built once per forward pass and shared by every layer's K and V: the block ids for
 * tf.gather, or on tfjs-wasm a one-hot [n, poolBlocks] matrix. (wasm's Gather kernel copies
 * float by float, ~70 ns each: it made paged decoding 3× slower than contiguous. A one-hot
 * matmul picks the same rows exactly, since each output is 1·x plus zeros.)
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

// ---- the block ---------------------------------------------------------------------------

/**
 * Where the keys and values of this layer's queries come from: given this forward's fresh
 * q, k, v for all N tokens ([N, nh, hs] each), return attention outputs [N, C]. Three
 * implementations: `denseAttend` below (recompute), `ContiguousKvCache.attend`,
 * `PagedKvCache.attend`.
 */
export type Attend = (layer: number, q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D) => tf.Tensor2D;

/** Sees named intermediate tensors (`h.0.attn.q` … `logits`) for golden comparisons. */
export type Tap = (name: string, t: tf.Tensor) => void;

/** One pre-norm block: x + attn(ln1(x)); x + mlp(ln2(x)). x: [N, C]. */
export function transformerLayer(
	x: tf.Tensor2D,
	L: LayerWeights,
	layer: number,
	cfg: GptConfig,
	attend: Attend,
	dropout = 0,
	tap?: Tap
): tf.Tensor2D {
	const N = x.shape[0];
	const nh = cfg.nHead;
	const hs = headDim(cfg);
	const qkv = linear(layerNorm(x, L.ln1g, L.ln1b) as tf.Tensor2D, L.wqkv, L.bqkv); // [N, 3C]
	const [q, k, v] = tf.split(qkv, 3, 1).map((t) => t.reshape([N, nh, hs]) as tf.Tensor3D); // [N, nh, hs]
	const a = attend(layer, q, k, v); // [N, C]
	const h = x.add(drop(linear(a, L.wo, L.bo), dropout)) as tf.Tensor2D; // [N, C]
	const y = h.add(drop(mlp(layerNorm(h, L.ln2g, L.ln2b) as tf.Tensor2D, L), dropout)) as tf.Tensor2D; // [N, C]
	if (tap)
		for (const [name, t] of [
			['q', q],
			['k', k],
			['v', v],
			['attn', a],
			['out', y]
		] as const)
			tap(`h.${layer}.${name}`, t);
	return y;
}

function drop(x: tf.Tensor2D, rate: number): tf.Tensor2D {
	return rate > 0 ? (tf.dropout(x, rate) as tf.Tensor2D) : x;
}

// ---- embeddings and the output head ------------------------------------------------------

/** Token + position embeddings for N tokens (tf.gather; inference only — see `embedOneHot`). */
export function embed(w: GptWeights, ids: readonly number[], positions: readonly number[]): tf.Tensor2D {
	const tok = tf.gather(w.wte, tf.tensor1d(ids as number[], 'int32')); // [N, C]
	const pos = tf.gather(w.wpe, tf.tensor1d(positions as number[], 'int32')); // [N, C]
	return tok.add(pos) as tf.Tensor2D;
}

/** The same embedding as a one-hot matmul: differentiable on wasm, where gather's gradient is missing. */
export function embedOneHot(w: GptWeights, ids: tf.Tensor1D, T: number, B: number): tf.Tensor2D {
	const V = w.wte.shape[0];
	const tok = matMul(tf.oneHot(ids, V).toFloat(), w.wte); // [B*T, C]
	const pos = tf.tile(w.wpe.slice([0, 0], [T, -1]), [B, 1]); // [B*T, C]
	return tok.add(pos) as tf.Tensor2D;
}

/** Final norm and the tied output projection: [N, C] → logits [N, V]. */
export function lmHead(w: GptWeights, x: tf.Tensor2D): tf.Tensor2D {
	return matMul(layerNorm(x, w.lnfg, w.lnfb), transposeLast(w.wte)) as tf.Tensor2D; // [N, V]
}

// ---- the forward pass ------------------------------------------------------------------

/**
 * This step computes `tokens[start .. start+numTokens)` of one sequence. A forward takes
 * several chunks (prefills and decodes mixed), laid end to end into one [N, C] activation
 * (vLLM's flattened batch): the dense parts run once over all N rows, and only attention
 * looks at sequences one by one.
 */
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

/** Per-chunk attention outputs, concatenated back into the flattened batch: [N, C]. */
export function perChunk(chunks: readonly SeqChunk[], one: (i: number, offsets: readonly number[]) => tf.Tensor2D): tf.Tensor2D {
	const offsets = chunkOffsets(chunks);
	const outs = chunks.map((_, i) => one(i, offsets)); // [n_i, C] each
	return (outs.length === 1 ? outs[0] : tf.concat(outs, 0)) as tf.Tensor2D; // [N, C]
}

function checkChunks(cfg: GptConfig, chunks: readonly SeqChunk[]): void {
	for (const c of chunks) {
		const end = c.start + c.numTokens;
		if (end > cfg.contextLength)
			throw new Error(`a sequence reaches position ${end}, beyond the model's context of ${cfg.contextLength} tokens`);
		if (end > c.tokens.length) throw new Error(`chunk [${c.start}, ${end}) runs past the ${c.tokens.length} known tokens`);
	}
}

/**
 * THE forward pass: embeddings, every block with the given `attend`, final norm, logits.
 * Returns [rows, V]: the last token of each chunk (`'last'`), or every token (`'all'`).
 */
export function forward(model: Gpt, chunks: readonly SeqChunk[], attend: Attend, rows: 'last' | 'all', tap?: Tap): tf.Tensor2D {
	checkChunks(model.config, chunks);
	return tf.tidy(() => {
		const ids = chunks.flatMap((c) => c.tokens.slice(c.start, c.start + c.numTokens));
		const positions = chunks.flatMap((c) => Array.from({ length: c.numTokens }, (_, j) => c.start + j));
		let x = embed(model.weights, ids, positions); // [N, C]
		model.weights.layers.forEach((L, l) => (x = transformerLayer(x, L, l, model.config, attend, 0, tap)));
		if (rows === 'last') {
			const offsets = chunkOffsets(chunks);
			x = tf.gather(
				x,
				tf.tensor1d(
					chunks.map((c, i) => offsets[i] + c.numTokens - 1),
					'int32'
				)
			); // [S, C]
		}
		const logits = lmHead(model.weights, x); // [rows, V]
		tap?.('logits', logits);
		return logits;
	});
}

/** Recompute (no cache): the fresh k, v of a chunk that starts at 0 ARE its whole context. */
export function denseAttend(chunks: readonly SeqChunk[]): Attend {
	for (const c of chunks) if (c.start !== 0) throw new Error(`recompute needs whole sequences, got a chunk starting at ${c.start}`);
	return (_layer, q, k, v) =>
		perChunk(chunks, (i, o) => causalAttention(chunkRows(q, o, chunks, i), chunkRows(k, o, chunks, i), chunkRows(v, o, chunks, i), 0));
}

/** The recompute path for one sequence: every position run again. */
export function forwardRecompute(model: Gpt, tokens: readonly number[], rows: 'last' | 'all'): tf.Tensor2D {
	const chunks = [{ tokens, start: 0, numTokens: tokens.length }];
	return forward(model, chunks, denseAttend(chunks), rows);
}

// ---- training ----------------------------------------------------------------------------

/**
 * Training: B sequences of T tokens at once through the same blocks, with one-hot
 * embeddings (differentiable on wasm), batched causal attention and optional dropout.
 * ids: int32 [B*T] (row-major [B, T]) → logits [B*T, V].
 */
export function forwardTrain(model: Gpt, ids: tf.Tensor1D, B: number, T: number, dropout = 0): tf.Tensor2D {
	const { config: cfg, weights: w } = model;
	const nh = cfg.nHead;
	const hs = headDim(cfg);
	const causal = tf.linalg.bandPart(tf.ones([T, T]), -1, 0); // [T, T] lower triangle
	const bias = tf.sub(1, causal).mul(-1e9); // [T, T]
	const attend: Attend = (_l, q, k, v) => {
		const heads = (t: tf.Tensor) => t.reshape([B, T, nh, hs]).transpose([0, 2, 1, 3]); // [B, nh, T, hs]
		const scores = matMul(heads(q), transposeLast(heads(k)))
			.mul(1 / Math.sqrt(hs))
			.add(bias); // [B, nh, T, T]
		const out = matMul(tf.softmax(scores, -1), heads(v)); // [B, nh, T, hs]
		return out.transpose([0, 2, 1, 3]).reshape([B * T, nh * hs]) as tf.Tensor2D; // [B*T, C]
	};
	let x = drop(embedOneHot(w, ids, T, B), dropout); // [B*T, C]
	w.layers.forEach((L, l) => (x = transformerLayer(x, L, l, cfg, attend, dropout)));
	return lmHead(w, x);
}
