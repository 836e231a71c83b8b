/**
 * The model's parameters: their tensors by layer, their file names (`h.0.attn.wqkv`…),
 * GPT-2 initialisation and disposal. The shapes themselves come from `expectedShapes`
 * (config.ts), the checklist the weight files are validated against.
 */
import * as tf from '@tensorflow/tfjs';
import type { GptConfig } from './config';
import { expectedShapes } from './config';

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
