/** Node-only helpers for the model scripts and tests: the wasm backend, and model files on disk. */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedModel } from '../src/lib/model/weights';
import { loadModel, MODEL_FILES } from '../src/lib/model/weights';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MODELS_DIR = join(ROOT, 'static', 'models');

/** wasm (≈3× the cpu backend in Node); falls back to cpu and says so. */
export async function initBackend(preferred: 'wasm' | 'cpu' = 'wasm'): Promise<string> {
	if (tf.getBackend() === preferred) return preferred;
	if (preferred === 'wasm') {
		setWasmPaths(join(ROOT, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist') + '/');
		try {
			if (await tf.setBackend('wasm')) {
				await tf.ready();
				return 'wasm';
			}
		} catch (e) {
			console.warn(`wasm backend unavailable (${(e as Error).message}); falling back to cpu`);
		}
	}
	await tf.setBackend('cpu');
	await tf.ready();
	return 'cpu';
}

/** Load `static/models/<name>/` (or any directory) through the browser-safe loader. */
export function loadModelFromDir(dir: string): Promise<LoadedModel> {
	const read = async (file: string) => {
		const buf = readFileSync(join(dir, file));
		return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
	};
	return loadModel(read, dir);
}

export function loadShippedModel(name: string): Promise<LoadedModel> {
	return loadModelFromDir(join(MODELS_DIR, name));
}

export function writeModelFiles(dir: string, files: { manifest: string; weights: Uint8Array; vocab: string }): void {
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, MODEL_FILES.manifest), files.manifest);
	writeFileSync(join(dir, MODEL_FILES.weights), files.weights);
	writeFileSync(join(dir, MODEL_FILES.vocab), files.vocab);
}

/** `--key value` / `--flag` argument parsing for the scripts. */
export function parseArgs(argv: string[]): Map<string, string> {
	const out = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (!a.startsWith('--')) continue;
		const next = argv[i + 1];
		if (next === undefined || next.startsWith('--')) out.set(a.slice(2), 'true');
		else out.set(a.slice(2), argv[++i]);
	}
	return out;
}
