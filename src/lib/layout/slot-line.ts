/**
 * Contiguous allocators: GPU memory is one line of token slots. Split it into runs of the
 * five memory categories (DESIGN.md §3), then wrap the line into rows for drawing.
 */
import type { ReplayState } from '../replay/state';
import type { MemoryBreakdown } from '../engine/memory/categories';
import { spanLength } from '../engine/memory/contiguous-allocator';
import { finalLength } from '../engine/sequence';

export type Category = keyof MemoryBreakdown;

export interface SlotRun {
	start: number;
	length: number;
	category: Category;
	/** Request owning the span, or null for free space. */
	req: string | null;
}

/** The slot line at a replayed moment, as runs in slot order. */
export function slotRuns(state: ReplayState): SlotRun[] {
	const total = state.config.numGpuBlocks * state.config.blockSize;
	const spans = [...state.spans].sort((a, b) => a.start - b.start);
	const head = state.waiting.length ? state.requests.get(state.waiting[0]) : undefined;
	const c = state.config;
	// The engine's own rule (maxModelLen cap included): a gap smaller than the head's span is external fragmentation.
	const need =
		head && c.allocator !== 'paged'
			? spanLength(c.allocator, finalLength(head.promptLen, head.outputLen, c.maxModelLen), c.maxModelLen)
			: Infinity;
	const runs: SlotRun[] = [];
	const gap = (start: number, end: number) => {
		if (end > start)
			runs.push({ start, length: end - start, category: end - start < need && head ? 'externalFragmentation' : 'free', req: null });
	};
	let at = 0;
	for (const s of spans) {
		gap(at, s.start);
		const r = state.requests.get(s.req);
		const seq = r?.seqs.find((q) => q.seq === s.seq) ?? r?.seqs[0];
		const finalLen = r ? Math.min(s.length, finalLength(r.promptLen, r.outputLen, c.maxModelLen)) : s.length;
		const used = Math.min(finalLen, seq?.numComputed ?? 0);
		const parts: [Category, number][] = [
			['tokenStates', used],
			['reserved', finalLen - used],
			['internalFragmentation', s.length - finalLen]
		];
		let p = s.start;
		for (const [category, length] of parts) {
			if (length > 0) runs.push({ start: p, length, category, req: s.req });
			p += Math.max(0, length);
		}
		at = Math.max(at, s.start + s.length);
	}
	gap(at, total);
	return runs;
}

export interface RunRect {
	x: number;
	y: number;
	w: number;
	h: number;
	run: SlotRun;
}

export interface WrappedLine {
	rects: RunRect[];
	slotsPerRow: number;
	rows: number;
	height: number;
}

/** Wrap the slot line into rows of `width` px (at least ~2 px a slot while rows stay few). */
export function wrapSlotLine(runs: readonly SlotRun[], totalSlots: number, width: number, rowHeight = 14, gap = 3): WrappedLine {
	const rows = Math.max(1, Math.min(32, Math.ceil((totalSlots * 2) / Math.max(1, width))));
	const slotsPerRow = Math.ceil(totalSlots / rows);
	const px = width / slotsPerRow;
	const rects: RunRect[] = [];
	for (const run of runs) {
		let s = run.start;
		const end = run.start + run.length;
		while (s < end) {
			const row = Math.floor(s / slotsPerRow);
			const rowEnd = Math.min(end, (row + 1) * slotsPerRow);
			rects.push({ x: (s - row * slotsPerRow) * px, y: row * (rowHeight + gap), w: (rowEnd - s) * px, h: rowHeight, run });
			s = rowEnd;
		}
	}
	return { rects, slotsPerRow, rows, height: rows * (rowHeight + gap) - gap };
}
