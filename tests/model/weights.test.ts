/** Model files: a round trip, and clear errors for missing, truncated and wrongly shaped files. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHalf, encodeHalf, fromHalf, toHalf } from '../../src/lib/model/float16';
import { disposeWeights, namedWeights } from '../../src/lib/model/params';
import { serializeModel } from '../../src/lib/model/weights';
import { loadModelFromDir, writeModelFiles } from '../../scripts/model-node';
import { SMALL, setupBackend, smallModel, tf } from './helpers';

let dir: string;
const vocab = Array.from({ length: SMALL.vocabSize }, (_, i) => String.fromCharCode(65 + i));

beforeAll(async () => {
	await setupBackend();
	dir = mkdtempSync(join(tmpdir(), 'model-files-'));
	const model = smallModel();
	writeModelFiles(join(dir, 'good'), serializeModel('small', model, vocab, 'float32'));
	disposeWeights(model.weights);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the good model with one file changed. */
function variant(name: string, change: (d: string) => void): string {
	const d = join(dir, name);
	writeModelFiles(d, {
		manifest: readFileSync(join(dir, 'good', 'model.json'), 'utf8'),
		weights: readFileSync(join(dir, 'good', 'weights.bin')),
		vocab: readFileSync(join(dir, 'good', 'vocab.json'), 'utf8')
	});
	change(d);
	return d;
}

describe('float16', () => {
	it('round-trips representable values exactly and rounds others to nearest', () => {
		for (const v of [0, 1, -2, 0.5, 65504, 2 ** -24, -0.0009765625]) expect(fromHalf(toHalf(v))).toBe(v);
		expect(fromHalf(toHalf(1 + 2 ** -12))).toBe(1); // tie → even
		expect(fromHalf(toHalf(1e6))).toBe(Infinity);
		const x = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
		const y = decodeHalf(encodeHalf(x));
		for (let i = 0; i < x.length; i++) expect(Math.abs(x[i] - y[i])).toBeLessThanOrEqual(Math.abs(x[i]) * 2 ** -11 + 1e-7);
	});
});

describe('loading model files', () => {
	it('loads what it saved, tensor for tensor', async () => {
		const model = smallModel();
		const loaded = await loadModelFromDir(join(dir, 'good'));
		const a = namedWeights(model.weights);
		const b = new Map(namedWeights(loaded.model.weights));
		for (const [name, t] of a) expect(tf.max(tf.abs(tf.sub(t, b.get(name)!))).dataSync()[0], name).toBe(0);
		expect(loaded.tokenizer.decode(loaded.tokenizer.encode('ABC'))).toBe('ABC');
		disposeWeights(model.weights);
		disposeWeights(loaded.model.weights);
	});

	it('names a missing file', async () => {
		const d = variant('missing', (d) => rmSync(join(d, 'weights.bin')));
		await expect(loadModelFromDir(d)).rejects.toThrow(/missing\/weights\.bin: cannot read/);
	});

	it('names a truncated weights file and where it ends', async () => {
		const d = variant('truncated', (d) => {
			const buf = readFileSync(join(d, 'weights.bin'));
			writeFileSync(join(d, 'weights.bin'), buf.subarray(0, buf.length - 100));
		});
		await expect(loadModelFromDir(d)).rejects.toThrow(/truncated\/weights\.bin: truncated: \d+ bytes, but tensor lnf\.b ends at byte \d+/);
	});

	it('names a tensor of the wrong shape', async () => {
		const d = variant('shape', (d) => {
			const m = JSON.parse(readFileSync(join(d, 'model.json'), 'utf8'));
			m.tensors.find((t: { name: string }) => t.name === 'h.1.mlp.w1').shape = [32, 64];
			writeFileSync(join(d, 'model.json'), JSON.stringify(m));
		});
		await expect(loadModelFromDir(d)).rejects.toThrow('tensor h.1.mlp.w1 has shape [32,64] but the config needs [32,128]');
	});

	it('names a vocabulary that does not fit the config', async () => {
		const d = variant('vocab', (d) => writeFileSync(join(d, 'vocab.json'), JSON.stringify(['a', 'b'])));
		await expect(loadModelFromDir(d)).rejects.toThrow(/vocab\/vocab\.json: expected an array of 40 characters, got 2/);
	});

	it('names a manifest that is not JSON', async () => {
		const d = variant('json', (d) => writeFileSync(join(d, 'model.json'), '{ nope'));
		await expect(loadModelFromDir(d)).rejects.toThrow(/json\/model\.json: not valid JSON/);
	});

	it('allocates no tensor when a file is bad', async () => {
		const before = tf.memory().numTensors;
		const d = variant('leak', (d) => copyFileSync(join(dir, 'good', 'vocab.json'), join(d, 'weights.bin')));
		await expect(loadModelFromDir(d)).rejects.toThrow(/truncated/);
		expect(tf.memory().numTensors).toBe(before);
	});
});
