/**
 * Play/pause clock shared by every session: it calls `advance()` at `speed` positions
 * per second on animation frames; the fastest speed advances one position every frame.
 */
import { SPEEDS } from '../url/url-state';

export const MAX_SPEED = SPEEDS[SPEEDS.length - 1];

export abstract class Player {
	playing = $state(false);
	speed = $state<number>(4);
	/** Start over at the end instead of stopping. */
	loop = false;
	#raf = 0;
	#last = 0;
	#debt = 0;

	/** Move one position forward; false at the end. */
	protected abstract advance(): boolean;
	abstract get atEnd(): boolean;
	abstract toStart(): void;
	abstract toEnd(): void;
	abstract stepBy(delta: number): void;
	/** Engine step shown. */
	abstract get step(): number;
	/** Scrubber position and range. */
	abstract get position(): { value: number; max: number };
	abstract seekPosition(p: number): void;

	play(): void {
		if (this.playing || typeof requestAnimationFrame === 'undefined') return;
		if (this.atEnd) this.toStart();
		this.playing = true;
		this.#last = performance.now();
		this.#debt = 1; // move at once, so the click visibly does something
		this.#raf = requestAnimationFrame(this.#tick);
	}

	pause(): void {
		this.playing = false;
		if (this.#raf) cancelAnimationFrame(this.#raf);
		this.#raf = 0;
	}

	toggle(): void {
		if (this.playing) this.pause();
		else this.play();
	}

	#tick = (now: number) => {
		if (!this.playing) return;
		const dt = Math.min(250, now - this.#last);
		this.#last = now;
		this.#debt += this.speed >= MAX_SPEED ? 1 : (this.speed * dt) / 1000;
		let moves = Math.floor(this.#debt);
		this.#debt -= moves;
		while (moves-- > 0) {
			if (!this.advance()) {
				if (!this.loop) {
					this.pause();
					return;
				}
				this.toStart();
			}
		}
		this.#raf = requestAnimationFrame(this.#tick);
	};
}
