/**
 * The last two states a view showed of a replay, newest last. A new state is written into the
 * arrays of the one before them, which nothing reads any more (Replay.stateAt's `recycle`):
 * at 131,072 blocks a fresh state is megabytes of untouched memory, and playing or scrubbing
 * asks for one every frame.
 */
import type { Replay } from '../replay/replay';
import type { ReplayState } from '../replay/state';

export class ShownStates {
	#last: ReplayState[] = [];
	/** States reached by `warm` and never shown: their arrays are free to write over. */
	#spare: ReplayState[] = [];

	/** The state at `cursor`, to be shown now. */
	next(replay: Replay, cursor: number): ReplayState {
		const last = this.#last;
		const state = replay.stateAt(cursor, last.length === 2 ? last[0] : this.#spare.pop());
		this.#last = last.length ? [last[last.length - 1], state] : [state];
		return state;
	}

	/** Reach `cursor` without showing it: V8 compiles the fold, and the state's arrays are kept for the next ones shown. */
	warm(replay: Replay, cursor: number): void {
		const spare = this.#spare;
		spare.push(replay.stateAt(cursor, spare.length === 2 ? spare.shift() : undefined));
	}
}

/** Cursors a run just shown is warmed with, spread over it. */
export const WARM_CURSORS = 4;

const whenIdle: (f: () => void) => void =
	typeof requestIdleCallback === 'function' ? (f) => requestIdleCallback(f, { timeout: 1000 }) : (f) => setTimeout(f, 20);

/**
 * Warm `shown` on a run just put on screen, one cursor per idle callback, while `current()`
 * holds (a newer run stops it). A reader's first scrubs otherwise run the fold before V8 has
 * compiled it, into arrays not yet touched: at 131,072 blocks the first cursors took 40-45 ms
 * against 4 ms later. Nobody waits on these: the page is idle, each is a task of its own.
 */
export function warmWhenIdle(shown: ShownStates, replay: Replay, current: () => boolean, done?: () => void): void {
	let k = 0;
	const one = () => {
		if (k === WARM_CURSORS || !current()) return done?.();
		shown.warm(replay, Math.ceil(((k + 1) * replay.length) / (WARM_CURSORS + 1)));
		k++;
		whenIdle(one);
	};
	whenIdle(one);
}
