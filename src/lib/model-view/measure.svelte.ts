/**
 * Chapter 3's decode-speed measurement, run in the model worker: progress (cells done, an
 * estimate of the time left), rows as they complete, and Stop, which ends the worker at once
 * and keeps the rows measured so far. The page stays usable throughout.
 */
import type { BackendName } from '$lib/model/backend';
import { ModelClient, WorkerStopped } from './model-client';
import type { MeasureRow } from './worker-protocol';

export type MeasureStatus = 'idle' | 'loading' | 'running' | 'done' | 'stopped' | 'failed';

export class Measurement {
	status = $state<MeasureStatus>('idle');
	rows = $state.raw<MeasureRow[]>([]);
	/** Cells done and in all; the current cell; milliseconds left (estimated). */
	done = $state(0);
	total = $state(0);
	current = $state.raw<{ context: number; method: 'paged' | 'recompute' } | null>(null);
	etaMs = $state(0);
	choosingBackend = $state(false);
	backend = $state<BackendName | ''>('');
	error = $state('');

	#client = new ModelClient();

	get busy(): boolean {
		return this.status === 'loading' || this.status === 'running';
	}

	async start(spec: { base: string; contexts: number[]; decodeSteps: number; rounds: number; blockSize: number }): Promise<void> {
		this.status = 'loading';
		this.rows = [];
		this.error = '';
		this.done = 0;
		this.total = 0;
		this.current = null;
		try {
			const result = await this.#client.call('measure', spec, (p) => {
				this.choosingBackend = p.kind === 'backend';
				if (p.kind !== 'measure') return;
				this.status = 'running';
				this.done = p.done;
				this.total = p.total;
				this.etaMs = p.etaMs;
				this.current = p.label;
				if (p.row) this.rows = [...this.rows.filter((r) => r.context !== p.row!.context), p.row];
			});
			this.rows = result.rows;
			this.backend = result.backend;
			this.status = 'done';
		} catch (e) {
			if (e instanceof WorkerStopped) return;
			this.error = (e as Error).message || String(e);
			this.status = 'failed';
		} finally {
			this.choosingBackend = false;
		}
	}

	/** End the measurement now (the worker is terminated mid-step); completed rows stay. */
	stop(): void {
		if (!this.busy) return;
		this.#client.terminate();
		this.status = 'stopped';
	}

	dispose(): void {
		this.#client.terminate();
	}
}
