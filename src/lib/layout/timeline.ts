/** Timeline geometry: one row per request lane (lanes are folded in replay/lanes.ts). */
import type { EngineEvent } from '../events/events';
import { EventStore } from '../events/store';
import { lanesOf, NO_LANES, type Lane, type Lanes, type LaneStatus } from '../replay/lanes';

export type { Lane, Lanes, LaneSegment, LaneStatus } from '../replay/lanes';

/** Lanes of an event array (the model page's live stream); pages get them from the run's indexing pass. */
export function buildLanes(events: readonly EngineEvent[]): Lanes {
	return events.length ? lanesOf(EventStore.fromEvents(events)) : NO_LANES;
}

export interface LaneRect {
	x: number;
	y: number;
	w: number;
	h: number;
	status: LaneStatus;
	lane: number;
}

export interface TimelineGeometry {
	rects: LaneRect[];
	/** The lanes laid out, [first, last): made from the packed lanes once, for the rects and the labels. */
	shown: Lane[];
	/** Step → x of the step's left edge. */
	x: (step: number) => number;
	/** x → step (floored, clamped). */
	stepAt: (x: number) => number;
	rowY: (lane: number) => number;
	height: number;
	ticks: number[];
}

export function layoutTimeline(
	lanes: Lanes,
	/** `first`/`last`: rects only for lanes [first, last), the ones in view (100,000 lanes have 200,000 segments). */
	box: { width: number; labelWidth: number; row: number; gap: number; top: number; first?: number; last?: number }
): TimelineGeometry {
	const span = Math.max(1, lanes.endStep);
	const inner = Math.max(10, box.width - box.labelWidth - 4);
	const x = (step: number) => box.labelWidth + (step / span) * inner;
	const stepAt = (px: number) => Math.max(0, Math.min(span - 1, Math.floor(((px - box.labelWidth) / inner) * span)));
	const rowY = (lane: number) => box.top + lane * (box.row + box.gap);
	const rects: LaneRect[] = [];
	const shown: Lane[] = [];
	const last = Math.min(lanes.count, box.last ?? Infinity);
	for (let i = Math.max(0, box.first ?? 0); i < last; i++) {
		const lane = lanes.lane(i);
		shown.push(lane);
		for (const s of lane.segments)
			rects.push({ x: x(s.start), y: rowY(i), w: Math.max(1, x(s.end) - x(s.start)), h: box.row, status: s.status, lane: i });
	}
	const ticks: number[] = [];
	const every = Math.max(1, niceStep(span / 6));
	for (let s = 0; s <= span; s += every) ticks.push(s);
	return { rects, shown, x, stepAt, rowY, height: rowY(lanes.count) + 4, ticks };
}

function niceStep(raw: number): number {
	const p = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
	const m = raw / p;
	return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}
