/**
 * Limits on a whole run, checked before anything is allocated, each with the reason in
 * its message (memory). The per-parameter maxima live in schema.ts.
 */
import { format } from 'd3-format';
import { InputError } from './input-error';

/** Largest token id: ids are 31-bit everywhere (traces, the prefix-cache hash, typed arrays). */
export const MAX_TOKEN_ID = 2 ** 31 - 1;

/**
 * Most prompt + output tokens of a run, counted once per sample or beam: a run holds every
 * token id of every sequence (8 to 16 bytes each with its copies), so 50 M tokens is about
 * 800 MB, the size of 100,000 ShareGPT-like requests (issue 9's largest run).
 */
export const MAX_RUN_TOKENS = 50_000_000;

/**
 * Most tokens a page generates or imports: 5 M, issue 9's target of 10,000 ShareGPT-like
 * requests in /lab. A tab has far less memory than Node; beyond this use `npm run sim`.
 * (The pages' event store has its own limit on events, checked as the run goes.)
 */
export const MAX_PAGE_TOKENS = 5_000_000;

interface Sized {
	promptTokens: readonly unknown[];
	outputLen: number;
	n?: number;
	beamWidth?: number;
}

/** Prompt + output tokens of the requests, once per sample or beam. */
export function runTokens(requests: readonly Sized[]): number {
	let total = 0;
	for (const r of requests) total += (r.promptTokens.length + r.outputLen) * Math.max(r.n ?? 1, r.beamWidth ?? 1);
	return total;
}

/** Throws InputError when `tokens` passes `limit`, saying both and why. */
export function checkRunTokens(tokens: number, limit: number, source: string, field = '(run)'): void {
	if (tokens <= limit) return;
	const where =
		limit === MAX_PAGE_TOKENS ? 'a page keeps every event of a run (use npm run sim for more)' : 'a run holds every token id in memory';
	throw new InputError(
		source,
		field,
		`${fmt(tokens)} prompt + output tokens (× samples or beams) is more than the limit of ${fmt(limit)}: ${where}`
	);
}

// d3's grouping, not Intl: a page's first Intl call sets up ICU (tens of ms).
export const fmt: (x: number) => string = format(',');
