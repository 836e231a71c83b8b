/**
 * Request traces in JSONL (DESIGN.md §4): one request per line, blank lines allowed.
 * Every error names the source, the 1-based line and the field.
 */
import { InputError } from '../params/input-error';
import { MAX_TOKEN_ID } from '../params/limits';
import { MAX_TOKENS_PER_SEQ, WORKLOAD_PARAMS } from '../params/schema';
import type { RequestSpec } from './request';
import { hashString, Rng } from './rng';
import { clip, clipName, MAX_ECHO } from './formats/text';
import { randomTokens } from './workload';

export interface TraceOptions {
	/** Token ids drawn for lines that give `promptLen` instead of `promptTokens`. */
	vocabSize?: number;
	/** Most prompt + output tokens of the whole trace, checked before a prompt is drawn (default: no limit). */
	maxTokens?: number;
}

const KEYS = ['id', 'arrivalStep', 'arrivalMs', 'promptTokens', 'promptLen', 'outputLen', 'n', 'beamWidth'] as const;
type Key = (typeof KEYS)[number];

export function parseTrace(text: string, source: string, opts: TraceOptions = {}): RequestSpec[] {
	const vocabSize = opts.vocabSize ?? 50_000;
	const seen = new Set<string>();
	const out: RequestSpec[] = [];
	const budget = { max: opts.maxTokens ?? Infinity, left: opts.maxTokens ?? Infinity };
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const text = lines[i].trim();
		if (text === '') continue;
		const req = parseLine(text, source, i + 1, vocabSize, budget);
		budget.left -= req.promptTokens.length + req.outputLen;
		if (seen.has(req.id)) throw new InputError(source, 'id', `duplicate id ${clip(req.id)}`, i + 1);
		seen.add(req.id);
		// One clock per trace: steps and ms can't be ordered against each other.
		if (out.length > 0 && (out[0].arrivalMs === undefined) !== (req.arrivalMs === undefined))
			throw new InputError(
				source,
				req.arrivalMs === undefined ? 'arrivalStep' : 'arrivalMs',
				'mixes clocks: give arrivalStep on every line or arrivalMs on every line',
				i + 1
			);
		out.push(req);
	}
	return out;
}

function parseLine(text: string, source: string, line: number, vocabSize: number, budget: { max: number; left: number }): RequestSpec {
	const fail = (field: string, message: string): never => {
		throw new InputError(source, field, message, line);
	};
	const overBudget = (tokens: number) => {
		if (tokens > budget.left)
			fail('(trace)', `more than ${budget.max.toLocaleString('en-US')} prompt + output tokens by this line; cut the file`);
	};
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (e) {
		return fail('(json)', `malformed JSON: ${(e as Error).message.slice(0, MAX_ECHO)}`);
	}
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('(line)', 'must be a JSON object');
	const obj = raw as Record<string, unknown>;
	for (const key of Object.keys(obj)) if (!KEYS.includes(key as Key)) fail(clipName(key), `unknown key (known: ${KEYS.join(', ')})`);

	const int = (key: Key, min: number, required: boolean, max = Number.MAX_SAFE_INTEGER): number | undefined => {
		const v = obj[key];
		if (v === undefined) return required ? fail(key, 'missing') : undefined;
		if (typeof v !== 'number' || !Number.isInteger(v)) return fail(key, `must be an integer, got ${clip(v)}`);
		if (v < min) return fail(key, `must be ≥ ${min}, got ${v}`);
		if (v > max) return fail(key, `must be ≤ ${max.toLocaleString('en-US')}, got ${clip(v)}`);
		return v;
	};

	const id = obj.id;
	if (id === undefined) fail('id', 'missing');
	if (typeof id !== 'string' || id === '') return fail('id', `must be a non-empty string, got ${clip(id)}`);
	const arrivalMs = obj.arrivalMs === undefined ? undefined : ms(obj.arrivalMs, fail);
	if (arrivalMs !== undefined && obj.arrivalStep !== undefined) fail('arrivalMs', 'give arrivalStep or arrivalMs, not both');
	if (arrivalMs === undefined && obj.arrivalStep === undefined) fail('arrivalStep', 'missing (or give arrivalMs)');
	const arrivalStep = arrivalMs === undefined ? int('arrivalStep', 0, true)! : 0;
	const outputLen = int('outputLen', 1, true, MAX_TOKENS_PER_SEQ)!;
	const n = int('n', 1, false, WORKLOAD_PARAMS.n.max);
	const beamWidth = int('beamWidth', 1, false, WORKLOAD_PARAMS.beamWidth.max);
	if (n !== undefined && beamWidth !== undefined && n > 1 && beamWidth > 1)
		fail('beamWidth', 'parallel sampling (n > 1) and beam search (beamWidth > 1) can’t be combined');

	let promptTokens: number[];
	if (obj.promptTokens !== undefined) {
		if (obj.promptLen !== undefined) fail('promptLen', 'give promptTokens or promptLen, not both');
		promptTokens = tokenArray(obj.promptTokens, fail);
		overBudget(promptTokens.length + outputLen);
	} else {
		const promptLen =
			obj.promptLen === undefined ? fail('promptTokens', 'missing (or give promptLen)') : int('promptLen', 1, true, MAX_TOKENS_PER_SEQ)!;
		overBudget(promptLen + outputLen);
		promptTokens = promptFromId(id, promptLen, vocabSize);
	}

	const req: RequestSpec = { id, arrivalStep, promptTokens, outputLen };
	if (arrivalMs !== undefined) req.arrivalMs = arrivalMs;
	if (n !== undefined) req.n = n;
	if (beamWidth !== undefined) req.beamWidth = beamWidth;
	return req;
}

function ms(v: unknown, fail: (field: string, message: string) => never): number {
	if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return fail('arrivalMs', `must be a number of ms ≥ 0, got ${clip(v)}`);
	return v;
}

function tokenArray(v: unknown, fail: (field: string, message: string) => never): number[] {
	if (!Array.isArray(v)) return fail('promptTokens', 'must be an array of token ids');
	if (v.length === 0) fail('promptTokens', 'must hold at least one token');
	if (v.length > MAX_TOKENS_PER_SEQ)
		fail(
			'promptTokens',
			`must hold ≤ ${MAX_TOKENS_PER_SEQ.toLocaleString('en-US')} tokens (the longest context), got ${v.length.toLocaleString('en-US')}`
		);
	for (let i = 0; i < v.length; i++) {
		const t = v[i];
		if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t > MAX_TOKEN_ID)
			fail('promptTokens', `item ${i} must be a token id in [0, 2^31), got ${clip(t)}`);
	}
	return v as number[];
}

/** Deterministic prompt tokens for a `promptLen` line: seeded by the request id. */
export function promptFromId(id: string, promptLen: number, vocabSize = 50_000): number[] {
	return randomTokens(new Rng(hashString(id)), promptLen, vocabSize);
}

/** Requests back to JSONL, one line each (token ids written out), newline-terminated. */
export function formatTrace(requests: readonly RequestSpec[]): string {
	let out = '';
	for (const r of requests) {
		const when = r.arrivalMs === undefined ? { arrivalStep: r.arrivalStep } : { arrivalMs: r.arrivalMs };
		const line: Record<string, unknown> = { id: r.id, ...when, promptTokens: r.promptTokens, outputLen: r.outputLen };
		if (r.n !== undefined) line.n = r.n;
		if (r.beamWidth !== undefined) line.beamWidth = r.beamWidth;
		out += JSON.stringify(line) + '\n';
	}
	return out;
}
