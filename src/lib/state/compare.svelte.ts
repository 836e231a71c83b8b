/**
 * Several allocators on one workload, played in lockstep by engine step: each run shows its
 * state at the last step ≤ the shared one (a run that finished early stays at its end).
 */
import { ALLOCATORS, type AllocatorKind, type EngineConfig } from '../engine/config';
import type { ReplayState } from '../replay/state';
import type { WorkloadParams } from '../url/url-state';
import { Player } from './player.svelte';
import { countAtOrBelow, cursorForStep, runSimulation, workloadRequests, type Run } from '../replay/run';

export class CompareSession extends Player {
	#runs = $state.raw<Run[]>([]);
	#index = $state(0);
	#error = $state<string | null>(null);
	config = $state.raw<EngineConfig>() as EngineConfig;
	workload = $state.raw<WorkloadParams>() as WorkloadParams;

	/** Every step number any run has, ascending. */
	readonly steps: number[] = $derived([...new Set(this.#runs.flatMap((r) => r.stepNumbers))].sort((a, b) => a - b));
	readonly snapshots: ReplayState[] = $derived(this.#runs.map((r) => r.replay.stateAt(cursorForStep(r, this.step))));

	constructor(config: EngineConfig, workload: WorkloadParams, readonly allocators: readonly AllocatorKind[] = ALLOCATORS) {
		super();
		this.setInput(config, workload);
	}

	get runs(): Run[] {
		return this.#runs;
	}
	get error(): string | null {
		return this.#error;
	}
	get step(): number {
		return this.steps[this.#index] ?? 0;
	}

	setInput(config: EngineConfig, workload: WorkloadParams, step?: number): boolean {
		try {
			const requests = workloadRequests(workload);
			const runs = this.allocators.map((allocator) => runSimulation({ ...config, allocator }, requests));
			const keep = step ?? this.step;
			this.#runs = runs;
			this.config = config;
			this.workload = workload;
			this.#error = null;
			this.#index = Math.max(0, countAtOrBelow(this.steps, keep) - 1);
			return true;
		} catch (e) {
			this.#error = (e as Error).message;
			return false;
		}
	}

	get atEnd(): boolean {
		return this.#index >= this.steps.length - 1;
	}
	protected advance(): boolean {
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
