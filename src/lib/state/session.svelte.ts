/**
 * The one session object of a page: owns the run (its compact event store and replay
 * index), the replay cursor and the snapshot replayed at it. Views read it; controls call
 * its methods. Changing the input re-simulates (never scrubbing, which only replays): in a
 * browser page in the simulation worker, the first run included, with progress in
 * `loading`, the newest request winning and the previous run on screen until the new one is
 * ready; in Node (tests, scripts), synchronously with the same code. Until a page's first run
 * arrives (and while prerendering) the session holds an empty run of the settings and
 * `pending` is true: views draw the empty pool, never figures of another run.
 */
import type { EngineConfig } from '../engine/config';
import { unpackRequests, type PackedRequests } from '../workload/packed';
import type { ReplayState } from '../replay/state';
import { transitionsBetween, type BlockTransition } from '../layout/block-transitions';
import { DEFAULT_VIEW, type Granularity, type ViewState, type WorkloadParams } from '../url/url-state';
import { Player } from './player.svelte';
import { resolveCostModel } from '../fit/cost-spec';
import { countAtOrBelow } from '../sorted';
import { cursorForStep, emptyRun, interestingStep, runSimulation, workloadRequests, type Run } from '../replay/run';
import { canUseWorker, type Loading } from '../replay/run-client';
import { RunRequests } from './run-requests.svelte';
import { ShownStates, warmWhenIdle } from './shown-states';

/** An imported trace: its requests stay packed on the page (100K request objects are seconds of main-thread work); the worker unpacks them. */
type Trace = { name: string; packed: PackedRequests } | null;

export interface BlockRef {
	device: 'gpu' | 'cpu';
	block: number;
}

export interface SessionOptions {
	/**
	 * A page's session: where there is no worker (prerendering) it stays pending on the empty
	 * run, as the browser shows until the first run arrives, so the page hydrates what was
	 * prerendered. Without it (tests, scripts) a run without a worker is simulated at once.
	 */
	page?: boolean;
	/** Ask for no run yet: the page calls `load` once mounted (with the URL's view). */
	idle?: boolean;
}

/** What `loading` says before a page's first run is asked for (prerendered, or `idle`). */
const waitingFor = (): Loading => ({ phase: 'simulate', done: 0, since: performance.now() });

export class Session extends Player {
	#run = $state.raw<Run>() as Run;
	/** No run of the settings shown yet: the empty run is on screen. */
	#pending = $state(true);
	/** `loading` before the first run is asked of the worker. */
	#waiting = $state.raw<Loading | null>(null);
	/** Where the first run opens if the reader moved meanwhile (Home/End, or a page's toStart). */
	#firstAt: 'start' | 'end' | null = null;
	/** The latest empty run asked for while pending (see #showEmptySoon). */
	#emptyAsk = 0;
	readonly #page: boolean;
	#cursor = $state(1);
	#prevCursor = $state(1);
	#error = $state<string | null>(null);
	readonly #requests = new RunRequests(
		(message) => (this.#error = message),
		() => this.#revert()
	);
	/** Settings of the run on screen (what a failed or cancelled run goes back to). */
	#shown: { config: EngineConfig; workload: WorkloadParams; trace: Trace } | null = null;
	config = $state.raw<EngineConfig>(DEFAULT_VIEW.config);
	workload = $state.raw<WorkloadParams>(DEFAULT_VIEW.workload);
	/** Imported trace (replaces the generated workload), with its file name. */
	trace = $state.raw<Trace>(null);
	granularity = $state<Granularity>('step');
	selected = $state('');
	hovered = $state.raw<BlockRef | null>(null);
	zoom = $state(0);
	/** Cost model word from the URL (fit/cost-spec.ts); undefined = the engine's default. */
	cost = $state<string | undefined>(undefined);

	readonly #shownStates = new ShownStates();
	readonly snapshot: ReplayState = $derived(this.#shownStates.next(this.#run.replay, this.#cursor));
	readonly transitions: BlockTransition[] = $derived(transitionsBetween(this.#run.store, this.#prevCursor, this.#cursor, 4000));

	constructor(view: ViewState = DEFAULT_VIEW, opts: SessionOptions = {}) {
		super();
		this.#page = !!opts.page;
		try {
			this.#run = emptyRun(view.config);
		} catch {
			this.#run = emptyRun(DEFAULT_VIEW.config);
		}
		if (opts.idle) {
			this.#loadView(view);
			this.config = view.config;
			this.workload = view.workload;
			this.#waiting = waitingFor();
		} else this.load(view);
	}

	get run(): Run {
		return this.#run;
	}
	get cursor(): number {
		return this.#cursor;
	}
	get error(): string | null {
		return this.#error;
	}
	/** A run being simulated in the worker (the one on screen stays until it is ready), or null. */
	get loading(): Loading | null {
		return this.#requests.loading ?? this.#waiting;
	}
	/** No run of the settings on screen yet (the first is being simulated, failed or was cancelled): the empty run is shown. */
	get pending(): boolean {
		return this.#pending;
	}
	get step(): number {
		return this.snapshot.step;
	}
	get length(): number {
		return this.#run.length;
	}

	/** Replace the whole view (e.g. from a URL). */
	load(view: ViewState): void {
		this.#loadView(view);
		this.setInput(view.config, view.workload, null, view.step);
	}

	#loadView(view: ViewState): void {
		this.granularity = view.granularity;
		this.speed = view.speed;
		this.selected = view.select;
		this.zoom = view.zoom;
		this.cost = view.cost;
	}

	/**
	 * Re-simulate with new settings. Keeps the current step when it can (or goes to `step`).
	 * On bad input the run on screen stays and the error is reported. Synchronous (the
	 * result is the answer) without a worker; with one, true means "asked for": the run
	 * arrives later, or `error` says why not.
	 */
	setInput(config: EngineConfig, workload: WorkloadParams, trace = this.trace, step?: number): boolean {
		const worker = canUseWorker();
		if (!worker && this.#page) {
			// Prerendering: the page as the browser first shows it (the run comes from its worker).
			this.#showEmpty(config, workload, trace);
			this.#waiting = waitingFor();
			return true;
		}
		if (!worker) {
			let run: Run;
			try {
				run = runSimulation(
					config,
					trace ? unpackRequests(trace.packed) : workloadRequests(workload),
					this.cost ? (resolveCostModel(this.cost) ?? undefined) : undefined
				);
			} catch (e) {
				this.#error = (e as Error).message;
				return false;
			}
			this.#show(run, config, workload, trace, step ?? (this.#pending ? -1 : this.step));
			return true;
		}
		// The controls show the new settings at once; the run on screen changes when it is ready.
		if (this.#pending) this.#showEmptySoon(config, workload, trace);
		this.config = config;
		this.workload = workload;
		this.trace = trace;
		this.#waiting = null;
		const askedAt = this.#cursor;
		const first = this.#pending;
		this.#requests.ask(
			[{ config, workload, packed: trace?.packed, cost: this.cost }],
			// Moved meanwhile (played, scrubbed)? Then stay where the reader is now.
			([run]) =>
				this.#show(run, config, workload, trace, first ? (step ?? -1) : step === undefined || this.#cursor !== askedAt ? this.step : step)
		);
		return true;
	}

	/**
	 * The empty run of new settings while the first run is pending, in tasks of their own: a
	 * big pool's first drawing is then not part of the page's start (its hydration), and
	 * building the empty run (its pool and index: 32,768 blocks) is a task apart from drawing it.
	 */
	#showEmptySoon(config: EngineConfig, workload: WorkloadParams, trace: Trace): void {
		const ask = ++this.#emptyAsk;
		if (this.#run.config === config) return;
		const current = () => this.#pending && ask === this.#emptyAsk;
		setTimeout(() => {
			if (!current()) return;
			const run = tryEmptyRun(config);
			setTimeout(() => {
				if (current()) this.#showEmpty(config, workload, trace, run);
			});
		});
	}

	/** The empty run of new settings while the first run is pending (bad settings keep the one there). */
	#showEmpty(config: EngineConfig, workload: WorkloadParams, trace: Trace, run = tryEmptyRun(config)): void {
		this.config = config;
		this.workload = workload;
		this.trace = trace;
		if (run) this.#run = run;
		this.#moveTo(1, false);
	}

	/** Stop the run being simulated; the controls go back to the run on screen. */
	cancel(): void {
		this.#requests.cancel();
	}

	/** Stop the worker (a page going away). */
	dispose(): void {
		this.pause();
		this.#requests.dispose();
	}

	#show(run: Run, config: EngineConfig, workload: WorkloadParams, trace: Trace, keep: number): void {
		this.#error = null;
		this.config = config;
		this.workload = workload;
		this.trace = trace;
		this.#shown = { config, workload, trace };
		this.#run = run;
		warmWhenIdle(this.#shownStates, run.replay, () => this.#run === run);
		const firstAt = this.#pending ? this.#firstAt : null;
		this.#pending = false;
		this.#waiting = null;
		this.#firstAt = null;
		if (firstAt) return firstAt === 'start' ? this.toStart() : this.toEnd();
		const target = keep < 0 ? interestingStep(run) : keep;
		this.#moveTo(cursorForStep(run, target), false);
	}

	#revert(): void {
		// A first run that failed or was cancelled: nothing to play until the next.
		if (this.#pending) this.pause();
		if (!this.#shown) return;
		({ config: this.config, workload: this.workload, trace: this.trace } = this.#shown);
	}

	/** The view as URL state. */
	view(): ViewState {
		return {
			config: this.config,
			workload: this.workload,
			step: this.step,
			granularity: this.granularity,
			speed: this.speed,
			select: this.selected,
			zoom: this.zoom,
			cost: this.cost
		};
	}

	#moveTo(cursor: number, animate: boolean): void {
		const c = Math.max(1, Math.min(this.#run.length, cursor));
		this.#prevCursor = animate ? this.#cursor : c;
		this.#cursor = c;
	}

	get atEnd(): boolean {
		return !this.#pending && this.#cursor >= this.#run.length;
	}

	/** While the first run is simulated, playing waits for it (and plays it on arrival). */
	protected advance(): boolean {
		if (this.#pending) return this.loading !== null;
		if (this.atEnd) return false;
		this.stepBy(1);
		return true;
	}

	/** One position forward or back at the current granularity. */
	stepBy(delta: number): void {
		const ends = this.#run.replay.stepEnds;
		if (this.granularity === 'event' || !ends.length) {
			this.#moveTo(this.#cursor + delta, delta > 0);
			return;
		}
		// Step ends ≤ cursor; the next one forward, or the last one strictly before.
		const k = countAtOrBelow(ends, this.#cursor);
		if (delta > 0) this.#moveTo(k < ends.length ? ends[k] : this.#run.length, true);
		else {
			const j = ends[k - 1] === this.#cursor ? k - 2 : k - 1;
			this.#moveTo(j >= 0 ? ends[j] : 1, false);
		}
	}

	toStart(): void {
		if (this.#pending) this.#firstAt = 'start';
		this.#moveTo(1, false);
	}
	toEnd(): void {
		if (this.#pending) this.#firstAt = 'end';
		this.#moveTo(this.#run.length, false);
	}
	seekCursor(cursor: number): void {
		this.#moveTo(cursor, cursor === this.#cursor + 1);
	}
	seekStep(step: number): void {
		this.#moveTo(cursorForStep(this.#run, step), false);
	}

	/** Scrubber position and range at the current granularity. */
	get position(): { value: number; max: number } {
		if (this.granularity === 'event') return { value: this.#cursor, max: this.#run.length };
		const ends = this.#run.replay.stepEnds;
		return { value: countAtOrBelow(ends, this.#cursor), max: ends.length };
	}
	/** Seek to a scrubber position (0 = before the first step). */
	seekPosition(p: number): void {
		if (this.granularity === 'event') return this.#moveTo(p, false);
		const ends = this.#run.replay.stepEnds;
		this.#moveTo(p <= 0 ? 1 : ends[Math.min(ends.length, p) - 1], false);
	}
}

/** The empty run of `config`, or null on bad settings (the run's own error says why). */
function tryEmptyRun(config: EngineConfig): Run | null {
	try {
		return emptyRun(config);
	} catch {
		return null;
	}
}
