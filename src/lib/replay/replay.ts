/**
 * Replay: the pure fold `events → state at cursor k`. Views draw what this returns, so
 * scrubbing backwards, comparing runs, export and import are one mechanism. Checkpoints
 * every few thousand events keep any cursor cheap to reach.
 */
import type { EngineEvent } from '../events/events';
import { ReplayFold } from './fold';
import type { ReplayState } from './state';

const CHECKPOINT_EVERY = 1024;

export class Replay {
	readonly length: number;
	/** Event index just after each step's step_end: cursor values that show whole steps. */
	readonly stepEnds: number[] = [];
	private readonly checkpoints: ReplayState[] = [];

	constructor(
		private readonly events: readonly EngineEvent[],
		private readonly every = CHECKPOINT_EVERY
	) {
		this.length = events.length;
		if (events.length === 0 || events[0].type !== 'run_start')
			throw new Error('an event stream must begin with run_start');
		const model = new ReplayFold(events[0]);
		for (let i = 0; i < events.length; i++) {
			if (i % every === 0) this.checkpoints.push(model.snapshot());
			model.apply(events[i]);
			if (events[i].type === 'step_end') this.stepEnds.push(i + 1);
		}
	}

	/** The state after the first `cursor` events (cursor ≥ 1: run_start is always applied). */
	stateAt(cursor: number): ReplayState {
		const c = Math.max(1, Math.min(this.length, Math.floor(cursor)));
		const cp = Math.floor((c - 1) / this.every);
		const model = ReplayFold.from(this.checkpoints[cp]);
		for (let i = cp * this.every; i < c; i++) model.apply(this.events[i]);
		return model.snapshot();
	}
}

/** Replay every event; the final state. */
export function replayAll(events: readonly EngineEvent[]): ReplayState {
	if (events.length === 0 || events[0].type !== 'run_start') throw new Error('an event stream must begin with run_start');
	const model = new ReplayFold(events[0]);
	for (const e of events) model.apply(e);
	return model.snapshot();
}
