/**
 * The page's side of the model worker: `call(type, fields, onProgress)` → a promise of the
 * reply. `terminate()` stops whatever the worker is doing at once (a measurement in the
 * middle of a synchronous decode step included) and fails the pending calls; the next
 * call starts a fresh worker.
 */
import type { CallType, Calls, FromWorker, Progress, ToWorker } from './worker-protocol';

export class WorkerStopped extends Error {
	constructor(message = 'stopped') {
		super(message);
		this.name = 'WorkerStopped';
	}
}

interface Pending {
	ok: (v: unknown) => void;
	fail: (e: Error) => void;
	onProgress?: (p: Progress) => void;
}

export class ModelClient {
	#worker: Worker | null = null;
	#nextId = 1;
	#pending = new Map<number, Pending>();

	call<K extends CallType>(type: K, fields: Calls[K][0], onProgress?: (p: Progress) => void): Promise<Calls[K][1]> {
		const id = this.#nextId++;
		return new Promise((ok, fail) => {
			this.#pending.set(id, { ok: ok as (v: unknown) => void, fail, onProgress });
			this.#ensure().postMessage({ id, type, ...fields } as ToWorker);
		});
	}

	/** Abandon a model download in progress (its `load` call fails with `cancelled`). */
	cancelDownload(): void {
		this.#worker?.postMessage({ id: this.#nextId++, type: 'cancel' } satisfies ToWorker);
	}

	terminate(reason = 'stopped'): void {
		this.#worker?.terminate();
		this.#worker = null;
		for (const p of this.#pending.values()) p.fail(new WorkerStopped(reason));
		this.#pending.clear();
	}

	#ensure(): Worker {
		if (this.#worker) return this.#worker;
		const w = new Worker(new URL('./model.worker.ts', import.meta.url), { type: 'module' });
		w.onmessage = (e: MessageEvent<FromWorker>) => {
			const m = e.data;
			const p = this.#pending.get(m.id);
			if (!p) return;
			if (m.kind === 'progress') return p.onProgress?.(m.progress);
			this.#pending.delete(m.id);
			if (m.kind === 'done') p.ok(m.result);
			else p.fail(Object.assign(new Error(m.message), { cancelled: m.cancelled === true }));
		};
		w.onerror = (e) => this.terminate(`the model worker failed: ${e.message || 'could not start'}`);
		return (this.#worker = w);
	}
}
