/**
 * A run's events as JSONL, built in slices so the page keeps drawing: 8 million events are
 * several seconds of JSON.stringify, too long for one task on the main thread. Each slice
 * runs for about `sliceMs`, then yields to the page; `signal` stops it between slices.
 */
import type { EventStore } from '../events/store';
import { jsonlPart } from '../events/store-jsonl';

export interface SliceOptions {
	/** Called after each slice with the share done (0..1). */
	onProgress?: (done: number) => void;
	signal?: AbortSignal;
	/** Lines a part (the Blob is made of parts, never one huge string). */
	lines?: number;
	sliceMs?: number;
}

/** Let the page run a frame (a macrotask, so input and rendering get their turn). */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function jsonlInSlices(store: EventStore, o: SliceOptions = {}): Promise<string[]> {
	const lines = o.lines ?? 2000;
	const sliceMs = o.sliceMs ?? 25;
	const parts: string[] = [];
	let since = performance.now();
	for (let i = 0; i < store.length; i += lines) {
		if (o.signal?.aborted) throw new DOMException('export cancelled', 'AbortError');
		parts.push(jsonlPart(store, i, Math.min(store.length, i + lines)));
		if (performance.now() - since > sliceMs) {
			o.onProgress?.(Math.min(1, (i + lines) / store.length));
			await yieldToPage();
			since = performance.now();
		}
	}
	if (o.signal?.aborted) throw new DOMException('export cancelled', 'AbortError');
	o.onProgress?.(1);
	return parts;
}
