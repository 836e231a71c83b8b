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

	/** The state at `cursor`, to be shown now. */
	next(replay: Replay, cursor: number): ReplayState {
		const last = this.#last;
		const state = replay.stateAt(cursor, last.length === 2 ? last[0] : undefined);
		this.#last = last.length ? [last[last.length - 1], state] : [state];
		return state;
	}
}
