/**
 * tfjs-backend-wasm's binaries as files of our own build: Vite copies them into the site's
 * assets and gives back their URLs, so the wasm backend never fetches anything from
 * another origin (and works offline). Imported only by the model worker.
 */
import wasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const WASM_PATHS: Record<string, string> = {
	'tfjs-backend-wasm.wasm': wasm,
	'tfjs-backend-wasm-simd.wasm': wasmSimd,
	'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd
};
