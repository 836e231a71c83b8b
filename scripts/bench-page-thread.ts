/**
 * The page's side of the pages' bench (bench-pages.ts): a thread that holds only the run it is
 * posted, as a page's main thread holds what the index worker posts. It does what the page's
 * session does when a run arrives (warms it in idle callbacks, warmWhenIdle), then reaches
 * random cursors in it as a reader scrubbing does, handing back the state two cursors back.
 * Both are timed: the warm-up's cursors (nobody waits on them) and the reader's.
 */
import { parentPort } from 'node:worker_threads';
import { runFromData, type RunData } from '../src/lib/replay/run';
import type { Replay } from '../src/lib/replay/replay';
import { ShownStates, warmWhenIdle } from '../src/lib/state/shown-states';

export interface CursorTimes {
	/** Milliseconds per cursor, in the order reached. */
	times: number[];
	/** Milliseconds per warm-up cursor (idle callbacks before the first). */
	warm: number[];
}

/** The session's ShownStates, its warm-up timed. */
class TimedStates extends ShownStates {
	readonly warmMs: number[] = [];
	override warm(replay: Replay, cursor: number): void {
		const t = performance.now();
		super.warm(replay, cursor);
		this.warmMs.push(performance.now() - t);
	}
}

const port = parentPort!;
port.on('message', (m: { data: RunData; cursors: number; seed: number }) => {
	const run = runFromData(m.data);
	const shown = new TimedStates();
	warmWhenIdle(
		shown,
		run.replay,
		() => true,
		() => {
			let seed = m.seed;
			const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
			const times: number[] = [];
			for (let k = 0; k < m.cursors; k++) {
				const c = 1 + Math.floor(rand() * run.length);
				const t = performance.now();
				// What a view draws: the state, its pool as the arrays the pool map reads, and its requests.
				const s = shown.next(run.replay, c);
				if (!s.pool) throw new Error('a replayed state has its pool as arrays');
				void s.requests.size;
				times.push(performance.now() - t);
			}
			port.postMessage({ times, warm: shown.warmMs } satisfies CursorTimes);
		}
	);
});
port.postMessage('ready');
