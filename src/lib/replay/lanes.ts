/**
 * One lane per request: what it was doing at every step, folded from the store in the
 * indexing pass (a StoreFold). layout/timeline.ts turns lanes into geometry.
 */
import { CODE, DECODE_BIT, TYPE_MASK, type EventStore } from '../events/store';
import type { StepReader } from '../events/step-reader';
import type { StoreFold } from './replay';

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
	phase: LaneStatus | null;
	swapped: boolean;
	preempted: boolean;
	done: boolean;
	/** The segment still growing (its `end` is set when it closes), or null. */
	open: LaneSegment | null;
	/** Last step this track was queued for a look at step_end. */
	seen: number;
}

/**
 * A track's status only changes in a step where one of its events happened, or the step
 * after it was scheduled (its phase lapses), so a step_end looks at those tracks only and
 * every other lane's open segment simply keeps growing: O(events), not O(steps × requests).
 */
export class LanesFold implements StoreFold {
	private readonly tracks: Track[] = [];
	/** Tracks to look at in this step's step_end. */
	private touched: Track[] = [];
	private readonly preemptionSteps: number[] = [];
	private endStep = 0;
	private lastStepEnd = -1;
	private steps: StepReader;

	constructor(private readonly store: EventStore) {
		this.steps = store.steps();
	}

	follow(from: number): void {
		this.steps = this.store.steps(from);
	}

	private touch(tr: Track, step: number): Track {
		if (tr.seen !== step) {
			tr.seen = step;
			this.touched.push(tr);
		}
		return tr;
	}

	apply(i: number, k: number, a: number): void {
		const t = k & TYPE_MASK;
		if (
			t !== CODE.arrived &&
			t !== CODE.scheduled &&
			t !== CODE.preempted &&
			t !== CODE.swapped_out &&
			t !== CODE.swapped_in &&
			t !== CODE.rejected &&
			t !== CODE.finished &&
			t !== CODE.step_end
		)
			return;
		const step = this.steps.at(i);
		if (t === CODE.arrived) {
			const tr: Track = {
				lane: { req: this.store.reqId(a), index: a, arrivalStep: step, finishStep: null, segments: [] },
				phase: null,
				swapped: false,
				preempted: false,
				done: false,
				open: null,
				seen: -1
			};
			this.tracks[a] = tr;
			this.touch(tr, step);
		} else if (t === CODE.scheduled) {
			const tr = this.touch(this.tracks[a], step);
			tr.phase = k & DECODE_BIT ? 'decode' : 'prefill';
			tr.preempted = false;
		} else if (t === CODE.preempted) {
			const tr = this.touch(this.tracks[a], step);
			tr.preempted = true;
			tr.phase = null;
			if (this.preemptionSteps[this.preemptionSteps.length - 1] !== step) this.preemptionSteps.push(step);
		} else if (t === CODE.swapped_out || t === CODE.swapped_in) {
			this.touch(this.tracks[a], step).swapped = t === CODE.swapped_out;
		} else if (t === CODE.rejected) {
			const tr = this.tracks[a];
			if (tr.open) tr.open.end = step;
			tr.open = null;
			const last = tr.lane.segments[tr.lane.segments.length - 1];
			if (last && last.status === 'rejected' && last.end === step) last.end = step + 1;
			else tr.lane.segments.push({ status: 'rejected', start: step, end: step + 1 });
			tr.done = true;
			tr.lane.finishStep = step;
		} else if (t === CODE.finished) {
			this.touch(this.tracks[a], step).lane.finishStep = step;
		} else this.stepEnd(step);
	}

	private stepEnd(step: number): void {
		// Steps with no work are skipped without a step_end: every open segment stops at the gap.
		if (this.lastStepEnd >= 0 && step !== this.lastStepEnd + 1) this.closeAll(this.lastStepEnd + 1);
		const next: Track[] = [];
		for (const tr of this.touched) {
			if (tr.done) continue;
			const status: LaneStatus = tr.phase ?? (tr.swapped ? 'swapped' : tr.preempted ? 'preempted' : 'waiting');
			if (!tr.open || tr.open.status !== status) {
				if (tr.open) tr.open.end = step;
				tr.open = { status, start: step, end: -1 };
				tr.lane.segments.push(tr.open);
			}
			if (tr.phase) next.push(tr);
			tr.phase = null;
			if (tr.lane.finishStep !== null) {
				tr.open.end = step + 1;
				tr.open = null;
				tr.done = true;
			}
		}
		this.touched = [];
		for (const tr of next) this.touch(tr, step + 1);
		this.lastStepEnd = step;
		this.endStep = step + 1;
	}

	private closeAll(end: number): void {
		for (const tr of this.tracks)
			if (tr?.open) {
				tr.open.end = end;
				tr.open = null;
			}
	}

	result(): Lanes {
		this.closeAll(this.endStep);
		return { lanes: this.tracks.map((t) => t.lane), endStep: this.endStep, preemptionSteps: this.preemptionSteps };
	}
}

/** Lanes of a whole store in one pass of their own (the indexing pass folds them alongside replay). */
export function lanesOf(store: EventStore): Lanes {
	const f = new LanesFold(store);
	const row = store.reader();
	for (let i = 0; i < store.length; i++) {
		row.next();
		f.apply(i, row.k, row.a);
	}
	return f.result();
}

const STATUSES: readonly LaneStatus[] = ['waiting', 'prefill', 'decode', 'preempted', 'swapped', 'rejected'];

/**
 * Lanes as typed arrays, for posting from the worker: 100,000 lanes are 300,000 small
 * objects, seconds of structured clone on the page's side; these arrays transfer for free.
 */
export interface PackedLanes {
	endStep: number;
	preemptionSteps: Int32Array;
	/** Per lane: request index, arrival step, finish step (-1: none). */
	index: Int32Array;
	arrival: Int32Array;
	finish: Int32Array;
	/** Lane i's segments are segs[3 * segAt[i] .. 3 * segAt[i + 1]): status, start, end. */
	segAt: Int32Array;
	segs: Int32Array;
}

export function packLanes(l: Lanes): PackedLanes {
	const n = l.lanes.length;
	let total = 0;
	for (const lane of l.lanes) total += lane.segments.length;
	const p: PackedLanes = {
		endStep: l.endStep,
		preemptionSteps: Int32Array.from(l.preemptionSteps),
		index: new Int32Array(n),
		arrival: new Int32Array(n),
		finish: new Int32Array(n),
		segAt: new Int32Array(n + 1),
		segs: new Int32Array(3 * total)
	};
	let k = 0;
	l.lanes.forEach((lane, i) => {
		p.index[i] = lane.index;
		p.arrival[i] = lane.arrivalStep;
		p.finish[i] = lane.finishStep ?? -1;
		p.segAt[i] = k;
		for (const s of lane.segments) {
			p.segs[3 * k] = STATUSES.indexOf(s.status);
			p.segs[3 * k + 1] = s.start;
			p.segs[3 * k + 2] = s.end;
			k++;
		}
	});
	p.segAt[n] = k;
	return p;
}

export function unpackLanes(p: PackedLanes, reqId: (r: number) => string): Lanes {
	const n = p.index.length;
	const lanes: Lane[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const segments: LaneSegment[] = [];
		for (let k = p.segAt[i]; k < p.segAt[i + 1]; k++)
			segments.push({ status: STATUSES[p.segs[3 * k]], start: p.segs[3 * k + 1], end: p.segs[3 * k + 2] });
		lanes[i] = {
			req: reqId(p.index[i]),
			index: p.index[i],
			arrivalStep: p.arrival[i],
			finishStep: p.finish[i] < 0 ? null : p.finish[i],
			segments
		};
	}
	return { lanes, endStep: p.endStep, preemptionSteps: Array.from(p.preemptionSteps) };
}

export function packedLanesBuffers(p: PackedLanes): ArrayBuffer[] {
	return [p.preemptionSteps, p.index, p.arrival, p.finish, p.segAt, p.segs].map((a) => a.buffer as ArrayBuffer);
}
