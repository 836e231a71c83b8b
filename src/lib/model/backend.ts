/**
 * The tfjs backend, set up in one place for Node, the browser's main thread and the model
 * worker: which flags each backend needs, and choosing the fastest by measuring rather than
 * assuming (a machine whose WebGL is software — SwiftShader — runs wasm 10–20× faster; a
 * real GPU turns that around).
 */
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'wasm' | 'webgl' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

/**
 * Where tfjs-backend-wasm finds its .wasm files: a directory ending in '/', or one URL per
 * file name (the browser passes the URLs Vite emitted, so they are served from our own site).
 */
export type WasmPaths = string | Record<string, string>;

/** Switch to `name`, with the flags it needs; false when it cannot start here. */
export async function useBackend(name: BackendName, wasmPaths?: WasmPaths): Promise<boolean> {
	if (tf.getBackend() === name) return true;
	try {
		if (name === 'webgl') {
			// Shapes as uniforms: one shader per op, not one per sequence length (lengths change every step here).
			tf.env().set('WEBGL_USE_SHAPES_UNIFORMS', true);
		}
		if (name === 'wasm') {
			const wasm = await import('@tensorflow/tfjs-backend-wasm');
			if (wasmPaths !== undefined) wasm.setWasmPaths(wasmPaths as string);
		}
		if (!(await tf.setBackend(name))) return false;
		await tf.ready();
		return tf.getBackend() === name;
	} catch {
		return false;
	}
}

export interface BackendTiming {
	name: BackendName;
	/** Median milliseconds per measured step; Infinity when the backend could not start. */
	msPerStep: number;
}

/**
 * Try each candidate, run `measure()` (a few model steps; it returns the milliseconds it
 * timed) `warmup` times untimed first (WebGL compiles its shaders then) and `runs` times
 * timed, and switch to the fastest. Returns every timing, fastest first. `measure` must
 * build and free its own tensors on the backend it runs on.
 */
export async function chooseFastest(
	candidates: readonly BackendName[],
	measure: () => number,
	{ wasmPaths, warmup = 1, runs = 2 }: { wasmPaths?: WasmPaths; warmup?: number; runs?: number } = {}
): Promise<BackendTiming[]> {
	const timings: BackendTiming[] = [];
	for (const name of candidates) {
		if (!(await useBackend(name, wasmPaths))) {
			timings.push({ name, msPerStep: Infinity });
			continue;
		}
		for (let i = 0; i < warmup; i++) measure();
		const ms = Array.from({ length: runs }, () => measure());
		timings.push({ name, msPerStep: ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)] });
	}
	timings.sort((a, b) => a.msPerStep - b.msPerStep);
	const best = timings.find((t) => Number.isFinite(t.msPerStep));
	if (!best) throw new Error(`no tfjs backend could start (tried ${candidates.join(', ')})`);
	await useBackend(best.name, wasmPaths);
	return timings;
}
