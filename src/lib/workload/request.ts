/** A request as a workload or trace gives it (one JSONL line of the CLI contract). */
export interface RequestSpec {
	id: string;
	/** The step before whose scheduling the request joins the waiting queue (0 for a timed request). */
	arrivalStep: number;
	/** Simulated ms of arrival: the request joins at the first step starting at or after it (see docs/events.md). */
	arrivalMs?: number;
	promptTokens: number[];
	/** Tokens to generate (the synthetic executor's output length; the model's max tokens). */
	outputLen: number;
	/** Parallel samples (forked after the prompt). */
	n?: number;
	/** Beam search width (forks and prunes every step). */
	beamWidth?: number;
}

/** How many sequences a request's group holds while decoding. */
export function groupWidth(spec: RequestSpec): number {
	return Math.max(spec.n ?? 1, spec.beamWidth ?? 1);
}
