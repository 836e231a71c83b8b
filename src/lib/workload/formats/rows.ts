/**
 * Where every foreign format ends up: one row per request (its arrival time, lengths and
 * block hash ids), turned into engine requests in one place. Times become `arrivalMs`
 * relative to the earliest request; hash ids become shared token blocks; the total is
 * checked against MAX_TRACE_TOKENS before a single token is drawn.
 */
import { InputError } from '../../params/input-error';
import { MAX_PAGE_TOKENS } from '../../params/limits';
import type { RequestSpec } from '../request';
import { promptFromId } from '../trace';
import { tokensFromHashIds } from './hash-blocks';
import { clip, type Fail } from './text';

/**
 * Most prompt + output tokens a trace may hold: 5 M, the scale of the engine benchmark
 * (10,000 ShareGPT-like requests, docs/performance.md). A real Mooncake or Bailian file is
 * larger; cut it first (`head -n 500 trace.jsonl`). The parameter schema's page limit.
 */
export const MAX_TRACE_TOKENS = MAX_PAGE_TOKENS;

export interface TraceRow {
	/** 1-based line in the file, for errors. */
	line: number;
	id: string;
	/** Arrival in ms on the trace's own clock (any origin). */
	timeMs: number;
	inputLength: number;
	outputLength: number;
	/** One id per `hashBlockSize` tokens of the prompt, or none (random, unshared tokens). */
	hashIds?: number[];
}

export interface RowOptions {
	vocabSize?: number;
	maxTokens?: number;
}

export interface ParsedRows {
	requests: RequestSpec[];
	/** Rows dropped because the trace records no output (failed requests). */
	skipped: number;
}

/** Rows with `outputLength` 0 are dropped and counted: the engine runs requests that generate. */
export function rowsToRequests(rows: readonly TraceRow[], source: string, hashBlockSize: number, opts: RowOptions = {}): ParsedRows {
	const vocabSize = opts.vocabSize ?? 50_000;
	const maxTokens = opts.maxTokens ?? MAX_TRACE_TOKENS;
	const kept = rows.filter((r) => r.outputLength > 0);
	let total = 0;
	for (const r of kept) {
		total += r.inputLength + r.outputLength;
		if (total > maxTokens)
			throw new InputError(
				source,
				'(trace)',
				`more than ${maxTokens.toLocaleString('en-US')} prompt + output tokens by this line; cut the file (e.g. head -n 500)`,
				r.line
			);
	}
	let t0 = Infinity;
	for (const r of kept) t0 = Math.min(t0, r.timeMs);
	const requests = kept.map((r): RequestSpec => {
		const unshared = (count: number) => promptFromId(r.id, count, vocabSize);
		const promptTokens = r.hashIds?.length
			? tokensFromHashIds(r.hashIds, r.inputLength, hashBlockSize, vocabSize, unshared)
			: unshared(r.inputLength);
		// To the µs: date-times far from 1970 leave float noise below that.
		return { id: r.id, arrivalStep: 0, arrivalMs: Math.round((r.timeMs - t0) * 1000) / 1000, promptTokens, outputLen: r.outputLength };
	});
	return { requests, skipped: rows.length - kept.length };
}

/** hash_ids: integers ≥ 0, no more than the prompt's blocks. */
export function hashIdList(v: unknown, inputLength: number, blockSize: number, fail: Fail): number[] {
	if (!Array.isArray(v)) return fail('hash_ids', 'must be an array of block hash ids');
	for (let i = 0; i < v.length; i++) {
		const id = v[i];
		if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0)
			fail('hash_ids', `item ${i} must be an integer ≥ 0, got ${clip(id)}`);
	}
	const blocks = Math.ceil(inputLength / blockSize);
	if (v.length > blocks) fail('hash_ids', `${v.length} ids for ${blocks} blocks of ${blockSize} (input_length ${inputLength})`);
	return v as number[];
}
