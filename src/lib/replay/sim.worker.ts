/**
 * The pages' simulation off the main thread: each job is simulated into a compact store here
 * and handed, part by part, to the index worker (run-pipeline.ts), which indexes it meanwhile
 * and posts the runs to the page. Typed arrays are transferred, not copied. Progress is
 * posted as it goes; the page cancels a run by terminating the workers (run-client.ts). A
 * task (a chapter's answer) is computed here too and posted as its small result.
 */
import { resolveCostModel } from '../fit/cost-spec';
import { answerVars } from '../learn/answers';
import { workloadRequests, type RunPhase } from './run';
import { simulateInParts } from './run-pipeline';
import { storeBuffers } from '../events/store-data';
import { unpackRequests } from '../workload/packed';
import type { JobReply, JobRequest, PipePart, PipeSetup, Task, TaskResult } from './run-client';

/** Share of a job's progress bar the engine takes; the index worker's tail after it takes the rest. */
const SIMULATE_SHARE = 0.95;

/** To the index worker, once the page has set it up (run-client.ts does before any run). */
let pipe: MessagePort | null = null;

function runTask(task: Task): TaskResult {
	return answerVars(task.chapter);
}

self.onmessage = (e: MessageEvent<JobRequest | PipeSetup>) => {
	if ('pipe' in e.data) {
		pipe = e.data.pipe;
		return;
	}
	const post = (m: JobReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);
	const { id } = e.data;
	if ('task' in e.data) {
		try {
			post({ id, type: 'task', result: runTask(e.data.task) });
		} catch (err) {
			post({ id, type: 'error', message: (err as Error).message ?? String(err) });
		}
		return;
	}
	const { jobs, maxEvents } = e.data;
	const to = pipe;
	let last = 0;
	try {
		if (!to) throw new Error('no index worker: the page sets one up before asking for runs');
		for (let j = 0; j < jobs.length; j++) {
			const job = jobs[j];
			const onProgress = (phase: RunPhase, done: number) => {
				const now = performance.now();
				if (now - last < 50) return;
				last = now;
				const within = phase === 'simulate' ? done * SIMULATE_SHARE : SIMULATE_SHARE + done * (1 - SIMULATE_SHARE);
				post({ id, type: 'progress', phase, done: (j + within) / jobs.length });
			};
			const requests = job.requests ?? (job.packed ? unpackRequests(job.packed) : workloadRequests(job.workload!));
			const costModel = job.cost ? (resolveCostModel(job.cost) ?? undefined) : undefined;
			// The index worker posts the runs.
			simulateInParts(job.config, requests, { costModel, maxEvents, onProgress }, (delta, end) =>
				to.postMessage({ id, job: j, jobs: jobs.length, maxEvents, delta, end } satisfies PipePart, storeBuffers(delta))
			);
		}
	} catch (err) {
		to?.postMessage({ id, abort: true } satisfies PipePart);
		post({ id, type: 'error', message: (err as Error).message ?? String(err) });
	}
};
