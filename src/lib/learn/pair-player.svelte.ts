/**
 * Two sessions played in lockstep by engine step (the paper-vs-V1 section): each shows the
 * end of the shared step, or its last step before it once its run has finished.
 */
import { Player } from '../state/player.svelte';
import type { Session } from '../state/session.svelte';

export class PairPlayer extends Player {
	#step = $state(0);

	constructor(
		readonly sessions: readonly Session[],
		step = 0
	) {
		super();
		this.seekPosition(step);
	}

	/** The last step any of the runs has. */
	get last(): number {
		return Math.max(0, ...this.sessions.map((s) => s.run.lanes.endStep - 1));
	}
	get step(): number {
		return this.#step;
	}
	get atEnd(): boolean {
		return this.#step >= this.last;
	}
	protected advance(): boolean {
		if (this.atEnd) return false;
		this.seekPosition(this.#step + 1);
		return true;
	}
	stepBy(delta: number): void {
		this.seekPosition(this.#step + delta);
	}
	toStart(): void {
		this.seekPosition(0);
	}
	toEnd(): void {
		this.seekPosition(this.last);
	}
	get position(): { value: number; max: number } {
		return { value: this.#step, max: this.last };
	}
	seekPosition(p: number): void {
		this.#step = Math.max(0, Math.min(this.last, p));
		for (const s of this.sessions) s.seekStep(this.#step);
	}
}
