/**
 * The page's side of the pages' bench (bench-pages.ts): a thread that holds only the run it is
 * posted, as a page's main thread holds what the index worker posts, and reaches random
 * cursors in it as a reader scrubbing does (the state two cursors back handed back, as the
 * page's session does). Its heap and compiled code start as a page's do: the first cursors
 * pay for compiling the fold, later ones don't, and both are reported.
 */
import { parentPort } from 'node:worker_threads';
import { runFromData, type RunData } from '../src/lib/replay/run';
import { ShownStates } from '../src/lib/state/shown-states';

export interface CursorTimes {
	/** Milliseconds per cursor, in the order reached. */
	times: number[];
}

const port = parentPort!;
port.on('message', (m: { data: RunData; cursors: number; seed: number }) => {
	const run = runFromData(m.data);
	let seed = m.seed;
	const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	const times: number[] = [];
	const shown = new ShownStates();
	for (let k = 0; k < m.cursors; k++) {
		const c = 1 + Math.floor(rand() * run.length);
		const t = performance.now();
		// What a view draws: the state, its pool as the arrays the pool map reads, and its requests.
		const s = shown.next(run.replay, c);
		if (!s.pool) throw new Error('a replayed state has its pool as arrays');
		void s.requests.size;
		times.push(performance.now() - t);
	}
	port.postMessage({ times } satisfies CursorTimes);
});
port.postMessage('ready');
