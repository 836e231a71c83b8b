/**
 * What just happened to each block: derived from the events between the previous and
 * the current cursor, so the memory map can animate allocation, free, prefix hit,
 * copy-on-write, eviction and swap each in its own way.
 */
import type { EngineEvent } from '../events/events';

export type TransitionKind = 'alloc' | 'free' | 'hit' | 'cow' | 'evict' | 'swap_out' | 'swap_in';

export interface BlockTransition {
	device: 'gpu' | 'cpu';
	block: number;
	kind: TransitionKind;
	/** For a CoW copy: the block copied from; for a swap: the block on the other device. */
	from?: number;
}

/** Random access to a stream: an array, or the compact store (which makes each event on demand). */
export type EventSource = readonly EngineEvent[] | { readonly length: number; get(i: number): EngineEvent };

/** Transitions for a forward move of at most `maxEvents` events; a jump or a step back shows none. */
export function transitionsBetween(events: EventSource, prevCursor: number, cursor: number, maxEvents = 5000): BlockTransition[] {
	if (cursor <= prevCursor || cursor - prevCursor > maxEvents) return [];
	const byKey = new Map<string, BlockTransition>();
	const put = (t: BlockTransition) => byKey.set(`${t.device}:${t.block}`, t);
	const at = Array.isArray(events)
		? (i: number) => (events as readonly EngineEvent[])[i]
		: (i: number) => (events as Exclude<EventSource, readonly EngineEvent[]>).get(i);
	for (let i = prevCursor; i < cursor && i < events.length; i++) {
		const e = at(i);
		switch (e.type) {
			case 'block_allocated':
				put({ device: e.device, block: e.block, kind: 'alloc' });
				break;
			case 'block_freed':
				put({ device: e.device, block: e.block, kind: 'free' });
				break;
			case 'prefix_hit':
				put({ device: 'gpu', block: e.block, kind: 'hit' });
				break;
			case 'cow':
				put({ device: 'gpu', block: e.to, kind: 'cow', from: e.from });
				break;
			case 'block_evicted':
				put({ device: 'gpu', block: e.block, kind: 'evict' });
				break;
			case 'swapped_out':
				for (const [gpu, cpu] of e.blocks) {
					put({ device: 'gpu', block: gpu, kind: 'swap_out', from: cpu });
					put({ device: 'cpu', block: cpu, kind: 'swap_out', from: gpu });
				}
				break;
			case 'swapped_in':
				for (const [cpu, gpu] of e.blocks) {
					put({ device: 'cpu', block: cpu, kind: 'swap_in', from: gpu });
					put({ device: 'gpu', block: gpu, kind: 'swap_in', from: cpu });
				}
				break;
			default:
				break;
		}
	}
	return [...byKey.values()];
}

/** Drawing recipe per kind: an outline colour and how the cell moves over t ∈ [0, 1]. */
export const TRANSITION_STYLE: Record<TransitionKind, { color: string; label: string }> = {
	alloc: { color: '#2ca02c', label: 'allocated' },
	free: { color: '#7f7f7f', label: 'freed' },
	hit: { color: '#17becf', label: 'prefix hit' },
	cow: { color: '#ff7f0e', label: 'copy-on-write' },
	evict: { color: '#d62728', label: 'evicted' },
	swap_out: { color: '#9467bd', label: 'swapped out' },
	swap_in: { color: '#8c564b', label: 'swapped in' }
};

/** Scale of a cell during its transition (alloc grows in, evict shrinks and returns, others pulse). */
export function transitionScale(kind: TransitionKind, t: number): number {
	const u = Math.min(1, Math.max(0, t));
	switch (kind) {
		case 'alloc':
		case 'swap_in':
			return 0.3 + 0.7 * u;
		case 'evict':
			return u < 0.5 ? 1 - u : u;
		case 'free':
		case 'swap_out':
			return 1 - 0.25 * Math.sin(Math.PI * u);
		case 'hit':
		case 'cow':
			return 1 + 0.15 * Math.sin(Math.PI * u);
	}
}
