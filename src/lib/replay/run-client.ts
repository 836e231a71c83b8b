/**
 * The page's side of the simulation workers: one run at a time, the newest wins. A run is
 * simulated in one worker and indexed in another at the same time, the first handing the
 * second its events part by part over a channel (run-pipeline.ts); the index worker posts
 * the finished runs. Asking for a run while another is in flight terminates both workers (a
 * slider drag never queues runs), and the superseded promise rejects with a Cancelled error
 * that callers ignore. Besides runs, the simulation worker computes a few small figures pages
 * quote (a `Task`), so that no page simulates on the main thread.
 */
import type { EngineConfig } from '../engine/config';
import type { RequestSpec } from '../workload/request';
import type { WorkloadParams } from '../url/url-state';
import type { AnswerInput } from '../learn/answers';
import { runFromData, type Run, type RunData, type RunPhase } from './run';
import type { PackedRequests } from '../workload/packed';
import type { StoreDelta } from '../events/store-data';
import type { RunEnd } from './run-pipeline';

export interface Job {
	config: EngineConfig;
	/** A trace's requests (packed: cheap to post), or the workload to generate them from (in the worker). */
	requests?: RequestSpec[];
	packed?: PackedRequests;
	workload?: WorkloadParams;
	/** Cost model word (fit/cost-spec.ts). */
	cost?: string;
}

/** Figures computed in the worker: a chapter's answer (learn/answers.ts answerVars). */
export type Task = { kind: 'answer'; chapter: AnswerInput };
export type TaskResult = Record<string, string | number>;

export type JobRequest = { id: number; jobs: Job[]; maxEvents: number } | { id: number; task: Task };

/** Sent once to each worker: its end of the channel from the simulation worker to the index worker. */
export type PipeSetup = { pipe: MessagePort };

/** On that channel: a part of job `job` of `jobs` (the last carries the run's end), or the request given up. */
export type PipePart =
	{ id: number; job: number; jobs: number; maxEvents: number; delta: StoreDelta; end?: RunEnd } | { id: number; abort: true };

export type JobReply =
	| { id: number; type: 'progress'; phase: RunPhase; done: number }
	| { id: number; type: 'done'; runs: RunData[] }
	| { id: number; type: 'task'; result: TaskResult }
	| { id: number; type: 'error'; message: string };

export interface Loading {
	phase: RunPhase;
	/** 0..1 over all jobs. */
	done: number;
	/** performance.now() when the run was asked for. */
	since: number;
}

/** Most events one run may keep in a page (about 25 bytes each with its index). */
export const PAGE_MAX_EVENTS = 30_000_000;

export class Cancelled extends Error {
	constructor() {
		super('superseded by a newer run');
		this.name = 'Cancelled';
	}
}

/** Workers exist here (a browser page, not Node or prerendering). */
export function canUseWorker(): boolean {
	return typeof Worker !== 'undefined' && typeof window !== 'undefined';
}

export class RunClient {
	#worker: Worker | null = null;
	/** The index worker, made with the first run (a page that only asks tasks needs none). */
	#index: Worker | null = null;
	#id = 0;
	#pending: { id: number; reject: (e: Error) => void } | null = null;

	/** Simulate and index `jobs` in the worker; resolves with the runs, or rejects (Cancelled when superseded). */
	run(jobs: Job[], onProgress: (l: Loading) => void): Promise<Run[]> {
		const since = performance.now();
		onProgress({ phase: 'simulate', done: 0, since });
		return this.#ask({ jobs: plain(jobs), maxEvents: PAGE_MAX_EVENTS }, (m) => onProgress({ phase: m.phase, done: m.done, since })).then(
			(m) => (m.type === 'done' ? m.runs.map(runFromData) : [])
		);
	}

	/** Compute `task` in the worker (the newest request wins, as for runs). */
	task(task: Task): Promise<TaskResult> {
		return this.#ask({ task }).then((m) => (m.type === 'task' ? m.result : {}));
	}

	#ask(
		request: { jobs: Job[]; maxEvents: number } | { task: Task },
		onProgress: (m: Extract<JobReply, { type: 'progress' }>) => void = () => {}
	): Promise<Extract<JobReply, { type: 'done' | 'task' }>> {
		this.cancel();
		const id = ++this.#id;
		const worker = (this.#worker ??= new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' }));
		if ('jobs' in request && !this.#index) {
			this.#index = new Worker(new URL('./index.worker.ts', import.meta.url), { type: 'module' });
			const { port1, port2 } = new MessageChannel();
			worker.postMessage({ pipe: port1 } satisfies PipeSetup, [port1]);
			this.#index.postMessage({ pipe: port2 } satisfies PipeSetup, [port2]);
		}
		return new Promise((resolve, reject) => {
			this.#pending = { id, reject };
			// Progress and errors come from either worker; a run's result from the index worker.
			const onmessage = (e: MessageEvent<JobReply>) => {
				const m = e.data;
				if (m.id !== id) return;
				if (m.type === 'progress') return onProgress(m);
				this.#pending = null;
				if (m.type === 'error') {
					this.#drop();
					return reject(new Error(m.message));
				}
				resolve(m);
			};
			const onerror = (e: ErrorEvent) => {
				this.#pending = null;
				this.#drop();
				reject(new Error(e.message || 'the simulation worker failed'));
			};
			for (const w of [worker, this.#index]) if (w) Object.assign(w, { onmessage, onerror });
			worker.postMessage({ id, ...request } satisfies JobRequest);
		});
	}

	/** Stop the run in flight, if any (its promise rejects with Cancelled). */
	cancel(): void {
		if (!this.#pending) return;
		this.#pending.reject(new Cancelled());
		this.#pending = null;
		this.#drop();
	}

	get busy(): boolean {
		return this.#pending !== null;
	}

	dispose(): void {
		this.cancel();
		this.#drop();
	}

	#drop(): void {
		this.#worker?.terminate();
		this.#index?.terminate();
		this.#worker = null;
		this.#index = null;
	}
}

/** Jobs as plain data (Svelte state proxies can't be posted). */
function plain(jobs: Job[]): Job[] {
	return jobs.map((j) => ({
		config: { ...j.config },
		requests: j.requests,
		packed: j.packed,
		workload: j.workload ? { ...j.workload } : undefined,
		cost: j.cost
	}));
}
