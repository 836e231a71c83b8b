/** Node-only helpers for the model scripts and tests: the wasm backend, and model files on disk. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '../src/lib/model/backend';
import type { LoadedModel } from '../src/lib/model/weights';
import { loadModel, MODEL_FILES } from '../src/lib/model/weights';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MODELS_DIR = join(ROOT, 'static', 'models');

/** wasm (≈3× the cpu backend in Node); falls back to cpu and says so. */
export async function initBackend(preferred: 'wasm' | 'cpu' = 'wasm'): Promise<string> {
	if (await useBackend(preferred, join(ROOT, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist') + '/')) return preferred;
	console.warn(`${preferred} backend unavailable; falling back to cpu`);
	await useBackend('cpu');
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
