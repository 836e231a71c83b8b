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

	/** `failed` hears why a run failed; `revert` then (and after a cancel) puts the controls back to the run on screen. */
	constructor(
		private readonly failed: (message: string) => void,
		private readonly revert: () => void
	) {}

	/** Simulate `jobs` in the worker; `done` gets the runs. */
	ask(jobs: Job[], done: (runs: Run[]) => void): void {
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
					this.failed(e.message);
					this.revert();
				}
			);
	}

	/** Stop the run in flight, if any. */
	cancel(): void {
		if (!this.loading) return;
		this.#client?.cancel();
		this.loading = null;
		this.revert();
	}

	/** Stop the worker (a page going away). */
	dispose(): void {
		this.#client?.dispose();
		this.#client = null;
		this.loading = null;
	}
}
