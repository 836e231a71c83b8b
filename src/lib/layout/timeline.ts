/** One lane per request: what it was doing at every step, folded from the event stream. */
import type { EngineEvent } from '../events/events';

export type LaneStatus = 'waiting' | 'prefill' | 'decode' | 'preempted' | 'swapped' | 'rejected';

export interface LaneSegment {
	status: LaneStatus;
	/** First step of the segment. */
	start: number;
	/** One past its last step. */
	end: number;
}

export interface Lane {
	req: string;
	index: number;
	arrivalStep: number;
	finishStep: number | null;
	segments: LaneSegment[];
}

export interface Lanes {
	lanes: Lane[];
	/** One past the last step. */
	endStep: number;
	/** Steps that preempted something. */
	preemptionSteps: number[];
}

interface Track {
	lane: Lane;
	phase: 'prefill' | 'decode' | null;
	swapped: boolean;
	preempted: boolean;
	done: boolean;
}

function push(lane: Lane, status: LaneStatus, step: number): void {
	const last = lane.segments[lane.segments.length - 1];
	if (last && last.status === status && last.end === step) last.end = step + 1;
	else lane.segments.push({ status, start: step, end: step + 1 });
}

export function buildLanes(events: readonly EngineEvent[]): Lanes {
	const tracks = new Map<string, Track>();
	const order: Track[] = [];
	const preemptionSteps: number[] = [];
	let endStep = 0;
	for (const e of events) {
		switch (e.type) {
			case 'arrived': {
				const tr: Track = {
					lane: { req: e.req, index: order.length, arrivalStep: e.step, finishStep: null, segments: [] },
					phase: null,
					swapped: false,
					preempted: false,
					done: false
				};
				tracks.set(e.req, tr);
				order.push(tr);
				break;
			}
			case 'scheduled': {
				const tr = tracks.get(e.req);
				if (tr) {
					tr.phase = e.phase;
					tr.preempted = false;
				}
				break;
			}
			case 'preempted': {
				const tr = tracks.get(e.req);
				if (tr) {
					tr.preempted = true;
					tr.phase = null;
				}
				if (preemptionSteps[preemptionSteps.length - 1] !== e.step) preemptionSteps.push(e.step);
				break;
			}
			case 'swapped_out':
			case 'swapped_in': {
				const tr = tracks.get(e.req);
				if (tr) tr.swapped = e.type === 'swapped_out';
				break;
			}
			case 'rejected': {
				const tr = tracks.get(e.req);
				if (tr) {
					push(tr.lane, 'rejected', e.step);
					tr.done = true;
					tr.lane.finishStep = e.step;
				}
				break;
			}
			case 'finished': {
				const tr = tracks.get(e.req);
				if (tr) tr.lane.finishStep = e.step;
				break;
			}
			case 'step_end': {
				for (const tr of order) {
					if (tr.done) continue;
					const status: LaneStatus = tr.phase ?? (tr.swapped ? 'swapped' : tr.preempted ? 'preempted' : 'waiting');
					push(tr.lane, status, e.step);
					tr.phase = null;
					if (tr.lane.finishStep !== null) tr.done = true;
				}
				endStep = e.step + 1;
				break;
			}
			default:
				break;
		}
	}
	return { lanes: order.map((t) => t.lane), endStep, preemptionSteps };
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
	box: { width: number; labelWidth: number; row: number; gap: number; top: number }
): TimelineGeometry {
	const span = Math.max(1, lanes.endStep);
	const inner = Math.max(10, box.width - box.labelWidth - 4);
	const x = (step: number) => box.labelWidth + (step / span) * inner;
	const stepAt = (px: number) => Math.max(0, Math.min(span - 1, Math.floor(((px - box.labelWidth) / inner) * span)));
	const rowY = (lane: number) => box.top + lane * (box.row + box.gap);
	const rects: LaneRect[] = [];
	lanes.lanes.forEach((lane, i) => {
		for (const s of lane.segments)
			rects.push({ x: x(s.start), y: rowY(i), w: Math.max(1, x(s.end) - x(s.start)), h: box.row, status: s.status, lane: i });
	});
	const ticks: number[] = [];
	const every = Math.max(1, niceStep(span / 6));
	for (let s = 0; s <= span; s += every) ticks.push(s);
	return { rects, x, stepAt, rowY, height: rowY(lanes.lanes.length) + 4, ticks };
}

function niceStep(raw: number): number {
	const p = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
	const m = raw / p;
	return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}
