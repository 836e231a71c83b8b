/**
 * The pages' simulation off the main thread: each job is simulated into a compact store and
 * indexed (replay checkpoints, lanes, memory series) here, and the typed arrays are
 * transferred, not copied, to the page. Progress is posted as it goes; the page cancels a
 * run by terminating this worker (run-client.ts). A task (a chapter's answer) is computed
 * here too and posted as its small result.
 */
import { resolveCostModel } from '../fit/cost-spec';
import { answerVars } from '../learn/answers';
import { runData, simulateRun, workloadRequests, type RunPhase } from './run';
import { unpackRequests } from '../workload/packed';
import type { JobReply, JobRequest, Task, TaskResult } from './run-client';

/** Share of a job's progress bar the engine takes; indexing takes the rest. */
const SIMULATE_SHARE = 0.6;

function runTask(task: Task): TaskResult {
	return answerVars(task.chapter);
}

self.onmessage = (e: MessageEvent<JobRequest>) => {
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
				const within = phase === 'simulate' ? done * SIMULATE_SHARE : SIMULATE_SHARE + done * (1 - SIMULATE_SHARE);
				post({ id, type: 'progress', phase, done: (j + within) / jobs.length });
			};
			const requests = job.requests ?? (job.packed ? unpackRequests(job.packed) : workloadRequests(job.workload!));
			const costModel = job.cost ? (resolveCostModel(job.cost) ?? undefined) : undefined;
			const { data, transfer: t } = runData(simulateRun(job.config, requests, { costModel, maxEvents, onProgress }));
			runs.push(data);
			transfer.push(...t);
		}
		post({ id, type: 'done', runs }, transfer);
	} catch (err) {
		post({ id, type: 'error', message: (err as Error).message ?? String(err) });
	}
};
