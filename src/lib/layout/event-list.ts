/** The event log's data side: filtering and the visible window of a virtualised list. */
import type { EngineEvent, EventType } from '../events/events';

export interface EventFilter {
	/** Types to show; empty = all. */
	types: readonly EventType[];
	/** Request id to show ('' = all); events without a request (block_freed…) are hidden when set. */
	req: string;
}

export function eventReq(e: EngineEvent): string | null {
	return 'req' in e ? e.req : null;
}

/** Indices (into `events`, up to `limit`) of the events that pass the filter. */
export function filterEvents(events: readonly EngineEvent[], f: EventFilter, limit = events.length): number[] {
	const out: number[] = [];
	const types = f.types.length ? new Set(f.types) : null;
	for (let i = 0; i < Math.min(limit, events.length); i++) {
		const e = events[i];
		if (types && !types.has(e.type)) continue;
		if (f.req && eventReq(e) !== f.req) continue;
		out.push(i);
	}
	return out;
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
