/**
 * Seeded workload generators: fixed lengths, or the PagedAttention paper's ShareGPT and
 * Alpaca length distributions (log-normal, σ = 1, around the paper's mean input and
 * output lengths: the recipe of /work/shared/anchors/gen_trace.py), with Poisson (or
 * evenly spaced) arrivals and an optional shared few-shot prefix.
 * Deterministic: the same spec gives the same requests.
 */
import { clampNumber, parseParams } from '../params/check';
import { InputError } from '../params/input-error';
import { checkRunTokens, MAX_RUN_TOKENS } from '../params/limits';
import { ARRIVAL_PATTERNS, defaultsOf, WORKLOAD_PARAMS, WORKLOAD_PRESETS, type NumberParam, type Param } from '../params/schema';
import type { RequestSpec } from './request';
import { mixSeed, Rng } from './rng';

export { WORKLOAD_PRESETS };
export type WorkloadPreset = (typeof WORKLOAD_PRESETS)[number];
export type ArrivalPattern = (typeof ARRIVAL_PATTERNS)[number];

export interface WorkloadSpec {
	preset: WorkloadPreset;
	numRequests: number;
	/** Mean arrivals per engine step; 0 puts every request at step 0. */
	ratePerStep: number;
	/** `fixed` only: prompt tokens of every request (not counting the shared prefix). */
	promptLen: number;
	/** `fixed` only: tokens every request generates. */
	outputLen: number;
	/** Tokens of the common few-shot prefix. */
	sharedPrefixLen: number;
	/** Fraction of requests (spread evenly) whose prompt starts with the shared prefix. */
	sharedPrefixFraction: number;
	/** Parallel samples per request. */
	n: number;
	beamWidth: number;
	/** prompt + output ≤ maxLen (the model's context). */
	maxLen: number;
	vocabSize: number;
	seed: number;
	/** Poisson arrivals (default), or evenly spaced as gen_trace.py places them (request i at floor(i / rate)). */
	arrivals?: ArrivalPattern;
}

/** The paper's mean lengths (Fig. 11): [input, output]. */
export const PRESET_MEANS: Record<Exclude<WorkloadPreset, 'fixed'>, readonly [number, number]> = {
	sharegpt: [161.31, 337.99],
	alpaca: [19.31, 58.45]
};
const SIGMA = 1;

// Every field has a schema entry (ranges, defaults and docs live there).
WORKLOAD_PARAMS satisfies Record<keyof WorkloadSpec, unknown>;

export const DEFAULT_WORKLOAD: Readonly<WorkloadSpec> = Object.freeze(defaultsOf(WORKLOAD_PARAMS) satisfies WorkloadSpec);

/** The numeric fields, each with its schema entry. */
const NUMERIC = (Object.entries(WORKLOAD_PARAMS) as [keyof WorkloadSpec, Param][]).filter(
	(e): e is [keyof WorkloadSpec, NumberParam] => e[1].kind === 'int' || e[1].kind === 'num'
);

/** Fill in defaults and check every field; throws InputError naming the field. */
export function validateWorkload(raw: Partial<WorkloadSpec>, source = 'workload'): WorkloadSpec {
	const spec = parseParams<WorkloadSpec>(raw, WORKLOAD_PARAMS, DEFAULT_WORKLOAD, source);
	if (spec.n > 1 && spec.beamWidth > 1)
		throw new InputError(source, 'beamWidth', 'parallel sampling (n > 1) and beam search can’t be combined');
	const prefix = spec.sharedPrefixFraction > 0 ? spec.sharedPrefixLen : 0;
	if (prefix + 2 > spec.maxLen)
		throw new InputError(
			source,
			'sharedPrefixLen',
			`must leave room for a prompt token and an output token (≤ maxLen - 2 = ${spec.maxLen - 2})`
		);
	if (spec.preset === 'fixed' && prefix + spec.promptLen + spec.outputLen > spec.maxLen)
		throw new InputError(source, 'outputLen', `sharedPrefixLen + promptLen + outputLen must be ≤ maxLen (${spec.maxLen})`);
	return spec;
}

/** Bring every field into range (for sliders and URL state), saying what changed. */
export function clampWorkload(raw: Partial<WorkloadSpec>): { spec: WorkloadSpec; notices: string[] } {
	const notices: string[] = [];
	const spec: WorkloadSpec = { ...DEFAULT_WORKLOAD };
	for (const [key, value] of Object.entries(raw ?? {})) {
		if (!Object.hasOwn(WORKLOAD_PARAMS, key)) notices.push(`${key}: unknown setting, ignored`);
		else if (value !== undefined) (spec as unknown as Record<string, unknown>)[key] = value;
	}
	const set = <K extends keyof WorkloadSpec>(key: K, value: WorkloadSpec[K], why: string) => {
		notices.push(`${key}: ${why}, using ${value}`);
		spec[key] = value;
	};
	if (!WORKLOAD_PRESETS.includes(spec.preset)) set('preset', DEFAULT_WORKLOAD.preset, `unknown preset ${JSON.stringify(spec.preset)}`);
	if (!ARRIVAL_PATTERNS.includes(spec.arrivals as ArrivalPattern))
		set('arrivals', 'poisson', `unknown arrival pattern ${JSON.stringify(spec.arrivals)}`);
	for (const [key, p] of NUMERIC) {
		const v = spec[key];
		const c = typeof v === 'number' ? clampNumber(p, v) : null;
		if (c === null) set(key, p.default as never, 'not a number');
		else if (c !== v) set(key, c as never, c === p.min ? `at least ${p.min}` : c === p.max ? `at most ${p.max}` : 'must be a whole number');
	}
	if (spec.n > 1 && spec.beamWidth > 1) set('beamWidth', 1, 'parallel sampling and beam search can’t be combined');
	if (spec.sharedPrefixFraction > 0 && spec.sharedPrefixLen + 2 > spec.maxLen)
		set('sharedPrefixLen', spec.maxLen - 2, 'must leave room for a prompt and an output token');
	const prefix = spec.sharedPrefixFraction > 0 ? spec.sharedPrefixLen : 0;
	if (spec.preset === 'fixed') {
		if (prefix + spec.promptLen + 1 > spec.maxLen) set('promptLen', spec.maxLen - prefix - 1, 'prompt too long for maxLen');
		if (prefix + spec.promptLen + spec.outputLen > spec.maxLen)
			set('outputLen', spec.maxLen - prefix - spec.promptLen, 'prompt + output must fit in maxLen');
	}
	return { spec, notices };
}

/** Independent random streams, so changing the rate doesn't reshuffle the lengths. */
const STREAM = { lengths: 1, arrivals: 2, tokens: 3, prefix: 4 } as const;

/**
 * The requests of a workload spec (defaults for missing fields); throws InputError on a bad
 * field, or when the run would hold more than `maxTokens` tokens, before drawing any token.
 */
export function generateWorkload(raw: Partial<WorkloadSpec>, { maxTokens = MAX_RUN_TOKENS, source = 'workload' } = {}): RequestSpec[] {
	const spec = validateWorkload(raw, source);
	const rng = (stream: number) => new Rng(mixSeed(spec.seed, stream));
	checkRunTokens(workloadTokens(spec, rng(STREAM.lengths)), maxTokens, source, 'numRequests');
	const lengths = rng(STREAM.lengths);
	const arrivals = rng(STREAM.arrivals);
	const tokens = rng(STREAM.tokens);
	const prefixTokens = randomTokens(rng(STREAM.prefix), spec.sharedPrefixFraction > 0 ? spec.sharedPrefixLen : 0, spec.vocabSize);
	const out: RequestSpec[] = [];
	let t = 0;
	for (let i = 0; i < spec.numRequests; i++) {
		const [prefix, promptLen, outputLen] = requestLengths(spec, lengths, i);
		const promptTokens = prefix > 0 ? prefixTokens.slice() : [];
		for (let j = 0; j < promptLen; j++) promptTokens.push(tokens.int(spec.vocabSize));
		const req: RequestSpec = { id: `r${i}`, arrivalStep: arrivalStep(spec, i, t), promptTokens, outputLen };
		if (spec.n > 1) req.n = spec.n;
		if (spec.beamWidth > 1) req.beamWidth = spec.beamWidth;
		out.push(req);
		if (spec.ratePerStep > 0) t += -Math.log(1 - arrivals.next()) / spec.ratePerStep;
	}
	return out;
}

/** Prompt + output tokens the spec will draw, once per sample or beam (lengths only: cheap, and the same draws). */
function workloadTokens(spec: WorkloadSpec, lengths: Rng): number {
	const width = Math.max(spec.n, spec.beamWidth);
	let total = 0;
	for (let i = 0; i < spec.numRequests; i++) {
		const [prefix, prompt, output] = requestLengths(spec, lengths, i);
		total += (prefix + prompt + output) * width;
	}
	return total;
}

/** Request i's [shared prefix, prompt, output] lengths: one draw from `lengths`, spread evenly over the prefix fraction. */
function requestLengths(spec: WorkloadSpec, lengths: Rng, i: number): [number, number, number] {
	const withPrefix = Math.floor((i + 1) * spec.sharedPrefixFraction) > Math.floor(i * spec.sharedPrefixFraction);
	const prefix = withPrefix ? spec.sharedPrefixLen : 0;
	const [p, o] = drawLengths(spec, lengths);
	const promptLen = Math.max(1, Math.min(p, spec.maxLen - 1 - prefix));
	return [prefix, promptLen, Math.max(1, Math.min(o, spec.maxLen - prefix - promptLen))];
}

/** Poisson arrivals: exponential gaps of mean 1/rate, the first request at step 0. */
function arrivalStep(spec: WorkloadSpec, i: number, t: number): number {
	if (spec.ratePerStep <= 0) return 0;
	return spec.arrivals === 'even' ? Math.floor(i / spec.ratePerStep) : Math.floor(t);
}

/** [prompt, output] as gen_trace.py draws them: prompt ≤ maxLen/2, prompt + output ≤ maxLen. */
function drawLengths(spec: WorkloadSpec, rng: Rng): [number, number] {
	if (spec.preset === 'fixed') return [spec.promptLen, spec.outputLen];
	const [inMean, outMean] = PRESET_MEANS[spec.preset];
	const p = Math.min(logNormalLength(rng, inMean), Math.floor(spec.maxLen / 2));
	const o = Math.min(logNormalLength(rng, outMean), spec.maxLen - p);
	return [p, Math.max(1, o)];
}

/** A log-normal draw with the given mean (μ = ln mean − σ²/2), rounded, at least 1. */
export function logNormalLength(rng: Rng, mean: number): number {
	const mu = Math.log(mean) - (SIGMA * SIGMA) / 2;
	return Math.max(1, Math.round(Math.exp(mu + SIGMA * rng.normal())));
}

export function randomTokens(rng: Rng, count: number, vocabSize: number): number[] {
	const out = new Array<number>(count);
	for (let i = 0; i < count; i++) out[i] = rng.int(vocabSize);
	return out;
}
