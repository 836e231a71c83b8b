/**
 * One lane per request: what it was doing at every step, folded from the store in the
 * indexing pass (a StoreFold) and kept as typed arrays. layout/timeline.ts turns the lanes in
 * view into geometry.
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
		const store = this.store;
		const packed = packLanes(
			this.tracks.map((t) => t.lane),
			this.endStep,
			this.preemptionSteps
		);
		return new Lanes(packed, (r) => store.reqId(r));
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

/** Lanes as typed arrays: what the worker posts (transferred, not cloned) and what a page keeps. */
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

/**
 * A run's lanes, read one at a time where a view draws them (the timeline draws the few in
 * view). Held as objects, 10,000 lanes were 7 MB a page kept for the run's life and its GC
 * copied once more in a 20 ms pause during the first scrubs; 100,000 would be ten times that.
 */
export class Lanes {
	/** Steps that preempted something. */
	readonly preemptionSteps: number[];
	readonly #reqId: (r: number) => string;

	constructor(
		readonly packed: PackedLanes,
		reqId: (r: number) => string
	) {
		this.preemptionSteps = Array.from(packed.preemptionSteps);
		this.#reqId = reqId;
	}

	/** How many lanes: one per request that arrived, in arrival order. */
	get count(): number {
		return this.packed.index.length;
	}

	/** One past the last step. */
	get endStep(): number {
		return this.packed.endStep;
	}

	/** Lane i, made when asked. */
	lane(i: number): Lane {
		const p = this.packed;
		const segments: LaneSegment[] = [];
		for (let k = p.segAt[i]; k < p.segAt[i + 1]; k++)
			segments.push({ status: STATUSES[p.segs[3 * k]], start: p.segs[3 * k + 1], end: p.segs[3 * k + 2] });
		return {
			req: this.#reqId(p.index[i]),
			index: p.index[i],
			arrivalStep: p.arrival[i],
			finishStep: p.finish[i] < 0 ? null : p.finish[i],
			segments
		};
	}
}

/** The lanes of a run with no events. */
export const NO_LANES = new Lanes(packLanes([], 0, []), () => '');

function packLanes(lanes: readonly Lane[], endStep: number, preemptionSteps: readonly number[]): PackedLanes {
	const n = lanes.length;
	let total = 0;
	for (const lane of lanes) total += lane.segments.length;
	const p: PackedLanes = {
		endStep,
		preemptionSteps: Int32Array.from(preemptionSteps),
		index: new Int32Array(n),
		arrival: new Int32Array(n),
		finish: new Int32Array(n),
		segAt: new Int32Array(n + 1),
		segs: new Int32Array(3 * total)
	};
	let k = 0;
	lanes.forEach((lane, i) => {
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

export function packedLanesBuffers(p: PackedLanes): ArrayBuffer[] {
	return [p.preemptionSteps, p.index, p.arrival, p.finish, p.segAt, p.segs].map((a) => a.buffer as ArrayBuffer);
}
