/**
 * Bringing the model up in the browser: the tfjs backend (WebGL, or the CPU backend when
 * WebGL is missing) and the model files, fetched with byte-level progress.
 */
import type { LoadedModel } from '$lib/model/weights';

export interface BackendInfo {
	name: string;
	/** WebGL was wanted but could not start. */
	fellBack: boolean;
}

/** `prefer` 'cpu' skips WebGL (a way to try the fallback: `?backend=cpu`). */
export async function initBackend(prefer: 'webgl' | 'cpu' = 'webgl'): Promise<BackendInfo> {
	const { useBackend } = await import('$lib/model/backend');
	const ok = prefer === 'webgl' && (await useBackend('webgl'));
	if (!ok) await useBackend('cpu');
	return { name: ok ? 'webgl' : 'cpu', fellBack: prefer === 'webgl' && !ok };
}

/** fetch a file, reporting bytes received against `expected` (or the Content-Length). */
async function fetchBytes(url: string, expected: number, onBytes: (got: number, total: number) => void): Promise<ArrayBuffer> {
	const res = await fetch(url);
	if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
	const total = Number(res.headers.get('content-length')) || expected;
	if (!res.body) {
		const buf = await res.arrayBuffer();
		onBytes(buf.byteLength, total);
		return buf;
	}
	const reader = res.body.getReader();
	const parts: Uint8Array[] = [];
	let got = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		parts.push(value);
		got += value.byteLength;
		onBytes(got, total);
	}
	const out = new Uint8Array(got);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.byteLength;
	}
	return out.buffer;
}

/** The model in `baseUrl` (model.json, vocab.json, weights.bin); `onProgress` gets 0..1 over the weights. */
export async function loadModelWithProgress(baseUrl: string, label: string, onProgress: (fraction: number) => void): Promise<LoadedModel> {
	const { MODEL_FILES, parseModel } = await import('$lib/model/weights');
	const small = (name: string) =>
		fetch(`${baseUrl}/${name}`).then((r) => {
			if (!r.ok) throw new Error(`${label}/${name}: HTTP ${r.status}`);
			return r.arrayBuffer();
		});
	const [manifestBuf, vocabBuf] = await Promise.all([small(MODEL_FILES.manifest), small(MODEL_FILES.vocab)]);
	// The manifest says how long weights.bin is, should the server send no Content-Length.
	const manifest = JSON.parse(new TextDecoder().decode(manifestBuf)) as { dtype: string; tensors: { shape: number[]; offset: number }[] };
	const bytesPer = manifest.dtype === 'float16' ? 2 : 4;
	const expected = Math.max(1, ...manifest.tensors.map((t) => t.offset + t.shape.reduce((a, b) => a * b, 1) * bytesPer));
	const weightsBuf = await fetchBytes(`${baseUrl}/${MODEL_FILES.weights}`, expected, (got, total) => onProgress(Math.min(1, got / total)));
	return parseModel(manifestBuf, weightsBuf, vocabBuf, label);
}
