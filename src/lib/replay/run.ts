/**
 * One simulated run and what every view derives from it once (not per frame): the compact
 * event store, the replay index, lanes and the memory series, built in one pass over the
 * store. Node (tests, the CLI) and a page's empty run call it synchronously; the pages'
 * workers run the same indexer while the engine runs (run-pipeline.ts) and post the result
 * as transferable data (runData).
 */
import { lastAtOrBelow } from '../sorted';
import type { EngineConfig } from '../engine/config';
import type { RequestSpec } from '../workload/request';
import type { CostModel } from '../engine/cost-model';
import type { Summary } from '../engine/stats';
import { Engine } from '../engine/engine';
import { EventStore } from '../events/store';
import { storeBuffers, type StoreData } from '../events/store-data';
import { Replay, ReplayIndexer, replayBuffers, type ReplayData } from './replay';
import { Lanes, LanesFold, packedLanesBuffers, type PackedLanes } from './lanes';
import { memoryPoints } from './memory';
import { generateWorkload } from '../workload/workload';
import { MAX_PAGE_TOKENS } from '../params/limits';
import type { MemoryPoint } from '../layout/memory-chart';
import type { WorkloadParams } from '../url/url-state';

export interface Run {
	config: EngineConfig;
	/** The event stream (objects only on demand: store.get(i), range, the JSONL export). */
	store: EventStore;
	/** Events in the stream. */
	length: number;
	summary: Summary;
	replay: Replay;
	lanes: Lanes;
	memory: MemoryPoint[];
	/** Step number of each entry of `replay.stepEnds`. */
	stepNumbers: Int32Array;
}

export type RunPhase = 'simulate' | 'index';
export type RunProgress = (phase: RunPhase, done: number) => void;

export interface RunOptions {
	costModel?: CostModel;
	/** Refuse a run past this many events (RunTooLargeError). */
	maxEvents?: number;
	onProgress?: RunProgress;
}

/** A page's generated requests, refused before drawing a token past the page's limit. */
export function workloadRequests(w: WorkloadParams): RequestSpec[] {
	return generateWorkload({ ...w }, { maxTokens: MAX_PAGE_TOKENS, source: 'settings' });
}

/** Simulate into a compact store and index it; throws the engine's InputError on bad input. */
export function simulateRun(config: EngineConfig, requests: readonly RequestSpec[], opts: RunOptions = {}): Run {
	const store = new EventStore({ maxEvents: opts.maxEvents });
	const engine = new Engine(config, requests, { sink: store, costModel: opts.costModel });
	const progress = opts.onProgress;
	let steps = 0;
	while (engine.step())
		if (progress && (++steps & 255) === 0)
			progress('simulate', (store.counts.finished + store.counts.rejected) / Math.max(1, requests.length));
	return indexRun(config, store, engine.summary(), progress);
}

/** The pages' path after the engine: one pass over the store for replay checkpoints and lanes. */
export function indexRun(config: EngineConfig, store: EventStore, summary: Summary, progress?: RunProgress): Run {
	return new RunIndexer(store, { onProgress: progress }).finish(config, summary);
}

/**
 * Replay checkpoints and lanes in one pass that can follow a growing store (advance as it
 * grows, finish once it is whole): the pages' index worker indexes while the engine's worker
 * simulates, fed store deltas (run-pipeline.ts).
 */
export class RunIndexer {
	readonly #store: EventStore;
	readonly #lanes: LanesFold;
	readonly #replay: ReplayIndexer;

	constructor(store: EventStore, opts: { onProgress?: RunProgress; maxGap?: number } = {}) {
		const progress = opts.onProgress;
		this.#store = store;
		this.#lanes = new LanesFold(store);
		this.#replay = new ReplayIndexer(store, {
			folds: [this.#lanes],
			maxGap: opts.maxGap,
			onProgress: progress && ((d) => progress('index', d))
		});
	}

	advance(): void {
		this.#replay.advance();
	}

	finish(config: EngineConfig, summary: Summary): Run {
		this.advance();
		const store = this.#store;
		const replay = Replay.fromData(store, this.#replay.data());
		const stepNumbers = new Int32Array(replay.stepEnds.length);
		replay.stepEnds.forEach((c, k) => (stepNumbers[k] = store.stepOf(c - 1)));
		return {
			config,
			store,
			length: store.length,
			summary,
			replay,
			lanes: this.#lanes.result(),
			memory: memoryPoints(store, stepNumbers),
			stepNumbers
		};
	}
}

/** Simulate and index a run (synchronously); throws the engine's InputError on bad input. */
export function runSimulation(config: EngineConfig, requests: RequestSpec[], costModel?: CostModel): Run {
	return simulateRun(config, requests, { costModel });
}

/**
 * A run of no requests on `config`: what a page shows before its first run arrives from the
 * worker (the empty pool of the settings, no figures of another run). Cheap: one event.
 */
export function emptyRun(config: EngineConfig): Run {
	return simulateRun(config, []);
}

/** A run as posted from the worker: typed arrays (transferred) and a few small objects. */
export interface RunData {
	config: EngineConfig;
	summary: Summary;
	store: StoreData;
	replay: ReplayData;
	lanes: PackedLanes;
	memory: MemoryPoint[];
	stepNumbers: Int32Array;
}

export function runData(run: Run): { data: RunData; transfer: ArrayBuffer[] } {
	const store = run.store.data();
	const replay = run.replay.data();
	const lanes = run.lanes.packed;
	const data: RunData = {
		config: run.config,
		summary: run.summary,
		store,
		replay,
		lanes,
		memory: run.memory,
		stepNumbers: run.stepNumbers
	};
	const transfer = [...storeBuffers(store), ...replayBuffers(replay), ...packedLanesBuffers(lanes), run.stepNumbers.buffer as ArrayBuffer];
	return { data, transfer: [...new Set(transfer)] };
}

export function runFromData(d: RunData): Run {
	const store = EventStore.fromData(d.store);
	return {
		config: d.config,
		store,
		length: store.length,
		summary: d.summary,
		replay: Replay.fromData(store, d.replay),
		lanes: new Lanes(d.lanes, (r) => store.reqId(r)),
		memory: d.memory,
		stepNumbers: d.stepNumbers
	};
}

/** Index into stepEnds of the last step ≤ `step` (0 if none). */
export function stepIndexAtOrBefore(run: Run, step: number): number {
	return lastAtOrBelow(run.stepNumbers, step);
}

/** The cursor that shows the end of engine step `step` (or the last step before it). */
export function cursorForStep(run: Run, step: number): number {
	if (!run.replay.stepEnds.length) return run.length;
	return run.replay.stepEnds[stepIndexAtOrBefore(run, step)];
}

/** A step where something is going on: the first step with a full-ish pool, or the fullest. */
export function interestingStep(run: Run): number {
	const total = run.config.numGpuBlocks;
	let best = 0;
	let bestUsed = -1;
	for (let k = 0; k < run.stepNumbers.length; k++) {
		const used = total - run.store.figure(k, 0);
		if (used > bestUsed) {
			best = run.stepNumbers[k];
			bestUsed = used;
		}
		if (used >= total * 0.75) return run.stepNumbers[k];
	}
	return best;
}
