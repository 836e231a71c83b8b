/**
 * Everything a run and its view need, as URL search parameters, and back.
 * Pure: unknown keys are dropped and out-of-range values clamped, each with a notice,
 * so a hand-edited link never gives a blank page.
 */
import { DEFAULT_CONFIG, parseConfig, type EngineConfig } from '../engine/config';
import type { WorkloadSpec } from '../workload/workload';
import { t, isLocale, detectLocale } from '../i18n';
import { shortName } from '../params/input-error';
import { URL_PARAMS, type Param } from '../params/schema';
import { resolveCostModel } from '../fit/cost-spec';

export type Granularity = 'step' | 'event';

/** The workload generator's knobs that the URL carries. */
export type WorkloadParams = Omit<WorkloadSpec, 'vocabSize' | 'arrivals'>;

export interface ViewState {
	config: EngineConfig;
	workload: WorkloadParams;
	/** Engine step to show (the last step ≤ this one). */
	step: number;
	granularity: Granularity;
	speed: number;
	/** Selected request id, or '' for none. */
	select: string;
	/** Block cell size in px, 0 = fit. */
	zoom: number;
	/** Cost model: a preset name or a roofline word (fit/cost-spec.ts); absent = the engine's default. */
	cost?: string;
}

/** A small run that already shows sharing, pressure and a preemption. */
export const LAB_CONFIG: EngineConfig = {
	...DEFAULT_CONFIG,
	blockSize: 8,
	numGpuBlocks: 24,
	maxNumSeqs: 8,
	maxNumBatchedTokens: 256,
	maxModelLen: 256
};

export const LAB_WORKLOAD: WorkloadParams = {
	preset: 'fixed',
	numRequests: 6,
	ratePerStep: 0.5,
	promptLen: 24,
	outputLen: 24,
	sharedPrefixLen: 16,
	sharedPrefixFraction: 0.5,
	n: 1,
	beamWidth: 1,
	maxLen: 256,
	seed: 1
};

export const DEFAULT_VIEW: ViewState = {
	config: LAB_CONFIG,
	workload: LAB_WORKLOAD,
	step: -1,
	granularity: 'step',
	speed: 4,
	select: '',
	zoom: 0
};

export const SPEEDS = [0.5, 1, 2, 4, 8, 16, 60, 1000] as const;

type Kind =
	| { kind: 'int'; min: number; max: number }
	| { kind: 'num'; min: number; max: number }
	| { kind: 'bool' }
	| { kind: 'enum'; values: readonly string[] }
	| { kind: 'str' };

export interface ParamSpec {
	/** URL key (short, stable: links in blog posts depend on it). */
	key: string;
	scope: 'config' | 'workload' | 'view';
	field: string;
	type: Kind;
	/** What the key means, for docs/embed.md. */
	doc: string;
}

const int = (min: number, max: number): Kind => ({ kind: 'int', min, max });

/** A schema entry as the URL reads it. */
function kindOf(p: Param): Kind {
	return p.kind === 'enum'
		? { kind: 'enum', values: p.values }
		: p.kind === 'bool'
			? { kind: 'bool' }
			: { kind: p.kind, min: p.min, max: p.max };
}

export const PARAMS: readonly ParamSpec[] = [
	// The config's and the workload's keys, ranges and docs: the parameter schema's.
	...URL_PARAMS.map(({ key, scope, field, param }): ParamSpec => ({ key, scope, field, type: kindOf(param), doc: param.doc })),
	{ key: 'step', scope: 'view', field: 'step', type: int(-1, 1e9), doc: 'engine step shown (-1 = the default start)' },
	{
		key: 'gran',
		scope: 'view',
		field: 'granularity',
		type: { kind: 'enum', values: ['step', 'event'] },
		doc: 'player granularity: step or event'
	},
	{
		key: 'speed',
		scope: 'view',
		field: 'speed',
		type: { kind: 'enum', values: SPEEDS.map(String) },
		doc: `steps per second: ${SPEEDS.join(', ')}`
	},
	{ key: 'sel', scope: 'view', field: 'select', type: { kind: 'str' }, doc: 'selected request id' },
	{ key: 'zoom', scope: 'view', field: 'zoom', type: int(0, 160), doc: 'block cell size in px (0 = fit)' },
	{
		key: 'cost',
		scope: 'view',
		field: 'cost',
		type: { kind: 'str' },
		doc: 'cost model: opt-13b-a100, tiny-webgl, or a roofline model_gpu_tpN_wDTYPE_kvDTYPE (docs/fit.md)'
	}
];

export interface ParsedView {
	state: ViewState;
	notices: string[];
}

type Bag = Record<string, unknown>;
function bagOf(state: ViewState, scope: ParamSpec['scope']): Bag {
	return (scope === 'view' ? state : state[scope]) as unknown as Bag;
}

function coerce(spec: ParamSpec, raw: string, fallback: unknown): { value: unknown; notice?: string } {
	const k = spec.type;
	const bad = (used: unknown) => ({ value: used, notice: t('url.invalid', { key: spec.key, value: shortName(raw), used: String(used) }) });
	switch (k.kind) {
		case 'bool':
			if (raw === '1' || raw === 'true') return { value: true };
			if (raw === '0' || raw === 'false') return { value: false };
			return bad(fallback);
		case 'enum':
			if (k.values.includes(raw)) return { value: spec.field === 'speed' ? Number(raw) : raw };
			if (spec.field === 'speed' && Number.isFinite(Number(raw))) {
				const want = Number(raw);
				const near = SPEEDS.reduce((a, b) => (Math.abs(b - want) < Math.abs(a - want) ? b : a));
				return { value: near, notice: t('url.clamped', { key: spec.key, value: shortName(raw), used: near }) };
			}
			return bad(fallback);
		case 'str':
			return { value: raw.slice(0, 64) };
		case 'int':
		case 'num': {
			const x = Number(raw);
			if (raw.trim() === '' || !Number.isFinite(x)) return bad(fallback);
			let v = k.kind === 'int' ? Math.round(x) : x;
			v = Math.min(k.max, Math.max(k.min, v));
			if (v !== x) return { value: v, notice: t('url.clamped', { key: spec.key, value: shortName(raw), used: v }) };
			return { value: v };
		}
	}
}

/** Read a view from URL parameters over `defaults`; never throws. A repeated key counts once, with its last value (as URLSearchParams.set would leave it). */
export function parseViewParams(params: URLSearchParams, defaults: ViewState = DEFAULT_VIEW): ParsedView {
	const state: ViewState = { ...defaults, config: { ...defaults.config }, workload: { ...defaults.workload } };
	const notices: string[] = [];
	const known = new Map(PARAMS.map((p) => [p.key, p]));
	const last = new Map<string, string>();
	for (const [key, raw] of params) last.set(key, raw);
	for (const [key, raw] of last) {
		if (key === LANG_KEY) {
			// The locale holder reads `lang` itself; here only a bad value earns a notice.
			if (!isLocale(raw))
				notices.push(
					t('url.invalid', { key, value: shortName(raw), used: detectLocale(typeof navigator === 'undefined' ? [] : navigator.languages) })
				);
			continue;
		}
		const spec = known.get(key);
		if (!spec) {
			if (!IGNORED_KEYS.has(key)) notices.push(t('url.unknown', { key: shortName(key) }));
			continue;
		}
		const bag = bagOf(state, spec.scope);
		const { value, notice } = coerce(spec, raw, bag[spec.field]);
		bag[spec.field] = value;
		if (notice) notices.push(notice);
	}
	if (state.cost && !resolveCostModel(state.cost)) {
		notices.push(t('url.invalid', { key: 'cost', value: state.cost, used: defaults.cost ?? 'opt-13b-a100' }));
		state.cost = defaults.cost;
	}
	const fixed = fitConfig(state.config);
	if (fixed.notice) notices.push(fixed.notice);
	state.config = fixed.config;
	return { state, notices };
}

/** The UI language (`en` | `zh`); owned by i18n/locale.svelte.ts, kept in every link. */
export const LANG_KEY = 'lang';

/** Keys other pages own (e.g. the embed's chrome options, the bench mode). */
const IGNORED_KEYS = new Set(['bench', 'controls', 'show', 'title', 'autoplay', 'theme', 'scenario']);

/** Make the settings consistent (the engine's own cross-field rule), or fall back to defaults. */
export function fitConfig(config: EngineConfig): { config: EngineConfig; notice?: string } {
	const c = { ...config };
	const notices: string[] = [];
	if (!c.enableChunkedPrefill && c.maxNumBatchedTokens < c.maxModelLen - 1) {
		notices.push(t('url.clamped', { key: 'budget', value: c.maxNumBatchedTokens, used: c.maxModelLen - 1 }));
		c.maxNumBatchedTokens = c.maxModelLen - 1;
	}
	// vLLM V1 has no swap and no Orca baselines: switching to v1 keeps the rest and says what it changed.
	if (c.semantics === 'v1') {
		const changed: string[] = [];
		if (c.preemptionMode !== 'recompute') changed.push(`preempt=${(c.preemptionMode = 'recompute')}`);
		if (c.numCpuBlocks > 0) changed.push(`cpu=${(c.numCpuBlocks = 0)}`);
		if (c.allocator !== 'paged') changed.push(`alloc=${(c.allocator = 'paged')}`);
		if (changed.length) notices.push(t('url.v1', { used: changed.join(', ') }));
	}
	const notice = notices.length ? notices.join('; ') : undefined;
	try {
		return { config: parseConfig(c), notice };
	} catch (e) {
		return { config: { ...DEFAULT_CONFIG }, notice: t('url.config', { msg: (e as Error).message }) };
	}
}

/** Every setting as URL parameters (all of them, so a link survives a change of defaults). */
export function viewToParams(state: ViewState): URLSearchParams {
	const out = new URLSearchParams();
	for (const spec of PARAMS) {
		const v = bagOf(state, spec.scope)[spec.field];
		if (spec.field === 'select' && !v) continue;
		if (spec.field === 'zoom' && !v) continue;
		if (spec.field === 'cost' && !v) continue;
		if (spec.field === 'longPrefillTokenThreshold' && !v) continue;
		out.set(spec.key, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
	}
	return out;
}
