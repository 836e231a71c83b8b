/**
 * The page's side of the trace worker: read a trace file in a worker of its own (one per
 * file, terminated when done or cancelled), or in place where there are no workers (Node).
 */
import { readTrace, type ParsedTrace } from './formats/detect';
import type { TraceFormatId } from './formats/format';
import { packRequests, type PackedRequests } from './packed';

export interface TraceRequest {
	text: string;
	name: string;
}

export type TraceReply =
	{ type: 'done'; format: TraceFormatId; skipped: number; packed: PackedRequests } | { type: 'error'; message: string };

/** A parsed trace with its requests packed (unpack them where they are needed: packed.ts). */
export type PackedTrace = Omit<ParsedTrace, 'requests'> & { packed: PackedRequests };

export function readTraceOffThread(text: string, name: string, signal?: AbortSignal): Promise<PackedTrace> {
	if (typeof Worker === 'undefined' || typeof window === 'undefined') {
		const { format, requests, skipped } = readTrace(text, name);
		return Promise.resolve({ format, skipped, packed: packRequests(requests) });
	}
	const worker = new Worker(new URL('./trace.worker.ts', import.meta.url), { type: 'module' });
	return new Promise<PackedTrace>((resolve, reject) => {
		const done = () => (worker.terminate(), signal?.removeEventListener('abort', abort));
		const abort = () => (done(), reject(new DOMException('trace reading cancelled', 'AbortError')));
		signal?.addEventListener('abort', abort);
		worker.onmessage = (e: MessageEvent<TraceReply>) => {
			done();
			const m = e.data;
			if (m.type === 'error') reject(new Error(m.message));
			else resolve({ format: m.format, skipped: m.skipped, packed: m.packed });
		};
		worker.onerror = (e) => (done(), reject(new Error(e.message || 'the trace reader failed')));
		worker.postMessage({ text, name } satisfies TraceRequest);
	});
}
