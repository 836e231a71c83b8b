/**
 * Runs asked of the simulation worker by a page's session: the newest request wins (the
 * client ends the one in flight), progress shows in `loading`, and a failure or a cancel
 * hands back to the session, which keeps the run on screen.
 */
import type { Run } from '../replay/run';
import { Cancelled, RunClient, type Job, type Loading } from '../replay/run-client';

export class RunRequests {
	loading = $state.raw<Loading | null>(null);
	#client: RunClient | null = null;

	/** Simulate `jobs` in the worker; `done` gets the runs, `failed` the reason (not on cancel). */
	ask(jobs: Job[], done: (runs: Run[]) => void, failed: (message: string) => void): void {
		this.#client ??= new RunClient();
		this.#client
			.run(jobs, (l) => (this.loading = l))
			.then(
				(runs) => {
					this.loading = null;
					done(runs);
				},
				(e: Error) => {
					if (e instanceof Cancelled) return;
					this.loading = null;
					failed(e.message);
				}
			);
	}

	/** Stop the run in flight; false if there was none. */
	cancel(): boolean {
		if (!this.loading) return false;
		this.#client?.cancel();
		this.loading = null;
		return true;
	}

	/** Stop the worker (a page going away). */
	dispose(): void {
		this.#client?.dispose();
		this.#client = null;
		this.loading = null;
	}
}
