/**
 * Seeded workload generators: fixed lengths, or the PagedAttention paper's ShareGPT and
 * Alpaca length distributions (log-normal, σ = 1, around the paper's mean input and
 * output lengths: the recipe of /work/shared/anchors/gen_trace.py), with Poisson (or
 * evenly spaced) arrivals and an optional shared few-shot prefix.
 * Deterministic: the same spec gives the same requests.
 */
import { InputError } from '../engine/config';
import type { RequestSpec } from './request';
import { mixSeed, Rng } from './rng';

export type WorkloadPreset = 'fixed' | 'sharegpt' | 'alpaca';
export const WORKLOAD_PRESETS: readonly WorkloadPreset[] = ['fixed', 'sharegpt', 'alpaca'];
export type ArrivalPattern = 'poisson' | 'even';

export interface WorkloadSpec {
	preset: WorkloadPreset;
	numRequests: number;
	/** Mean arrivals per engine step; ≤ 0 puts every request at step 0. */
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

export const DEFAULT_WORKLOAD: Readonly<WorkloadSpec> = Object.freeze({
	preset: 'sharegpt',
	numRequests: 200,
	ratePerStep: 1,
	promptLen: 64,
	outputLen: 64,
	sharedPrefixLen: 0,
	sharedPrefixFraction: 0,
	n: 1,
	beamWidth: 1,
	maxLen: 2048,
	vocabSize: 50_000,
	seed: 0,
	arrivals: 'poisson'
});

interface Limit {
	min: number;
	integer: boolean;
	max?: number;
}

const LIMITS: Record<Exclude<keyof WorkloadSpec, 'preset' | 'arrivals'>, Limit> = {
	numRequests: { min: 0, integer: true },
	ratePerStep: { min: -Infinity, integer: false },
	promptLen: { min: 1, integer: true },
	outputLen: { min: 1, integer: true },
	sharedPrefixLen: { min: 0, integer: true },
	sharedPrefixFraction: { min: 0, max: 1, integer: false },
	n: { min: 1, integer: true },
	beamWidth: { min: 1, integer: true },
	maxLen: { min: 2, integer: true },
	vocabSize: { min: 1, max: 2 ** 31, integer: true },
	seed: { min: 0, max: 2 ** 32 - 1, integer: true }
};

/** Fill in defaults and check every field; throws InputError naming the field. */
export function validateWorkload(raw: Partial<WorkloadSpec>, source = 'workload'): WorkloadSpec {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputError(source, '(root)', 'must be an object');
	const spec: WorkloadSpec = { ...DEFAULT_WORKLOAD };
	for (const [key, value] of Object.entries(raw)) {
		if (!(key in DEFAULT_WORKLOAD)) throw new InputError(source, key, `unknown key (known: ${Object.keys(DEFAULT_WORKLOAD).join(', ')})`);
		if (value !== undefined) (spec as unknown as Record<string, unknown>)[key] = value;
	}
	if (!WORKLOAD_PRESETS.includes(spec.preset))
		throw new InputError(source, 'preset', `must be one of ${WORKLOAD_PRESETS.join(', ')}, got ${JSON.stringify(spec.preset)}`);
	if (spec.arrivals !== 'poisson' && spec.arrivals !== 'even')
		throw new InputError(source, 'arrivals', `must be poisson or even, got ${JSON.stringify(spec.arrivals)}`);
	for (const [key, lim] of Object.entries(LIMITS)) {
		const v = spec[key as keyof typeof LIMITS];
		const err = limitError(v, lim);
		if (err) throw new InputError(source, key, `${err}, got ${JSON.stringify(v)}`);
	}
	if (spec.n > 1 && spec.beamWidth > 1) throw new InputError(source, 'beamWidth', 'parallel sampling (n > 1) and beam search can’t be combined');
	const prefix = spec.sharedPrefixFraction > 0 ? spec.sharedPrefixLen : 0;
	if (prefix + 2 > spec.maxLen)
		throw new InputError(source, 'sharedPrefixLen', `must leave room for a prompt token and an output token (≤ maxLen - 2 = ${spec.maxLen - 2})`);
	if (spec.preset === 'fixed' && prefix + spec.promptLen + spec.outputLen > spec.maxLen)
		throw new InputError(source, 'outputLen', `sharedPrefixLen + promptLen + outputLen must be ≤ maxLen (${spec.maxLen})`);
	return spec;
}

function limitError(v: unknown, lim: Limit): string | null {
	if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a finite number';
	if (lim.integer && !Number.isInteger(v)) return 'must be an integer';
	if (v < lim.min) return `must be ≥ ${lim.min}`;
	if (lim.max !== undefined && v > lim.max) return `must be ≤ ${lim.max}`;
	return null;
}

/** Bring every field into range (for sliders and URL state), saying what changed. */
export function clampWorkload(raw: Partial<WorkloadSpec>): { spec: WorkloadSpec; notices: string[] } {
	const notices: string[] = [];
	const spec: WorkloadSpec = { ...DEFAULT_WORKLOAD };
	for (const [key, value] of Object.entries(raw ?? {})) {
		if (!(key in DEFAULT_WORKLOAD)) notices.push(`${key}: unknown setting, ignored`);
		else if (value !== undefined) (spec as unknown as Record<string, unknown>)[key] = value;
	}
	const set = <K extends keyof WorkloadSpec>(key: K, value: WorkloadSpec[K], why: string) => {
		notices.push(`${key}: ${why}, using ${value}`);
		spec[key] = value;
	};
	if (!WORKLOAD_PRESETS.includes(spec.preset)) set('preset', DEFAULT_WORKLOAD.preset, `unknown preset ${JSON.stringify(spec.preset)}`);
	if (spec.arrivals !== 'poisson' && spec.arrivals !== 'even') set('arrivals', 'poisson', `unknown arrival pattern ${JSON.stringify(spec.arrivals)}`);
	for (const [key, lim] of Object.entries(LIMITS) as [keyof typeof LIMITS, Limit][]) {
		const v = spec[key];
		if (typeof v !== 'number' || !Number.isFinite(v)) set(key, DEFAULT_WORKLOAD[key], 'not a number');
		else if (lim.integer && !Number.isInteger(v)) set(key, Math.round(v), 'must be a whole number');
		if (spec[key] < lim.min) set(key, lim.min, `at least ${lim.min}`);
		if (lim.max !== undefined && spec[key] > lim.max) set(key, lim.max, `at most ${lim.max}`);
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

/** The requests of a workload spec (defaults for missing fields); throws InputError on a bad field. */
export function generateWorkload(raw: Partial<WorkloadSpec>): RequestSpec[] {
	const spec = validateWorkload(raw);
	const rng = (stream: number) => new Rng(mixSeed(spec.seed, stream));
	const lengths = rng(STREAM.lengths);
	const arrivals = rng(STREAM.arrivals);
	const tokens = rng(STREAM.tokens);
	const prefixTokens = randomTokens(rng(STREAM.prefix), spec.sharedPrefixFraction > 0 ? spec.sharedPrefixLen : 0, spec.vocabSize);
	const out: RequestSpec[] = [];
	let t = 0;
	for (let i = 0; i < spec.numRequests; i++) {
		const withPrefix = Math.floor((i + 1) * spec.sharedPrefixFraction) > Math.floor(i * spec.sharedPrefixFraction);
		const prefix = withPrefix ? prefixTokens.length : 0;
		const [p, o] = drawLengths(spec, lengths);
		const promptLen = Math.max(1, Math.min(p, spec.maxLen - 1 - prefix));
		const outputLen = Math.max(1, Math.min(o, spec.maxLen - prefix - promptLen));
		const promptTokens = withPrefix ? prefixTokens.slice() : [];
		for (let j = 0; j < promptLen; j++) promptTokens.push(tokens.int(spec.vocabSize));
		const req: RequestSpec = { id: `r${i}`, arrivalStep: arrivalStep(spec, i, t), promptTokens, outputLen };
		if (spec.n > 1) req.n = spec.n;
		if (spec.beamWidth > 1) req.beamWidth = spec.beamWidth;
		out.push(req);
		if (spec.ratePerStep > 0) t += -Math.log(1 - arrivals.next()) / spec.ratePerStep;
	}
	return out;
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
