/**
 * The GPT, read top to bottom (nanoGPT's model.py in tfjs): layer norm, attention, MLP,
 * block, model. Decoder-only, pre-norm, learned positions, tied input/output embeddings.
 *
 * Every path (training, recompute, contiguous cache, paged cache) runs the same
 * `transformerLayer`; they differ only in the `Attend` function that finds each query's
 * keys and values. That is the point of the lab: the cache changes where K/V live, never
 * what attention computes.
 */
import * as tf from '@tensorflow/tfjs';
import type { GptConfig } from './config';
import { expectedShapes, headDim } from './config';

export interface LayerWeights {
	ln1g: tf.Tensor1D;
	ln1b: tf.Tensor1D;
	wqkv: tf.Tensor2D; // [C, 3C]
	bqkv: tf.Tensor1D;
	wo: tf.Tensor2D; // [C, C]
	bo: tf.Tensor1D;
	ln2g: tf.Tensor1D;
	ln2b: tf.Tensor1D;
	w1: tf.Tensor2D; // [C, 4C]
	b1: tf.Tensor1D;
	w2: tf.Tensor2D; // [4C, C]
	b2: tf.Tensor1D;
}

export interface GptWeights {
	wte: tf.Tensor2D; // [V, C], also the output projection (tied)
	wpe: tf.Tensor2D; // [T, C]
	layers: LayerWeights[];
	lnfg: tf.Tensor1D;
	lnfb: tf.Tensor1D;
}

export interface Gpt {
	config: GptConfig;
	weights: GptWeights;
}

const LAYER_KEYS: [keyof LayerWeights, string][] = [
	['ln1g', 'ln1.g'],
	['ln1b', 'ln1.b'],
	['wqkv', 'attn.wqkv'],
	['bqkv', 'attn.bqkv'],
	['wo', 'attn.wo'],
	['bo', 'attn.bo'],
	['ln2g', 'ln2.g'],
	['ln2b', 'ln2.b'],
	['w1', 'mlp.w1'],
	['b1', 'mlp.b1'],
	['w2', 'mlp.w2'],
	['b2', 'mlp.b2']
];

/** Weights by their file names (`h.0.attn.wqkv`…), in the order `expectedShapes` lists them. */
export function namedWeights(w: GptWeights): [string, tf.Tensor][] {
	const out: [string, tf.Tensor][] = [
		['wte', w.wte],
		['wpe', w.wpe]
	];
	w.layers.forEach((L, l) => {
		for (const [key, name] of LAYER_KEYS) out.push([`h.${l}.${name}`, L[key]]);
	});
	out.push(['lnf.g', w.lnfg], ['lnf.b', w.lnfb]);
	return out;
}

export function weightsFromNamed(cfg: GptConfig, named: Map<string, tf.Tensor>): GptWeights {
	const get = <T extends tf.Tensor>(name: string): T => {
		const t = named.get(name);
		if (!t) throw new Error(`weight ${name} is missing`);
		return t as T;
	};
	const layers: LayerWeights[] = [];
	for (let l = 0; l < cfg.nLayer; l++) {
		const L = {} as Record<keyof LayerWeights, tf.Tensor>;
		for (const [key, name] of LAYER_KEYS) L[key] = get(`h.${l}.${name}`);
		layers.push(L as unknown as LayerWeights);
	}
	return { wte: get('wte'), wpe: get('wpe'), layers, lnfg: get('lnf.g'), lnfb: get('lnf.b') };
}

/**
 * GPT-2 style init: N(0, 0.02), residual projections scaled by 1/sqrt(2·nLayer).
 * `scale` multiplies every std (tests use a larger one so random models have peaked logits).
 */
export function randomWeights(cfg: GptConfig, seed: number, scale = 1): GptWeights {
	const named = new Map<string, tf.Tensor>();
	let s = seed;
	const residualStd = (0.02 * scale) / Math.sqrt(2 * cfg.nLayer);
	for (const [name, shape] of expectedShapes(cfg)) {
		const leaf = name.slice(name.lastIndexOf('.') + 1);
		let t: tf.Tensor;
		if (leaf === 'g') t = tf.ones(shape);
		else if (shape.length === 1) t = tf.zeros(shape);
		else {
			const std = name.endsWith('attn.wo') || name.endsWith('mlp.w2') ? residualStd : 0.02 * scale;
			t = tf.randomNormal(shape, 0, std, 'float32', s++);
		}
		named.set(name, t);
	}
	return weightsFromNamed(cfg, named);
}

export function disposeWeights(w: GptWeights): void {
	for (const [, t] of namedWeights(w)) t.dispose();
}

// ---- building blocks ------------------------------------------------------------------

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
	return x.sub(mean).mul(tf.rsqrt(variance.add(eps))).mul(g).add(b);
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
 * Where the keys and values of this layer's queries come from: given this call's fresh
 * q, k, v for all N tokens ([N, nh, hs] each), return attention outputs [N, C].
 */
export type Attend = (layer: number, q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D) => tf.Tensor2D;

/** One pre-norm block: x + attn(ln1(x)); x + mlp(ln2(x)). x: [N, C]. */
export function transformerLayer(
	x: tf.Tensor2D,
	L: LayerWeights,
	layer: number,
	cfg: GptConfig,
	attend: Attend,
	dropout = 0
): tf.Tensor2D {
	const N = x.shape[0];
	const nh = cfg.nHead;
	const hs = headDim(cfg);
	const qkv = linear(layerNorm(x, L.ln1g, L.ln1b) as tf.Tensor2D, L.wqkv, L.bqkv); // [N, 3C]
	const [q, k, v] = tf.split(qkv, 3, 1).map((t) => t.reshape([N, nh, hs]) as tf.Tensor3D); // [N, nh, hs]
	const attn = linear(attend(layer, q, k, v), L.wo, L.bo); // [N, C]
	const h = x.add(drop(attn, dropout)) as tf.Tensor2D;
	return h.add(drop(mlp(layerNorm(h, L.ln2g, L.ln2b) as tf.Tensor2D, L), dropout)) as tf.Tensor2D;
}

function drop(x: tf.Tensor2D, rate: number): tf.Tensor2D {
	return rate > 0 ? (tf.dropout(x, rate) as tf.Tensor2D) : x;
}

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

// ---- whole-model forwards ---------------------------------------------------------------

/**
 * No cache at all: recompute every position of one sequence from scratch.
 * Returns logits for every position, [T, V]. The baseline the caches must reproduce.
 */
export function forwardRecompute(model: Gpt, tokens: readonly number[]): tf.Tensor2D {
	return tf.tidy(() => {
		const { config: cfg, weights: w } = model;
		const positions = tokens.map((_, i) => i);
		let x = embed(w, tokens, positions); // [T, C]
		const attend: Attend = (_l, q, k, v) => causalAttention(q, k, v, 0);
		w.layers.forEach((L, l) => (x = transformerLayer(x, L, l, cfg, attend)));
		return lmHead(w, x);
	});
}

/**
 * Training forward: B sequences of T tokens at once, one-hot embeddings, optional dropout.
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
		const scores = matMul(heads(q), transposeLast(heads(k))).mul(1 / Math.sqrt(hs)).add(bias); // [B, nh, T, T]
		const out = matMul(tf.softmax(scores, -1), heads(v)); // [B, nh, T, hs]
		return out.transpose([0, 2, 1, 3]).reshape([B * T, nh * hs]) as tf.Tensor2D; // [B*T, C]
	};
	let x = drop(embedOneHot(w, ids, T, B), dropout); // [B*T, C]
	w.layers.forEach((L, l) => (x = transformerLayer(x, L, l, cfg, attend, dropout)));
	return lmHead(w, x);
}
