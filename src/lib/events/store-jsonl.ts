/**
 * A store's events as JSONL, the events export: one `JSON.stringify(event)` per line,
 * byte-identical to the kept stream (EventLog). Apart from store.ts because it only reads
 * events through `get(i)`; the page's export builds these parts in slices (io/jsonl-slices.ts).
 */
import type { EventStore } from './store';

/** The whole stream as JSONL. */
export function toJsonl(store: EventStore): string {
	return jsonlPart(store, 0, store.length);
}

/** Events [from, to) as JSONL lines, each ending in a newline. */
export function jsonlPart(store: EventStore, from: number, to: number): string {
	const rows: string[] = [];
	for (let j = from; j < to; j++) rows.push(JSON.stringify(store.get(j)));
	return rows.join('\n') + '\n';
}
