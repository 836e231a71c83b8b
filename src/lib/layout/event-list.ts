/** The event log's data side: filtering and the visible window of a virtualised list. */
import type { EngineEvent, EventType } from '../events/events';

/** What the log reads: an event array, or the compact store (events made only for visible rows). */
export interface LogSource {
	readonly length: number;
	get(i: number): EngineEvent;
	type(i: number): EventType;
	reqAt(i: number): string | null;
}

export function logSource(events: readonly EngineEvent[] | LogSource): LogSource {
	if (!Array.isArray(events)) return events as LogSource;
	const a = events as readonly EngineEvent[];
	return { length: a.length, get: (i) => a[i], type: (i) => a[i].type, reqAt: (i) => eventReq(a[i]) };
}

export interface EventFilter {
	/** Types to show; empty = all. */
	types: readonly EventType[];
	/** Request id to show ('' = all); events without a request (block_freed…) are hidden when set. */
	req: string;
}

export function eventReq(e: EngineEvent): string | null {
	return 'req' in e ? e.req : null;
}

/** Indices (into `events`, up to `limit`) of the events that pass the filter; no event is made. */
export function filterEvents(events: readonly EngineEvent[] | LogSource, f: EventFilter, limit = events.length): Int32Array {
	const src = logSource(events);
	const n = Math.min(limit, src.length);
	let out = new Int32Array(Math.min(n, 1024));
	let k = 0;
	const types = f.types.length ? new Set(f.types) : null;
	for (let i = 0; i < n; i++) {
		if (types && !types.has(src.type(i))) continue;
		if (f.req && src.reqAt(i) !== f.req) continue;
		if (k === out.length) {
			const grown = new Int32Array(Math.min(n, out.length * 2));
			grown.set(out);
			out = grown;
		}
		out[k++] = i;
	}
	return out.slice(0, k);
}

/** Rows to render for a scroll position (with some overscan either side). */
export function visibleWindow(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 6) {
	const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
	const end = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
	return { start, end, offset: start * rowHeight, total: count * rowHeight };
}

/** One line of text for an event. */
export function describeEvent(e: EngineEvent): string {
	const { step: _s, type, ...rest } = e as EngineEvent & Record<string, unknown>;
	if (type === 'run_start') return `run_start ${e.type === 'run_start' ? e.config.allocator : ''}`;
	if (type === 'arrived' && e.type === 'arrived')
		return `arrived ${e.req} prompt=${e.promptTokens.length} out=${e.outputLen}${e.width > 1 ? ` width=${e.width}` : ''}`;
	if (type === 'step_end' && e.type === 'step_end')
		return `step_end free=${e.freeGpuBlocks} run=${e.running} wait=${e.waiting} swap=${e.swapped} batch=${e.batchSeqs}`;
	const parts = Object.entries(rest).map(([k, v]) => `${k}=${Array.isArray(v) ? JSON.stringify(v) : String(v)}`);
	return `${type} ${parts.join(' ')}`;
}
