/**
 * Geometry of the stacked memory bar, pure (the component only draws what this returns):
 * one rectangle per memory term, left to right on a scale of the GPU's memory, each
 * labelled inside when its label fits and otherwise below, on the first lane where it
 * does not collide with another label.
 *
 *   |weights ........|act|ovh|KV ..............|unused|
 *                      ╵   ╵
 *                     act  overhead            (lanes below the bar)
 */
import type { MemoryTerms } from './memory-budget';

export type SegmentKey = 'weights' | 'activation' | 'overhead' | 'kv' | 'unused';
export const SEGMENT_KEYS: readonly SegmentKey[] = ['weights', 'activation', 'overhead', 'kv', 'unused'];

export interface BarLabel {
	text: string;
	x: number;
	/** 0 = inside the bar; 1, 2, … = lanes below it. */
	lane: number;
	anchor: 'start' | 'middle' | 'end';
}

export interface BarSegment {
	key: SegmentKey;
	bytes: number;
	x: number;
	width: number;
	label: BarLabel;
}

export interface BarLayout {
	segments: BarSegment[];
	/** x of the GPU's total memory and of the utilization budget. */
	totalX: number;
	budgetX: number;
	/** Lanes of labels below the bar. */
	lanes: number;
	width: number;
}

const GiB = 2 ** 30;
const MiB = 2 ** 20;

/** "14.96 GiB", "512 MiB", "-3.20 GiB". */
export function formatBytes(b: number): string {
	return Math.abs(b) >= GiB ? `${(b / GiB).toFixed(2)} GiB` : `${(b / MiB).toFixed(0)} MiB`;
}

/** Bytes of each segment: the terms, then what vLLM leaves unused (total − budget). */
export function segmentBytes(m: MemoryTerms): Record<SegmentKey, number> {
	return { weights: m.weights, activation: m.activation, overhead: m.overhead, kv: Math.max(0, m.kv), unused: Math.max(0, m.total - m.budget) };
}

/**
 * Lay out `names[key] bytes` labels over a bar `width` px wide. `charPx` is the width of one
 * character of the label font; labels narrower than their segment go inside.
 */
export function layoutMemoryBar(m: MemoryTerms, names: Record<SegmentKey, string>, width: number, charPx = 8): BarLayout {
	const bytes = segmentBytes(m);
	const used = m.weights + m.activation + m.overhead + Math.max(0, m.kv);
	const scale = width / Math.max(m.total, used, 1);
	const lanesEnd: number[] = []; // rightmost x used on each lane below
	let x = 0;
	const segments: BarSegment[] = [];
	for (const key of SEGMENT_KEYS) {
		const w = bytes[key] * scale;
		if (w <= 0) continue;
		const text = `${names[key]} ${formatBytes(bytes[key])}`;
		const textW = text.length * charPx;
		let label: BarLabel;
		if (textW + 8 <= w) label = { text, x: x + w / 2, lane: 0, anchor: 'middle' };
		else {
			// Below the bar: start at the segment's centre, flipped to end there near the right edge.
			const cx = x + w / 2;
			const anchor = cx + textW > width ? 'end' : 'start';
			const [from, to] = anchor === 'start' ? [cx, cx + textW] : [cx - textW, cx];
			let lane = lanesEnd.findIndex((end) => end + charPx <= from);
			if (lane < 0) lane = lanesEnd.push(0) - 1;
			lanesEnd[lane] = to;
			label = { text, x: cx, lane: lane + 1, anchor };
		}
		segments.push({ key, bytes: bytes[key], x, width: w, label });
		x += w;
	}
	return { segments, totalX: m.total * scale, budgetX: Math.min(m.budget, Math.max(m.total, used)) * scale, lanes: lanesEnd.length, width };
}
