/**
 * Model files, and loading them with messages that say which file and which tensor is wrong.
 *
 *   model.json   manifest: format, config, dtype, tensor list {name, shape, offset, sha256}, training notes
 *   weights.bin  the tensors back to back, little-endian float16 (or float32), offsets in bytes
 *   vocab.json   the tokenizer's characters, index = token id
 *
 * Everything is checked before a single tensor is allocated (so a bad folder leaks nothing):
 * the manifest's structure and config, each entry's name (known, not repeated), shape,
 * offset (a whole, aligned number of bytes inside the file, not overlapping another
 * tensor), that the tensors cover weights.bin exactly, every value finite, and each
 * tensor's SHA-256 against the manifest.
 *
 * Browser-safe: the loader takes a `readFile(name) → ArrayBuffer` function, so Node
 * reads from disk and the browser fetches from `static/models/<name>/`.
 */
import * as tf from '@tensorflow/tfjs';
import type { GptConfig } from './config';
import { expectedShapes, headDim } from './config';
import { decodeHalf, encodeHalf } from './float16';
import type { Gpt } from './params';
import { namedWeights, weightsFromNamed } from './params';
import { sha256Hex } from './sha256';
import { CharTokenizer } from './tokenizer';

export const FORMAT = 'pagedkv-gpt/1';
export const MODEL_FILES = { manifest: 'model.json', weights: 'weights.bin', vocab: 'vocab.json' } as const;

export interface TensorEntry {
	name: string;
	shape: number[];
	/** Byte offset into weights.bin. */
	offset: number;
	/** Lower-case hex SHA-256 of the tensor's bytes in weights.bin. */
	sha256: string;
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

export function parseModel(manifestBuf: ArrayBuffer, weightsBuf: ArrayBuffer, vocabBuf: ArrayBuffer, label = 'model'): LoadedModel {
	const manifest = checkManifest(parseJson(manifestBuf, `${label}/${MODEL_FILES.manifest}`), `${label}/${MODEL_FILES.manifest}`);
	const vocab = checkVocab(
		parseJson(vocabBuf, `${label}/${MODEL_FILES.vocab}`),
		manifest.config.vocabSize,
		`${label}/${MODEL_FILES.vocab}`
	);
	const values = checkWeights(manifest, weightsBuf, `${label}/${MODEL_FILES.weights}`);
	const named = new Map<string, tf.Tensor>();
	for (const entry of manifest.tensors) named.set(entry.name, tf.tensor(values.get(entry.name)!, entry.shape, 'float32'));
	return {
		model: { config: manifest.config, weights: weightsFromNamed(manifest.config, named) },
		tokenizer: new CharTokenizer(vocab),
		manifest
	};
}

function parseJson(buf: ArrayBuffer, where: string): unknown {
	try {
		return JSON.parse(new TextDecoder().decode(buf).replace(/^\uFEFF/, ''));
	} catch (e) {
		throw new Error(`${where}: not valid JSON (${(e as Error).message})`);
	}
}

/** A short form of a bad value for a message (≤ 40 characters). */
function show(x: unknown): string {
	const s =
		typeof x === 'string'
			? JSON.stringify(x)
			: Array.isArray(x)
				? `[${x
						.slice(0, 6)
						.map((v) => show(v))
						.join(',')}${x.length > 6 ? ',…' : ''}]`
				: String(x);
	return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown, min: number, max: number): x is number => Number.isInteger(x) && (x as number) >= min && (x as number) <= max;

/** Upper bounds that keep a hostile manifest from asking for absurd allocations. */
const CONFIG_LIMITS: Record<keyof GptConfig, [number, number]> = {
	vocabSize: [1, 1 << 20],
	contextLength: [1, 1 << 16],
	nLayer: [1, 256],
	nHead: [1, 1024],
	nEmbd: [1, 1 << 16]
};

function checkManifest(raw: unknown, where: string): ModelManifest {
	const fail = (msg: string): never => {
		throw new Error(`${where}: ${msg}`);
	};
	if (!isObject(raw)) return fail(`expected an object, got ${show(raw)}`);
	if (raw.format !== FORMAT) fail(`format is ${show(raw.format)}, expected "${FORMAT}"`);
	if (typeof raw.name !== 'string') fail(`name must be a string, got ${show(raw.name)}`);
	if (raw.dtype !== 'float16' && raw.dtype !== 'float32') fail(`dtype must be "float16" or "float32", got ${show(raw.dtype)}`);
	if (!isObject(raw.config)) return fail(`config must be an object, got ${show(raw.config)}`);
	for (const [key, [min, max]] of Object.entries(CONFIG_LIMITS)) {
		const v = raw.config[key];
		if (!isCount(v, min, max)) fail(`config.${key} must be a whole number in [${min}, ${max}], got ${show(v)}`);
	}
	const config = raw.config as unknown as GptConfig;
	if (config.nEmbd % config.nHead !== 0) fail(`config.nEmbd ${config.nEmbd} is not a multiple of config.nHead ${config.nHead}`);
	headDim(config);
	if (!Array.isArray(raw.tensors)) return fail(`tensors must be an array, got ${show(raw.tensors)}`);
	const expected = expectedShapes(config);
	const seen = new Set<string>();
	const bytesPer = raw.dtype === 'float16' ? 2 : 4;
	raw.tensors.forEach((e: unknown, i: number) => {
		if (!isObject(e)) return fail(`tensors[${i}] must be an object, got ${show(e)}`);
		if (typeof e.name !== 'string') return fail(`tensors[${i}].name must be a string, got ${show(e.name)}`);
		const t = `tensor ${show(e.name).replace(/^"|"$/g, '')}`;
		const want = expected.get(e.name);
		if (!want) fail(`${t}: not a tensor of this model (expected wte, wpe, h.{0..${config.nLayer - 1}}.…, lnf.g, lnf.b)`);
		if (seen.has(e.name)) fail(`${t}: listed twice`);
		seen.add(e.name);
		if (!Array.isArray(e.shape) || !e.shape.every((d) => isCount(d, 0, 2 ** 31)))
			fail(`${t}: shape must be an array of whole numbers, got ${show(e.shape)}`);
		if ((e.shape as number[]).join() !== want!.join()) fail(`${t} has shape [${e.shape}] but the config needs [${want}]`);
		if (!isCount(e.offset, 0, Number.MAX_SAFE_INTEGER)) fail(`${t}: offset must be a whole number ≥ 0, got ${show(e.offset)}`);
		if ((e.offset as number) % bytesPer !== 0) fail(`${t}: offset ${e.offset} is not a multiple of ${bytesPer} (${raw.dtype} values)`);
		if (typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256))
			fail(`${t}: sha256 must be 64 lower-case hex digits, got ${show(e.sha256)}`);
	});
	const missing = [...expected.keys()].filter((n) => !seen.has(n));
	if (missing.length)
		fail(
			`tensors missing from the manifest: ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ` and ${missing.length - 8} more` : ''}`
		);
	return raw as unknown as ModelManifest;
}

function checkVocab(raw: unknown, vocabSize: number, where: string): string[] {
	if (!Array.isArray(raw) || raw.length !== vocabSize)
		throw new Error(`${where}: expected an array of ${vocabSize} characters, got ${Array.isArray(raw) ? raw.length : typeof raw}`);
	const seen = new Map<string, number>();
	raw.forEach((ch: unknown, i: number) => {
		if (typeof ch !== 'string' || [...ch].length !== 1) throw new Error(`${where}: entry ${i} must be one character, got ${show(ch)}`);
		if (seen.has(ch)) throw new Error(`${where}: entry ${i} ${show(ch)} repeats entry ${seen.get(ch)}`);
		seen.set(ch, i);
	});
	return raw as string[];
}

/** Each tensor's values, decoded and checked: placement in the file, finite values, checksum. */
function checkWeights(manifest: ModelManifest, buf: ArrayBuffer, where: string): Map<string, Float32Array> {
	const bytesPer = manifest.dtype === 'float16' ? 2 : 4;
	const spans = manifest.tensors.map((e) => ({ e, end: e.offset + size(e.shape) * bytesPer })).sort((a, b) => a.e.offset - b.e.offset);
	const furthest = spans.reduce((x, y) => (y.end > x.end ? y : x), spans[0]);
	if (furthest && furthest.end > buf.byteLength)
		throw new Error(`${where}: truncated: ${buf.byteLength} bytes, but tensor ${furthest.e.name} ends at byte ${furthest.end}`);
	spans.forEach(({ e, end }, i) => {
		const next = spans[i + 1];
		if (next && next.e.offset < end)
			throw new Error(`${where}: tensor ${next.e.name} (from byte ${next.e.offset}) overlaps tensor ${e.name} (bytes ${e.offset}–${end})`);
		const gapEnd = next ? next.e.offset : buf.byteLength;
		if (gapEnd > end) throw new Error(`${where}: ${gapEnd - end} unlisted bytes after tensor ${e.name} (bytes ${end}–${gapEnd})`);
	});
	if (spans.length && spans[0].e.offset > 0)
		throw new Error(`${where}: ${spans[0].e.offset} unlisted bytes before tensor ${spans[0].e.name}`);
	const values = new Map<string, Float32Array>();
	for (const { e, end } of spans) {
		const bytes = new Uint8Array(buf, e.offset, end - e.offset);
		const v =
			manifest.dtype === 'float16' ? decodeHalf(new Uint16Array(buf.slice(e.offset, end))) : new Float32Array(buf.slice(e.offset, end));
		const bad = v.findIndex((x) => !Number.isFinite(x));
		if (bad >= 0) throw new Error(`${where}: tensor ${e.name}: value ${bad} is ${v[bad]} (weights must be finite)`);
		const sum = sha256Hex(bytes);
		if (sum !== e.sha256)
			throw new Error(
				`${where}: tensor ${e.name}: checksum mismatch (model.json says ${e.sha256.slice(0, 12)}…, the bytes hash to ${sum.slice(0, 12)}…)`
			);
		values.set(e.name, v);
	}
	return values;
}

function size(shape: number[]): number {
	return shape.reduce((a, b) => a * b, 1);
}

/** The manifest's tensor list with every tensor's SHA-256 (re)computed from `weights` (for files written before checksums). */
export function withChecksums(manifest: ModelManifest, weights: Uint8Array): ModelManifest {
	const bytesPer = manifest.dtype === 'float16' ? 2 : 4;
	const tensors = manifest.tensors.map((e) => ({
		...e,
		sha256: sha256Hex(weights.subarray(e.offset, e.offset + size(e.shape) * bytesPer))
	}));
	return { ...manifest, tensors };
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
		tensors.push({ name: tname, shape: t.shape, offset, sha256: sha256Hex(bytes) });
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
