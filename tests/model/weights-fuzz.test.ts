/**
 * A fuzz corpus of damaged model folders, generated here from a small random model: every
 * one is refused with a clean error (no TypeError, no stack) that names the file, and the
 * tensor or field at fault, and allocates no tensor. One BOM-prefixed manifest must load.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHalf } from '../../src/lib/model/float16';
import { disposeWeights } from '../../src/lib/model/params';
import { sha256Hex } from '../../src/lib/model/sha256';
import type { ModelManifest } from '../../src/lib/model/weights';
import { serializeModel, withChecksums } from '../../src/lib/model/weights';
import { loadModelFromDir, writeModelFiles } from '../../scripts/model-node';
import { SMALL, setupBackend, smallModel, tf } from './helpers';

type Files = { 'model.json': string | null; 'weights.bin': Uint8Array | null; 'vocab.json': string | null };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Case {
	name: string;
	dtype?: 'float16' | 'float32';
	damage: (f: Files, m: Json, w: Uint8Array) => void;
	file: keyof Files;
	/** The tensor or field the message must name, and any other text it must hold. */
	names: (string | RegExp)[];
}

let dir: string;
const base: Record<'float16' | 'float32', { manifest: string; weights: Uint8Array; vocab: string }> = {} as never;
const vocab = Array.from({ length: SMALL.vocabSize }, (_, i) => String.fromCharCode(65 + i));

beforeAll(async () => {
	await setupBackend();
	dir = mkdtempSync(join(tmpdir(), 'model-fuzz-'));
	const model = smallModel();
	base.float16 = serializeModel('small', model, vocab, 'float16');
	base.float32 = serializeModel('small', model, vocab, 'float32');
	disposeWeights(model.weights);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (m: Json, name: string) => m.tensors.find((t: Json) => t.name === name);
const setManifest = (f: Files, m: Json) => (f['model.json'] = JSON.stringify(m));
/** Put a float16 value at element `i` of a tensor (the checksum is left stale unless `restamp`). */
function poke(f: Files, m: Json, w: Uint8Array, name: string, i: number, value: number, restamp = false) {
	const at = entry(m, name).offset + 2 * i;
	new DataView(w.buffer, w.byteOffset).setUint16(at, toHalf(value), true);
	if (restamp) setManifest(f, withChecksums(m as ModelManifest, w));
}

const CASES: Case[] = [
	// model.json: not a manifest at all
	{ name: 'manifest-not-json', file: 'model.json', names: ['not valid JSON'], damage: (f) => (f['model.json'] = '{ "format": ') },
	{ name: 'manifest-empty', file: 'model.json', names: ['not valid JSON'], damage: (f) => (f['model.json'] = '') },
	{ name: 'manifest-array', file: 'model.json', names: ['expected an object'], damage: (f) => (f['model.json'] = '[]') },
	{ name: 'manifest-null', file: 'model.json', names: ['expected an object'], damage: (f) => (f['model.json'] = 'null') },
	{ name: 'manifest-missing', file: 'model.json', names: ['cannot read'], damage: (f) => (f['model.json'] = null) },
	{ name: 'format-wrong', file: 'model.json', names: ['format is "gguf"'], damage: (f, m) => setManifest(f, { ...m, format: 'gguf' }) },
	{
		name: 'format-missing',
		file: 'model.json',
		names: ['format is undefined'],
		damage: (f, m) => setManifest(f, { ...m, format: undefined })
	},
	{ name: 'name-not-string', file: 'model.json', names: ['name must be a string'], damage: (f, m) => setManifest(f, { ...m, name: 7 }) },
	{ name: 'dtype-int8', file: 'model.json', names: ['dtype', '"int8"'], damage: (f, m) => setManifest(f, { ...m, dtype: 'int8' }) },
	// model.json: config
	{
		name: 'config-missing',
		file: 'model.json',
		names: ['config must be an object'],
		damage: (f, m) => setManifest(f, { ...m, config: undefined })
	},
	{
		name: 'config-vocab-zero',
		file: 'model.json',
		names: ['config.vocabSize', 'got 0'],
		damage: (f, m) => setManifest(f, { ...m, config: { ...m.config, vocabSize: 0 } })
	},
	{
		name: 'config-layers-negative',
		file: 'model.json',
		names: ['config.nLayer', 'got -1'],
		damage: (f, m) => setManifest(f, { ...m, config: { ...m.config, nLayer: -1 } })
	},
	{
		name: 'config-embd-fraction',
		file: 'model.json',
		names: ['config.nEmbd', 'got 1.5'],
		damage: (f, m) => setManifest(f, { ...m, config: { ...m.config, nEmbd: 1.5 } })
	},
	{
		name: 'config-heads-not-divisor',
		file: 'model.json',
		names: ['config.nEmbd 32 is not a multiple of config.nHead 3'],
		damage: (f, m) => setManifest(f, { ...m, config: { ...m.config, nHead: 3 } })
	},
	{
		name: 'config-context-string',
		file: 'model.json',
		names: ['config.contextLength', '"96"'],
		damage: (f, m) => setManifest(f, { ...m, config: { ...m.config, contextLength: '96' } })
	},
	{
		name: 'config-vocab-huge',
		file: 'model.json',
		names: ['config.vocabSize', 'got 1000000000000'],
		damage: (f, m) => setManifest(f, { ...m, config: { ...m.config, vocabSize: 1e12 } })
	},
	{
		name: 'config-layers-more',
		file: 'model.json',
		names: ['tensors missing from the manifest: h.2.ln1.g'],
		damage: (f, m) => setManifest(f, { ...m, config: { ...m.config, nLayer: 3 } })
	},
	// model.json: the tensor list
	{
		name: 'tensors-object',
		file: 'model.json',
		names: ['tensors must be an array'],
		damage: (f, m) => setManifest(f, { ...m, tensors: {} })
	},
	{
		name: 'tensors-missing',
		file: 'model.json',
		names: ['tensors must be an array'],
		damage: (f, m) => setManifest(f, { ...m, tensors: undefined })
	},
	{
		name: 'entry-null',
		file: 'model.json',
		names: ['tensors[3] must be an object'],
		damage: (f, m) => ((m.tensors[3] = null), setManifest(f, m))
	},
	{
		name: 'entry-name-number',
		file: 'model.json',
		names: ['tensors[0].name must be a string'],
		damage: (f, m) => ((m.tensors[0].name = 0), setManifest(f, m))
	},
	{
		name: 'tensor-missing',
		file: 'model.json',
		names: ['tensors missing from the manifest: lnf.b'],
		damage: (f, m) => setManifest(f, { ...m, tensors: m.tensors.filter((t: Json) => t.name !== 'lnf.b') })
	},
	{
		name: 'tensor-unknown',
		file: 'model.json',
		names: ['tensor h.9.attn.wqkv', 'not a tensor of this model'],
		damage: (f, m) => ((m.tensors[4].name = 'h.9.attn.wqkv'), setManifest(f, m))
	},
	{
		name: 'tensor-duplicated',
		file: 'model.json',
		names: ['tensor h.0.ln1.g', 'listed twice'],
		damage: (f, m) => (m.tensors.push({ ...entry(m, 'h.0.ln1.g') }), setManifest(f, m))
	},
	{
		name: 'shape-wrong',
		file: 'model.json',
		names: ['tensor h.1.mlp.w1 has shape [32,64] but the config needs [32,128]'],
		damage: (f, m) => ((entry(m, 'h.1.mlp.w1').shape = [32, 64]), setManifest(f, m))
	},
	{
		name: 'shape-string',
		file: 'model.json',
		names: ['tensor wte', 'shape must be an array'],
		damage: (f, m) => ((entry(m, 'wte').shape = '40x32'), setManifest(f, m))
	},
	{
		name: 'shape-negative',
		file: 'model.json',
		names: ['tensor wpe', 'shape must be an array of whole numbers', '[-96,32]'],
		damage: (f, m) => ((entry(m, 'wpe').shape = [-96, 32]), setManifest(f, m))
	},
	{
		name: 'shape-fraction',
		file: 'model.json',
		names: ['tensor lnf.g', 'shape'],
		damage: (f, m) => ((entry(m, 'lnf.g').shape = [31.5]), setManifest(f, m))
	},
	{
		name: 'offset-negative',
		file: 'model.json',
		names: ['tensor h.0.attn.wo', 'offset must be a whole number ≥ 0, got -2'],
		damage: (f, m) => ((entry(m, 'h.0.attn.wo').offset = -2), setManifest(f, m))
	},
	{
		name: 'offset-fraction',
		file: 'model.json',
		names: ['tensor h.1.ln2.b', 'offset must be a whole number ≥ 0, got 3.5'],
		damage: (f, m) => ((entry(m, 'h.1.ln2.b').offset = 3.5), setManifest(f, m))
	},
	{
		name: 'offset-odd',
		file: 'model.json',
		names: ['tensor h.0.mlp.b2', 'is not a multiple of 2'],
		damage: (f, m) => ((entry(m, 'h.0.mlp.b2').offset += 1), setManifest(f, m))
	},
	{
		name: 'offset-unaligned-f32',
		dtype: 'float32',
		file: 'model.json',
		names: ['tensor h.1.attn.bo', 'is not a multiple of 4'],
		damage: (f, m) => ((entry(m, 'h.1.attn.bo').offset += 2), setManifest(f, m))
	},
	{
		name: 'offset-string',
		file: 'model.json',
		names: ['tensor wte', 'offset', '"0"'],
		damage: (f, m) => ((entry(m, 'wte').offset = '0'), setManifest(f, m))
	},
	{
		name: 'offset-missing',
		file: 'model.json',
		names: ['tensor lnf.b', 'offset', 'undefined'],
		damage: (f, m) => (delete entry(m, 'lnf.b').offset, setManifest(f, m))
	},
	{
		name: 'offset-null',
		file: 'model.json',
		names: ['tensor h.1.ln1.g', 'offset', 'null'],
		damage: (f, m) => ((entry(m, 'h.1.ln1.g').offset = null), setManifest(f, m))
	},
	{
		name: 'offset-past-end',
		file: 'weights.bin',
		names: ['truncated', 'tensor h.0.ln2.g ends at byte'],
		damage: (f, m) => ((entry(m, 'h.0.ln2.g').offset = 1e12), setManifest(f, m))
	},
	{
		name: 'offset-overlap',
		file: 'weights.bin',
		names: ['tensor wpe', 'overlaps tensor wte'],
		damage: (f, m) => ((entry(m, 'wpe').offset -= 64), setManifest(f, m))
	},
	{
		name: 'offsets-swapped',
		file: 'weights.bin',
		names: [/tensor (h\.0\.ln1\.g|h\.0\.ln1\.b)/, 'checksum mismatch'],
		damage: (f, m) => {
			const [a, b] = [entry(m, 'h.0.ln1.g'), entry(m, 'h.0.ln1.b')];
			[a.offset, b.offset] = [b.offset, a.offset];
			setManifest(f, m);
		}
	},
	{
		name: 'sha-missing',
		file: 'model.json',
		names: ['tensor wte', 'sha256 must be 64 lower-case hex digits'],
		damage: (f, m) => (delete entry(m, 'wte').sha256, setManifest(f, m))
	},
	{
		name: 'sha-short',
		file: 'model.json',
		names: ['tensor h.1.mlp.w2', 'sha256', '"abc"'],
		damage: (f, m) => ((entry(m, 'h.1.mlp.w2').sha256 = 'abc'), setManifest(f, m))
	},
	{
		name: 'sha-other-tensor',
		file: 'weights.bin',
		names: ['tensor h.0.attn.bqkv', 'checksum mismatch'],
		damage: (f, m) => ((entry(m, 'h.0.attn.bqkv').sha256 = entry(m, 'wte').sha256), setManifest(f, m))
	},
	// weights.bin
	{ name: 'weights-missing', file: 'weights.bin', names: ['cannot read'], damage: (f) => (f['weights.bin'] = null) },
	{ name: 'weights-empty', file: 'weights.bin', names: ['truncated: 0 bytes'], damage: (f) => (f['weights.bin'] = new Uint8Array(0)) },
	{
		name: 'weights-truncated',
		file: 'weights.bin',
		names: ['truncated', 'tensor lnf.b ends at byte'],
		damage: (f, _m, w) => (f['weights.bin'] = w.subarray(0, w.length - 100))
	},
	{
		name: 'weights-trailing',
		file: 'weights.bin',
		names: ['10 unlisted bytes after tensor lnf.b'],
		damage: (f, _m, w) => (f['weights.bin'] = new Uint8Array([...w, ...new Uint8Array(10)]))
	},
	{
		name: 'weights-is-vocab',
		file: 'weights.bin',
		names: ['truncated'],
		damage: (f) => (f['weights.bin'] = new TextEncoder().encode(f['vocab.json']!))
	},
	{
		name: 'byte-flipped',
		file: 'weights.bin',
		names: ['tensor h.0.attn.wo', 'checksum mismatch'],
		damage: (f, m, w) => (w[entry(m, 'h.0.attn.wo').offset + 5] ^= 0x10)
	},
	{
		name: 'nan-stale-sum',
		file: 'weights.bin',
		names: ['tensor h.1.mlp.b1', 'value 3 is NaN'],
		damage: (f, m, w) => poke(f, m, w, 'h.1.mlp.b1', 3, NaN)
	},
	{
		name: 'inf-stale-sum',
		file: 'weights.bin',
		names: ['tensor wte', 'value 17 is Infinity'],
		damage: (f, m, w) => poke(f, m, w, 'wte', 17, Infinity)
	},
	{
		name: 'nan-restamped',
		file: 'weights.bin',
		names: ['tensor h.0.attn.wqkv', 'value 0 is NaN'],
		damage: (f, m, w) => poke(f, m, w, 'h.0.attn.wqkv', 0, NaN, true)
	},
	{
		name: 'neg-inf-restamped',
		file: 'weights.bin',
		names: ['tensor lnf.g', 'value 31 is -Infinity'],
		damage: (f, m, w) => poke(f, m, w, 'lnf.g', 31, -Infinity, true)
	},
	{
		name: 'nan-f32',
		dtype: 'float32',
		file: 'weights.bin',
		names: ['tensor wpe', 'value 2 is NaN'],
		damage: (f, m, w) => {
			new DataView(w.buffer, w.byteOffset).setFloat32(entry(m, 'wpe').offset + 8, NaN, true);
			setManifest(f, withChecksums(m as ModelManifest, w));
		}
	},
	// vocab.json
	{ name: 'vocab-missing', file: 'vocab.json', names: ['cannot read'], damage: (f) => (f['vocab.json'] = null) },
	{ name: 'vocab-not-json', file: 'vocab.json', names: ['not valid JSON'], damage: (f) => (f['vocab.json'] = '["A", ') },
	{
		name: 'vocab-short',
		file: 'vocab.json',
		names: ['expected an array of 40 characters, got 2'],
		damage: (f) => (f['vocab.json'] = '["a","b"]')
	},
	{
		name: 'vocab-object',
		file: 'vocab.json',
		names: ['expected an array of 40 characters, got object'],
		damage: (f) => (f['vocab.json'] = '{}')
	},
	{
		name: 'vocab-two-chars',
		file: 'vocab.json',
		names: ['entry 5 must be one character, got "ab"'],
		damage: (f) => (f['vocab.json'] = JSON.stringify(vocab.map((c, i) => (i === 5 ? 'ab' : c))))
	},
	{
		name: 'vocab-number',
		file: 'vocab.json',
		names: ['entry 0 must be one character, got 5'],
		damage: (f) => (f['vocab.json'] = JSON.stringify(vocab.map((c, i) => (i === 0 ? 5 : c))))
	},
	{
		name: 'vocab-duplicate',
		file: 'vocab.json',
		names: ['entry 9 "A" repeats entry 0'],
		damage: (f) => (f['vocab.json'] = JSON.stringify(vocab.map((c, i) => (i === 9 ? 'A' : c))))
	}
];

function build(c: Case): string {
	const good = base[c.dtype ?? 'float16'];
	const w = new Uint8Array(good.weights);
	const f: Files = { 'model.json': good.manifest, 'weights.bin': w, 'vocab.json': good.vocab };
	c.damage(f, JSON.parse(good.manifest), w);
	const d = join(dir, c.name);
	writeModelFiles(d, { manifest: f['model.json'] ?? '', weights: f['weights.bin'] ?? new Uint8Array(0), vocab: f['vocab.json'] ?? '' });
	for (const [file, body] of Object.entries(f)) if (body === null) rmSync(join(d, file));
	return d;
}

describe('damaged model folders', () => {
	it('the corpus is large and every case is distinct', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(45);
		expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
	});

	it.each(CASES.map((c) => [c.name, c] as const))('%s: refused, naming the file and the fault, no tensor allocated', async (_name, c) => {
		const d = build(c);
		const before = tf.memory().numTensors;
		const err = await loadModelFromDir(d).then(
			() => null,
			(e: Error) => e
		);
		expect(err, 'it loaded').not.toBeNull();
		expect(err!.constructor).toBe(Error);
		expect(err!.message).toContain(`${c.name}/${c.file}: `);
		for (const n of c.names) typeof n === 'string' ? expect(err!.message).toContain(n) : expect(err!.message).toMatch(n);
		expect(err!.message).not.toMatch(/TypeError|at \w+ \(|undefined is not|Cannot read prop/);
		expect(err!.message.length).toBeLessThan(400);
		expect(tf.memory().numTensors).toBe(before);
	});

	it('a manifest with a UTF-8 byte-order mark loads', async () => {
		const d = build({ name: 'bom', file: 'model.json', names: [], damage: (f) => (f['model.json'] = `\uFEFF${f['model.json']}`) });
		const loaded = await loadModelFromDir(d);
		expect(loaded.model.config).toEqual(SMALL);
		disposeWeights(loaded.model.weights);
	});

	it('sha256Hex agrees with node:crypto at every padding boundary', () => {
		for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 65537]) {
			const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255);
			expect(sha256Hex(bytes), `${n} bytes`).toBe(createHash('sha256').update(bytes).digest('hex'));
		}
	});

	it('the manifest checksums are SHA-256 of each tensor’s bytes', () => {
		const m = JSON.parse(base.float16.manifest) as ModelManifest;
		const wte = m.tensors[0];
		expect(wte.sha256).toBe(sha256Hex(base.float16.weights.subarray(0, SMALL.vocabSize * SMALL.nEmbd * 2)));
	});
});
