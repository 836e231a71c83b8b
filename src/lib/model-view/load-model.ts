/**
 * Downloading a model in the browser (the model worker calls this): byte-level progress, a
 * stall timeout (no byte for `stallMs` aborts the attempt), a few retries with back-off,
 * and cancellation through an AbortSignal. Every failure names the file. The bytes are then
 * checked by `parseModel` (weights.ts) before a tensor is made.
 */
import type { LoadedModel } from '$lib/model/weights';
import { MODEL_FILES, parseModel } from '$lib/model/weights';

export interface DownloadOptions {
	/** 0..1 over weights.bin. */
	onProgress?: (fraction: number) => void;
	/** Abort everything (the Cancel button). */
	signal?: AbortSignal;
	/** An attempt that receives nothing for this long is abandoned. */
	stallMs?: number;
	/** Further attempts after the first fails. */
	retries?: number;
	fetchFn?: typeof fetch;
	/** Size to report progress against when the server sends no Content-Length. */
	expectedBytes?: number;
}

export class DownloadCancelled extends Error {
	constructor() {
		super('download cancelled');
		this.name = 'DownloadCancelled';
	}
}

const wait = (ms: number, signal?: AbortSignal) =>
	new Promise<void>((ok, fail) => {
		const t = setTimeout(ok, ms);
		signal?.addEventListener('abort', () => (clearTimeout(t), fail(new DownloadCancelled())), { once: true });
	});

/** One attempt: the whole body, with a timer that fires when no byte arrives for `stallMs`. */
async function fetchOnce(
	url: string,
	label: string,
	o: Required<Pick<DownloadOptions, 'stallMs' | 'fetchFn'>> & DownloadOptions
): Promise<ArrayBuffer> {
	const ctl = new AbortController();
	const cancel = () => ctl.abort();
	o.signal?.addEventListener('abort', cancel, { once: true });
	let stalled = false;
	let timer = setTimeout(() => ((stalled = true), ctl.abort()), o.stallMs);
	const alive = () => {
		clearTimeout(timer);
		timer = setTimeout(() => ((stalled = true), ctl.abort()), o.stallMs);
	};
	try {
		const res = await o.fetchFn(url, { signal: ctl.signal });
		if (!res.ok) throw Object.assign(new Error(`${label}: HTTP ${res.status}`), { permanent: res.status === 404 });
		const total = Number(res.headers.get('content-length')) || o.expectedBytes || 0;
		if (!res.body) return await res.arrayBuffer();
		const reader = res.body.getReader();
		const parts: Uint8Array[] = [];
		let got = 0;
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			alive();
			parts.push(value);
			got += value.byteLength;
			if (total) o.onProgress?.(Math.min(1, got / total));
		}
		const out = new Uint8Array(got);
		let at = 0;
		for (const p of parts) out.set(p, (at += p.byteLength) - p.byteLength);
		return out.buffer;
	} catch (e) {
		if (o.signal?.aborted) throw new DownloadCancelled();
		if (stalled) throw new Error(`${label}: no data for ${Math.round(o.stallMs / 1000)} s`);
		throw e;
	} finally {
		clearTimeout(timer);
		o.signal?.removeEventListener('abort', cancel);
	}
}

/** A file, tried `1 + retries` times (not after a 404 or a cancel). */
export async function download(url: string, label: string, opts: DownloadOptions = {}): Promise<ArrayBuffer> {
	const o = { stallMs: 15_000, retries: 2, fetchFn: ((input, init) => fetch(input, init)) as typeof fetch, ...opts }; // unbound `fetch` is an Illegal invocation in a worker
	let last: Error = new Error(`${label}: not tried`);
	for (let attempt = 0; attempt <= o.retries; attempt++) {
		if (attempt > 0) await wait(500 * 2 ** (attempt - 1), o.signal);
		try {
			return await fetchOnce(url, label, o);
		} catch (e) {
			if (e instanceof DownloadCancelled) throw e;
			last = e as Error;
			if ((e as { permanent?: boolean }).permanent) break;
		}
	}
	throw new Error(`${last.message}${o.retries > 0 ? ` (tried ${o.retries + 1} times)` : ''}`);
}

/** The model in `baseUrl` (model.json, vocab.json, weights.bin), downloaded and checked. */
export async function downloadModel(baseUrl: string, label: string, opts: DownloadOptions = {}): Promise<LoadedModel> {
	const file = (name: string, o: DownloadOptions = { ...opts, onProgress: undefined }) =>
		download(`${baseUrl}/${name}`, `${label}/${name}`, o);
	const [manifest, vocab] = await Promise.all([file(MODEL_FILES.manifest), file(MODEL_FILES.vocab)]);
	const weights = await file(MODEL_FILES.weights, { ...opts, expectedBytes: expectedWeightBytes(manifest) });
	return parseModel(manifest, weights, vocab, label);
}

/** weights.bin's length as the manifest implies it (0 if the manifest can't say; parseModel then names the fault). */
function expectedWeightBytes(manifestBuf: ArrayBuffer): number {
	try {
		const m = JSON.parse(new TextDecoder().decode(manifestBuf).replace(/^\uFEFF/, ''));
		const bytesPer = m.dtype === 'float16' ? 2 : 4;
		const ends = m.tensors.map((t: { shape: number[]; offset: number }) => t.offset + t.shape.reduce((a, b) => a * b, 1) * bytesPer);
		const max = Math.max(0, ...ends);
		return Number.isFinite(max) ? max : 0;
	} catch {
		return 0;
	}
}
