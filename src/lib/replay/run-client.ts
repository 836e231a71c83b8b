/**
 * The page's side of the simulation worker: one run at a time, the newest wins. Asking for
 * a run while another is in flight terminates that worker (a slider drag never queues
 * runs), and the superseded promise rejects with a Cancelled error that callers ignore.
 * Besides runs, the worker computes a few small figures pages quote (a `Task`), so that no
 * page simulates on the main thread.
 */
import type { EngineConfig } from '../engine/config';
import type { RequestSpec } from '../workload/request';
import type { WorkloadParams } from '../url/url-state';
import type { AnswerInput } from '../learn/answers';
import { runFromData, type Run, type RunData, type RunPhase } from './run';
import type { PackedRequests } from '../workload/packed';

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
		return new Promise((resolve, reject) => {
			this.#pending = { id, reject };
			worker.onmessage = (e: MessageEvent<JobReply>) => {
				const m = e.data;
				if (m.id !== id) return;
				if (m.type === 'progress') return onProgress(m);
				this.#pending = null;
				if (m.type === 'error') return reject(new Error(m.message));
				resolve(m);
			};
			worker.onerror = (e) => {
				this.#pending = null;
				this.#drop();
				reject(new Error(e.message || 'the simulation worker failed'));
			};
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
		this.#worker = null;
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
