/**
 * One run simulated and indexed at once, on two threads. The engine's side hands out its
 * store's new events every DELTA_EVENTS events (EventStore.takeDelta); the index side appends
 * them to a store of its own and advances the replay index and lanes over them (RunIndexer),
 * so indexing overlaps simulating instead of following it. The pages run the two sides in
 * two workers (sim.worker.ts, index.worker.ts, wired by run-client.ts); the bench runs them in
 * two Node threads. Either side alone is plain code: tests call both in one thread.
 */
import type { EngineConfig } from '../engine/config';
import type { Summary } from '../engine/stats';
import type { RequestSpec } from '../workload/request';
import { Engine } from '../engine/engine';
import { EventStore } from '../events/store';
import type { StoreDelta } from '../events/store-data';
import { RunIndexer, runData, type Run, type RunData, type RunOptions } from './run';
import type { JobReply, PipePart } from './run-client';

/** Events per part: small enough that the index side's tail after the engine's last step is short. */
export const DELTA_EVENTS = 1 << 17;

/** What the index side needs to finish a run, sent with its last part. */
export interface RunEnd {
	config: EngineConfig;
	summary: Summary;
}

/** The engine's side: simulate, handing `send` the store's new events as they come, and the run's end with the last. */
export function simulateInParts(
	config: EngineConfig,
	requests: readonly RequestSpec[],
	opts: RunOptions,
	send: (delta: StoreDelta, end?: RunEnd) => void
): void {
	// Drained: the index side keeps the events, this side's columns stay small and warm.
	const store = new EventStore({ maxEvents: opts.maxEvents, drain: true });
	const engine = new Engine(config, requests, { sink: store, costModel: opts.costModel });
	const progress = opts.onProgress;
	let sent = 0;
	let steps = 0;
	while (engine.step()) {
		if (store.length - sent >= DELTA_EVENTS) {
			sent = store.length;
			send(store.takeDelta());
		}
		if (progress && (++steps & 255) === 0)
			progress('simulate', (store.counts.finished + store.counts.rejected) / Math.max(1, requests.length));
	}
	send(store.takeDelta(), { config, summary: engine.summary() });
}

/** The index side of one run: a store fed the engine side's parts, indexed as they arrive. */
export class RunFollower {
	readonly #store: EventStore;
	#index: RunIndexer | null = null;

	constructor(maxEvents?: number) {
		this.#store = new EventStore({ maxEvents });
	}

	take(delta: StoreDelta): void {
		this.#store.appendDelta(delta);
		(this.#index ??= new RunIndexer(this.#store)).advance();
	}

	finish(end: RunEnd): Run {
		if (!this.#index) throw new Error('a run ends after its first part');
		return this.#index.finish(end.config, end.summary);
	}
}

/**
 * The index side of a thread: receives parts (PipePart), follows each job of the request in
 * hand, and posts the request's runs once all have ended, their arrays to transfer. A newer
 * request (another id) replaces the one in hand.
 */
export function followParts(post: (m: JobReply, transfer: ArrayBuffer[]) => void): (p: PipePart) => void {
	let current = -1;
	let followers: (RunFollower | null)[] = [];
	let runs: RunData[] = [];
	let transfer: ArrayBuffer[] = [];
	let given = false;
	return (p) => {
		if (p.id !== current) {
			current = p.id;
			followers = [];
			runs = [];
			transfer = [];
			given = false;
		}
		// An aborted request's error reaches the page from the engine's side.
		if ('abort' in p) given = true;
		if ('abort' in p || given) return;
		try {
			const f = (followers[p.job] ??= new RunFollower(p.maxEvents));
			f.take(p.delta);
			if (!p.end) return;
			const { data, transfer: t } = runData(f.finish(p.end));
			followers[p.job] = null;
			runs[p.job] = data;
			transfer.push(...t);
			if (runs.filter(Boolean).length === p.jobs) post({ id: p.id, type: 'done', runs }, [...new Set(transfer)]);
		} catch (err) {
			given = true;
			post({ id: p.id, type: 'error', message: (err as Error).message ?? String(err) }, []);
		}
	};
}
