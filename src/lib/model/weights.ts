/**
 * Model files, and loading them with messages that say which file is wrong and how.
 *
 *   model.json   manifest: format, config, dtype, tensor list {name, shape, offset}, training notes
 *   weights.bin  the tensors back to back, little-endian float16 (or float32), offsets in bytes
 *   vocab.json   the tokenizer's characters, index = token id
 *
 * Browser-safe: the loader takes a `readFile(name) → ArrayBuffer` function, so Node
 * reads from disk and the browser fetches from `static/models/<name>/`.
 */
import * as tf from '@tensorflow/tfjs';
import type { GptConfig } from './config';
import { expectedShapes } from './config';
import { decodeHalf, encodeHalf } from './float16';
import type { Gpt } from './params';
import { namedWeights, weightsFromNamed } from './params';
import { CharTokenizer } from './tokenizer';

export const FORMAT = 'pagedkv-gpt/1';
export const MODEL_FILES = { manifest: 'model.json', weights: 'weights.bin', vocab: 'vocab.json' } as const;

export interface TensorEntry {
	name: string;
	shape: number[];
	/** Byte offset into weights.bin. */
	offset: number;
}

export interface ModelManifest {
	format: typeof FORMAT;
	name: string;
	config: GptConfig;
	dtype: 'float16' | 'float32';
	tensors: TensorEntry[];
	/** Free-form training record (steps, losses, command). */
	training?: Record<string, unknown>;
}

export interface LoadedModel {
	model: Gpt;
	tokenizer: CharTokenizer;
	manifest: ModelManifest;
}

export type ReadFile = (name: string) => Promise<ArrayBuffer>;

/** A fetch-based `ReadFile` for the browser: `fetchReader('/models/kjv', fetch)`. */
export function fetchReader(baseUrl: string, fetchFn: typeof fetch = fetch): ReadFile {
	return async (name) => {
		const res = await fetchFn(`${baseUrl}/${name}`);
		if (!res.ok) throw new Error(`${baseUrl}/${name}: HTTP ${res.status}`);
		return res.arrayBuffer();
	};
}

/** Read all three files (each failure names its file), then validate and build tensors. */
export async function loadModel(readFile: ReadFile, label = 'model'): Promise<LoadedModel> {
	const read = async (file: string) => {
		try {
			return await readFile(file);
		} catch (e) {
			throw new Error(`${label}/${file}: cannot read (${(e as Error).message})`);
		}
	};
	const [manifestBuf, weightsBuf, vocabBuf] = await Promise.all([
		read(MODEL_FILES.manifest),
		read(MODEL_FILES.weights),
		read(MODEL_FILES.vocab)
	]);
	return parseModel(manifestBuf, weightsBuf, vocabBuf, label);
}

export function parseModel(
	manifestBuf: ArrayBuffer,
	weightsBuf: ArrayBuffer,
	vocabBuf: ArrayBuffer,
	label = 'model'
): LoadedModel {
	const where = (file: string) => `${label}/${file}`;
	const manifest = parseJson(manifestBuf, where(MODEL_FILES.manifest)) as ModelManifest;
	if (manifest.format !== FORMAT) {
		throw new Error(`${where(MODEL_FILES.manifest)}: format is ${JSON.stringify(manifest.format)}, expected "${FORMAT}"`);
	}
	const vocab = parseJson(vocabBuf, where(MODEL_FILES.vocab));
	if (!Array.isArray(vocab) || vocab.length !== manifest.config.vocabSize) {
		throw new Error(
			`${where(MODEL_FILES.vocab)}: expected an array of ${manifest.config.vocabSize} characters, got ${Array.isArray(vocab) ? vocab.length : typeof vocab}`
		);
	}
	const named = readTensors(manifest, weightsBuf, where(MODEL_FILES.weights));
	const weights = weightsFromNamed(manifest.config, named);
	return { model: { config: manifest.config, weights }, tokenizer: new CharTokenizer(vocab as string[]), manifest };
}

function parseJson(buf: ArrayBuffer, where: string): unknown {
	try {
		return JSON.parse(new TextDecoder().decode(buf));
	} catch (e) {
		throw new Error(`${where}: not valid JSON (${(e as Error).message})`);
	}
}

function readTensors(manifest: ModelManifest, buf: ArrayBuffer, where: string): Map<string, tf.Tensor> {
	const bytesPer = manifest.dtype === 'float16' ? 2 : 4;
	const expected = expectedShapes(manifest.config);
	const listed = new Set(manifest.tensors.map((t) => t.name));
	const missing = [...expected.keys()].filter((n) => !listed.has(n));
	if (missing.length) throw new Error(`${where}: tensors missing from the manifest: ${missing.join(', ')}`);
	// Check everything before allocating a single tensor, so a bad file leaks nothing.
	for (const entry of manifest.tensors) {
		const want = expected.get(entry.name);
		if (!want) throw new Error(`${where}: unexpected tensor ${entry.name}`);
		if (want.join() !== entry.shape.join()) {
			throw new Error(`${where}: tensor ${entry.name} has shape [${entry.shape}] but the config needs [${want}]`);
		}
		const end = entry.offset + size(entry.shape) * bytesPer;
		if (end > buf.byteLength) {
			throw new Error(
				`${where}: truncated: ${buf.byteLength} bytes, but tensor ${entry.name} ends at byte ${end}`
			);
		}
	}
	const named = new Map<string, tf.Tensor>();
	for (const entry of manifest.tensors) {
		const n = size(entry.shape);
		const values =
			manifest.dtype === 'float16'
				? decodeHalf(new Uint16Array(buf.slice(entry.offset, entry.offset + 2 * n)))
				: new Float32Array(buf.slice(entry.offset, entry.offset + 4 * n));
		named.set(entry.name, tf.tensor(values, entry.shape, 'float32'));
	}
	return named;
}

function size(shape: number[]): number {
	return shape.reduce((a, b) => a * b, 1);
}

/** The inverse of `loadModel`: manifest JSON, weights bytes, vocab JSON. */
export function serializeModel(
	name: string,
	model: Gpt,
	vocab: readonly string[],
	dtype: 'float16' | 'float32' = 'float16',
	training?: Record<string, unknown>
): { manifest: string; weights: Uint8Array; vocab: string } {
	const tensors: TensorEntry[] = [];
	const parts: Uint8Array[] = [];
	let offset = 0;
	for (const [tname, t] of namedWeights(model.weights)) {
		const values = t.dataSync() as Float32Array;
		const bytes = dtype === 'float16' ? new Uint8Array(encodeHalf(values).buffer) : new Uint8Array(values.slice().buffer);
		tensors.push({ name: tname, shape: t.shape, offset });
		parts.push(bytes);
		offset += bytes.byteLength;
	}
	const weights = new Uint8Array(offset);
	let at = 0;
	for (const p of parts) {
		weights.set(p, at);
		at += p.byteLength;
	}
	const manifest: ModelManifest = { format: FORMAT, name, config: model.config, dtype, tensors, training };
	return { manifest: JSON.stringify(manifest, null, 1), weights, vocab: JSON.stringify(vocab) };
}
