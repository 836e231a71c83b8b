/**
 * Several allocators on one workload, played in lockstep by engine step: each run shows its
 * state at the last step ≤ the shared one (a run that finished early stays at its end).
 * Re-simulating works as in Session: in the worker in a browser page, the first runs
 * included (progress in `loading`, the runs on screen stay until the new ones are ready),
 * synchronously elsewhere. Until a page's first runs arrive (and while prerendering) there
 * are no runs and `pending` is true.
 */
import { ALLOCATORS, type AllocatorKind, type EngineConfig } from '../engine/config';
import type { ReplayState } from '../replay/state';
import type { WorkloadParams } from '../url/url-state';
import { Player } from './player.svelte';
import { countAtOrBelow } from '../sorted';
import { cursorForStep, runSimulation, workloadRequests, type Run } from '../replay/run';
import { canUseWorker, type Loading } from '../replay/run-client';
import { RunRequests } from './run-requests.svelte';
import type { SessionOptions } from './session.svelte';
import { ShownStates, warmWhenIdle } from './shown-states';

/** The ascending union of the runs' step numbers. */
function unionSteps(runs: readonly Run[]): number[] {
	const all = new Set<number>();
	for (const r of runs) for (const s of r.stepNumbers) all.add(s);
	return Array.from(Int32Array.from(all).sort());
}

export class CompareSession extends Player {
	#runs = $state.raw<Run[]>([]);
	#index = $state(0);
	#error = $state<string | null>(null);
	readonly #requests = new RunRequests(
		(message) => (this.#error = message),
		() => this.#revert()
	);
	#shown: { config: EngineConfig; workload: WorkloadParams } | null = null;
	#pending = $state(true);
	/** `loading` before the first runs are asked of the worker (prerendered, or `idle`). */
	#waiting = $state.raw<Loading | null>(null);
	readonly #page: boolean;
	config = $state.raw<EngineConfig>() as EngineConfig;
	workload = $state.raw<WorkloadParams>() as WorkloadParams;

	/** Every step number any run has, ascending. */
	readonly steps: number[] = $derived(unionSteps(this.#runs));
	/** Per run on screen, the states shown (their arrays are recycled, as the session's are). */
	readonly #shownStates: ShownStates[] = [];
	readonly snapshots: ReplayState[] = $derived(this.#runs.map((r, i) => this.#statesOf(i).next(r.replay, cursorForStep(r, this.step))));

	#statesOf(i: number): ShownStates {
		return (this.#shownStates[i] ??= new ShownStates());
	}

	constructor(
		config: EngineConfig,
		workload: WorkloadParams,
		readonly allocators: readonly AllocatorKind[] = ALLOCATORS,
		opts: SessionOptions = {}
	) {
		super();
		this.#page = !!opts.page;
		if (opts.idle) {
			this.config = config;
			this.workload = workload;
			this.#waiting = { phase: 'simulate', done: 0, since: performance.now() };
		} else this.setInput(config, workload);
	}

	get runs(): Run[] {
		return this.#runs;
	}
	get error(): string | null {
		return this.#error;
	}
	get loading(): Loading | null {
		return this.#requests.loading ?? this.#waiting;
	}
	/** No runs of the settings shown yet (the first are being simulated, failed or were cancelled). */
	get pending(): boolean {
		return this.#pending;
	}
	get step(): number {
		return this.steps[this.#index] ?? 0;
	}

	/** Re-simulate every allocator; as Session.setInput (true = done, or asked for in the worker). */
	setInput(config: EngineConfig, workload: WorkloadParams, step?: number): boolean {
		const worker = canUseWorker();
		if (!worker && this.#page) {
			// Prerendering: the page as the browser first shows it (the runs come from its worker).
			this.config = config;
			this.workload = workload;
			this.#waiting = { phase: 'simulate', done: 0, since: performance.now() };
			return true;
		}
		if (!worker) {
			let runs: Run[];
			try {
				const requests = workloadRequests(workload);
				runs = this.allocators.map((allocator) => runSimulation({ ...config, allocator }, requests));
			} catch (e) {
				this.#error = (e as Error).message;
				return false;
			}
			this.#show(runs, config, workload, step ?? this.step);
			return true;
		}
		this.config = config;
		this.workload = workload;
		this.#waiting = null;
		const jobs = this.allocators.map((allocator) => ({ config: { ...config, allocator }, workload }));
		const askedAt = this.#index;
		const first = this.pending;
		this.#requests.ask(
			jobs,
			// Moved meanwhile (played, scrubbed)? Then stay where the reader is now.
			(runs) => this.#show(runs, config, workload, first ? (step ?? 0) : step === undefined || this.#index !== askedAt ? this.step : step)
		);
		return true;
	}

	cancel(): void {
		this.#requests.cancel();
	}

	dispose(): void {
		this.pause();
		this.#requests.dispose();
	}

	#show(runs: Run[], config: EngineConfig, workload: WorkloadParams, keep: number): void {
		this.#runs = runs;
		runs.forEach((r, i) => warmWhenIdle(this.#statesOf(i), r.replay, () => this.#runs === runs));
		this.config = config;
		this.workload = workload;
		this.#shown = { config, workload };
		this.#error = null;
		this.#waiting = null;
		this.#pending = false;
		this.#index = Math.max(0, countAtOrBelow(this.steps, keep) - 1);
	}

	#revert(): void {
		// First runs that failed or were cancelled: nothing to play until the next.
		if (this.#pending) this.pause();
		if (!this.#shown) return;
		({ config: this.config, workload: this.workload } = this.#shown);
	}

	get atEnd(): boolean {
		return !this.pending && this.#index >= this.steps.length - 1;
	}
	/** While the first runs are simulated, playing waits for them (and plays them on arrival). */
	protected advance(): boolean {
		if (this.pending) return this.loading !== null;
		if (this.atEnd) return false;
		this.#index++;
		return true;
	}
	stepBy(delta: number): void {
		this.#index = Math.max(0, Math.min(this.steps.length - 1, this.#index + delta));
	}
	toStart(): void {
		this.#index = 0;
	}
	toEnd(): void {
		this.#index = Math.max(0, this.steps.length - 1);
	}
	seekStep(step: number): void {
		this.#index = Math.max(0, countAtOrBelow(this.steps, step) - 1);
	}
	get position(): { value: number; max: number } {
		return { value: this.#index, max: Math.max(0, this.steps.length - 1) };
	}
	seekPosition(p: number): void {
		this.#index = Math.max(0, Math.min(this.steps.length - 1, p));
	}
}
