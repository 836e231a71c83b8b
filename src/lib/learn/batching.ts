/**
 * Chapter 9's picture: static vs continuous batching, as bars of when each request runs,
 * taken from the engine's own events. Continuous batching is the engine as it is (a request
 * joins the step after a seat frees up); static batching is the engine run one batch at a
 * time, each batch starting when the previous one has finished entirely.
 *
 *   seat 0  ███████████████████░░░░░   ← r0 runs 20 steps, its seat idles until the batch ends
 *   seat 1  █████░░░░░░░░░░░░░░░░░░░
 */
import { DEFAULT_CONFIG, type EngineConfig } from '../engine/config';
import type { EngineEvent } from '../events/events';
import type { RequestSpec } from '../workload/request';
import { simulate } from '../engine/simulate';

/** A request's running steps [start, end) and the seat (row) it is drawn in. */
export interface Bar {
	req: string;
	/** Arrival order: the request's colour. */
	index: number;
	row: number;
	start: number;
	end: number;
	/** Steps inside [start, end) in which it did not run (preempted, or waiting for a seat). */
	gaps: number[];
}

export interface BatchLane {
	bars: Bar[];
	rows: number;
	/** One past the last step. */
	end: number;
	/** Most requests running in one step. */
	peak: number;
	preemptions: number;
}

/** Each request's scheduled steps, in arrival order. */
export function runningSteps(events: readonly EngineEvent[]): { req: string; steps: number[] }[] {
	const byReq = new Map<string, number[]>();
	for (const e of events) {
		if (e.type === 'arrived') byReq.set(e.req, []);
		else if (e.type === 'scheduled') {
			const s = byReq.get(e.req)!;
			if (s[s.length - 1] !== e.step) s.push(e.step);
		}
	}
	return [...byReq].map(([req, steps]) => ({ req, steps }));
}

/** Seats by first fit: a request takes the lowest row free from its first step to its last. */
export function layoutBars(runs: readonly { req: string; steps: number[] }[], offset = 0): Bar[] {
	const rowEnds: number[] = [];
	const bars: Bar[] = [];
	const order = runs
		.map((r, index) => ({ ...r, index }))
		.filter((r) => r.steps.length)
		.sort((a, b) => a.steps[0] - b.steps[0] || a.index - b.index);
	for (const r of order) {
		const start = r.steps[0] + offset;
		const end = r.steps[r.steps.length - 1] + 1 + offset;
		let row = rowEnds.findIndex((e) => e <= start);
		if (row < 0) row = rowEnds.push(0) - 1;
		rowEnds[row] = end;
		const ran = new Set(r.steps.map((s) => s + offset));
		const gaps: number[] = [];
		for (let s = start; s < end; s++) if (!ran.has(s)) gaps.push(s);
		bars.push({ req: r.req, index: r.index, row, start, end, gaps });
	}
	return bars;
}

function lane(bars: Bar[], preemptions: number): BatchLane {
	const end = Math.max(0, ...bars.map((b) => b.end));
	let peak = 0;
	for (let s = 0; s < end; s++) peak = Math.max(peak, bars.filter((b) => b.start <= s && s < b.end && !b.gaps.includes(s)).length);
	return { bars, rows: Math.max(0, ...bars.map((b) => b.row + 1)), end, peak, preemptions };
}

/** The engine as it runs: continuous (iteration-level) batching. */
export function continuousLane(config: EngineConfig, requests: readonly RequestSpec[]): BatchLane {
	const { events, summary } = simulate(config, requests);
	return lane(layoutBars(runningSteps(events)), summary.preemptions);
}

/**
 * Static batching: `size` requests at a time, in arrival order; the next batch starts only
 * when every request of this one has finished. Each batch is its own engine run.
 */
export function staticLane(config: EngineConfig, requests: readonly RequestSpec[], size: number): BatchLane {
	const bars: Bar[] = [];
	let offset = 0;
	let preemptions = 0;
	for (let i = 0; i < requests.length; i += size) {
		const batch = requests.slice(i, i + size).map((r) => ({ ...r, arrivalStep: 0 }));
		const { events, summary } = simulate(config, batch);
		const seats = layoutBars(runningSteps(events), offset).map((b) => ({ ...b, index: b.index + i }));
		bars.push(...seats);
		preemptions += summary.preemptions;
		offset = Math.max(offset, ...seats.map((b) => b.end));
	}
	return lane(bars, preemptions);
}

/** Chapter 9's picture: eight requests of different lengths in the same 128 token slots. */
export const CHAPTER9_OUTPUTS = [20, 6, 14, 4, 22, 10, 8, 16];
const CHAPTER9_PROMPT = 8;
export const CHAPTER9_CONFIG: EngineConfig = {
	...DEFAULT_CONFIG,
	blockSize: 8,
	numGpuBlocks: 16,
	maxModelLen: 32,
	maxNumSeqs: 16,
	maxNumBatchedTokens: 256,
	enablePrefixCaching: false
};

export type Chapter9Lanes = { key: 'static' | 'orca' | 'paged'; lane: BatchLane }[];

/**
 * The three lanes of chapter 9 (static batching, Orca's continuous batching, vLLM's paging),
 * each from engine runs.
 */
export function chapter9Lanes(): Chapter9Lanes {
	const requests = CHAPTER9_OUTPUTS.map((outputLen, i) => ({
		id: `r${i}`,
		arrivalStep: 0,
		promptTokens: Array.from({ length: CHAPTER9_PROMPT }, (_, k) => 1000 * (i + 1) + k),
		outputLen
	}));
	const orca = continuousLane({ ...CHAPTER9_CONFIG, allocator: 'orca-max' }, requests);
	return [
		{ key: 'static', lane: staticLane({ ...CHAPTER9_CONFIG, allocator: 'orca-max' }, requests, orca.peak) },
		{ key: 'orca', lane: orca },
		{ key: 'paged', lane: continuousLane({ ...CHAPTER9_CONFIG, allocator: 'paged' }, requests) }
	];
}
