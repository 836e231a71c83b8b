/**
 * The pages' simulation off the main thread: each job is simulated into a compact store here
 * and handed, part by part, to the index worker (run-pipeline.ts), which indexes it meanwhile
 * and posts the runs to the page. Without that channel (none set up yet) a job is indexed here
 * too and posted whole. Typed arrays are transferred, not copied. Progress is posted as it
 * goes; the page cancels a run by terminating the workers (run-client.ts). A task (a
 * chapter's answer) is computed here too and posted as its small result.
 */
import { resolveCostModel } from '../fit/cost-spec';
import { answerVars } from '../learn/answers';
import { runData, simulateRun, workloadRequests, type RunPhase } from './run';
import { simulateInParts } from './run-pipeline';
import { storeBuffers } from '../events/store';
import { unpackRequests } from '../workload/packed';
import type { JobReply, JobRequest, PipePart, PipeSetup, Task, TaskResult } from './run-client';

/** Share of a job's progress bar the engine takes; indexing takes the rest (most of it meanwhile, with the index worker). */
const SIMULATE_SHARE = 0.6;
const SIMULATE_SHARE_PIPED = 0.95;

/** To the index worker, once the page has set it up. */
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
	const share = to ? SIMULATE_SHARE_PIPED : SIMULATE_SHARE;
	let last = 0;
	try {
		const runs = [];
		const transfer: ArrayBuffer[] = [];
		for (let j = 0; j < jobs.length; j++) {
			const job = jobs[j];
			const onProgress = (phase: RunPhase, done: number) => {
				const now = performance.now();
				if (now - last < 50) return;
				last = now;
				const within = phase === 'simulate' ? done * share : share + done * (1 - share);
				post({ id, type: 'progress', phase, done: (j + within) / jobs.length });
			};
			const requests = job.requests ?? (job.packed ? unpackRequests(job.packed) : workloadRequests(job.workload!));
			const costModel = job.cost ? (resolveCostModel(job.cost) ?? undefined) : undefined;
			if (to) {
				simulateInParts(job.config, requests, { costModel, maxEvents, onProgress }, (delta, end) =>
					to.postMessage({ id, job: j, jobs: jobs.length, maxEvents, delta, end } satisfies PipePart, storeBuffers(delta))
				);
				continue;
			}
			const { data, transfer: t } = runData(simulateRun(job.config, requests, { costModel, maxEvents, onProgress }));
			runs.push(data);
			transfer.push(...t);
		}
		// Piped, the index worker posts the runs.
		if (!to) post({ id, type: 'done', runs }, transfer);
	} catch (err) {
		to?.postMessage({ id, abort: true } satisfies PipePart);
		post({ id, type: 'error', message: (err as Error).message ?? String(err) });
	}
};
