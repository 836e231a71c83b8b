/** One simulated run and what every view derives from it once (not per frame). */
import type { EngineConfig } from '../engine/config';
import type { EngineEvent } from '../events/events';
import type { RequestSpec } from '../workload/request';
import { simulate } from '../engine/simulate';
import type { CostModel } from '../engine/cost-model';
import type { Summary } from '../engine/stats';
import { Replay } from './replay';
import { generateWorkload } from '../workload/workload';
import { MAX_PAGE_TOKENS } from '../params/limits';
import { buildLanes, type Lanes } from '../layout/timeline';
import { memorySeries, type MemoryPoint } from '../layout/memory-chart';
import type { WorkloadParams } from '../url/url-state';

export interface Run {
	config: EngineConfig;
	requests: RequestSpec[];
	events: readonly EngineEvent[];
	summary: Summary;
	replay: Replay;
	lanes: Lanes;
	memory: MemoryPoint[];
	/** Step number of each entry of `replay.stepEnds`. */
	stepNumbers: number[];
}

/** A page's generated requests, refused before drawing a token past the page's limit. */
export function workloadRequests(w: WorkloadParams): RequestSpec[] {
	return generateWorkload({ ...w }, { maxTokens: MAX_PAGE_TOKENS, source: 'settings' });
}

/** Simulate and index a run; throws the engine's InputError on bad input. */
export function runSimulation(config: EngineConfig, requests: RequestSpec[], costModel?: CostModel): Run {
	const { events, summary } = simulate(config, requests, { keepEvents: true, costModel });
	const replay = new Replay(events);
	return {
		config,
		requests,
		events,
		summary,
		replay,
		lanes: buildLanes(events),
		memory: memorySeries(events),
		stepNumbers: replay.stepEnds.map((c) => events[c - 1].step)
	};
}

/** Index into stepEnds of the last step ≤ `step` (0 if none). */
export function stepIndexAtOrBefore(run: Run, step: number): number {
	let lo = 0;
	let hi = run.stepNumbers.length - 1;
	let best = 0;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (run.stepNumbers[mid] <= step) {
			best = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return best;
}

/** The cursor that shows the end of engine step `step` (or the last step before it). */
export function cursorForStep(run: Run, step: number): number {
	if (!run.replay.stepEnds.length) return run.events.length;
	return run.replay.stepEnds[stepIndexAtOrBefore(run, step)];
}

/** A step where something is going on: the first step with a full-ish pool, or the middle. */
export function interestingStep(run: Run): number {
	const total = run.config.numGpuBlocks;
	let best = 0;
	let bestUsed = -1;
	for (const e of run.events) {
		if (e.type !== 'step_end') continue;
		const used = total - e.freeGpuBlocks;
		if (used > bestUsed) {
			best = e.step;
			bestUsed = used;
		}
		if (used >= total * 0.75) return e.step;
	}
	return best;
}

/** How many entries of the ascending `xs` are ≤ `x`. */
export function countAtOrBelow(xs: readonly number[], x: number): number {
	let lo = 0;
	let hi = xs.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (xs[mid] <= x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
