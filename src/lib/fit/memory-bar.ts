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
	/** Text position: its middle inside the bar; below it, where the text starts (or ends). */
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
	return {
		weights: m.weights,
		activation: m.activation,
		overhead: m.overhead,
		kv: Math.max(0, m.kv),
		unused: Math.max(0, m.total - m.budget)
	};
}

/** Rough width in px of `s` at `fontPx`: CJK characters are square, the rest about 0.6 em. */
export function estimateTextWidth(s: string, fontPx = 14): number {
	let w = 0;
	for (const ch of s) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? fontPx : 0.6 * fontPx;
	return w;
}

/**
 * Lay out `names[key] bytes` labels over a bar `width` px wide; labels narrower than their
 * segment go inside, the rest below.
 */
export function layoutMemoryBar(
	m: MemoryTerms,
	names: Record<SegmentKey, string>,
	width: number,
	textWidth: (s: string) => number = estimateTextWidth
): BarLayout {
	const bytes = segmentBytes(m);
	const used = m.weights + m.activation + m.overhead + Math.max(0, m.kv);
	const scale = width / Math.max(m.total, used, 1);
	const segments: BarSegment[] = [];
	let x = 0;
	for (const key of SEGMENT_KEYS) {
		const w = bytes[key] * scale;
		if (w <= 0) continue;
		const text = `${names[key]} ${formatBytes(bytes[key])}`;
		const label: BarLabel = { text, x: x + w / 2, lane: 0, anchor: 'middle' };
		segments.push({ key, bytes: bytes[key], x, width: w, label });
		x += w;
	}
	const lanes = placeBelow(
		segments.filter((s) => textWidth(s.label.text) + GAP > s.width),
		textWidth,
		width
	);
	return { segments, totalX: m.total * scale, budgetX: Math.min(m.budget, Math.max(m.total, used)) * scale, lanes, width };
}

const GAP = 8; // px between a label and its neighbour or a leader line

interface Placed {
	lane: number;
	from: number;
	to: number;
	/** The leader's x, from the bar down to the label's lane. */
	cx: number;
}

/**
 * Put the labels that do not fit inside their segment on lanes below the bar. A label's text
 * starts just right of its leader line, or ends just left of it when it would run past the
 * right edge; each goes on the shallowest lane where its text overlaps no other text, its
 * leader crosses no text above it, and its text covers no leader going deeper. Right-hand
 * labels go first (leaders to their left then pass beside them). Returns the lane count.
 */
function placeBelow(segments: BarSegment[], textWidth: (s: string) => number, width: number): number {
	const items = segments.map((s) => ({ s, cx: s.x + s.width / 2, w: textWidth(s.label.text), flip: false, from: 0, to: 0 }));
	// Flip a label that would run past the edge, or over the leader of a flipped label to its right.
	for (let i = items.length - 1; i >= 0; i--) {
		const it = items[i];
		const end = it.cx + 3 + it.w;
		it.flip = end > width || items.slice(i + 1).some((r) => r.flip && r.cx < end + GAP / 2);
		it.from = it.flip ? Math.max(0, it.cx - 3 - it.w) : it.cx + 3;
		it.to = it.from + it.w;
	}
	const order = [...items.filter((i) => !i.flip).reverse(), ...items.filter((i) => i.flip)];
	const placed: Placed[] = [];
	const clear = (x: number, p: { from: number; to: number }) => x < p.from - GAP / 2 || x > p.to + GAP / 2;
	for (const it of order) {
		const fits = (lane: number) =>
			placed.every((p) =>
				p.lane === lane ? it.to + GAP <= p.from || it.from >= p.to + GAP : p.lane < lane ? clear(it.cx, p) : clear(p.cx, it)
			);
		let lane = 1;
		while (lane <= placed.length && !fits(lane)) lane++;
		placed.push({ lane, from: it.from, to: it.to, cx: it.cx });
		it.s.label = { ...it.s.label, lane, x: it.flip ? it.to : it.from, anchor: it.flip ? 'end' : 'start' };
	}
	return placed.reduce((n, p) => Math.max(n, p.lane), 0);
}
