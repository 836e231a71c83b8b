/**
 * The "Will it fit?" page's one state object: the user's choices (GiB where the page shows
 * GiB), the FitRequest they make, and the report, problems and lab link derived from it.
 * Its URL (`?model=…&gpu=…&tp=…`) carries the choices that differ from the defaults.
 */
import { GPU_IDS } from './gpus';
import { DTYPES, type Dtype } from './kv-sizing';
import { labLink, type LabLink } from './lab-link';
import { getModel, MODEL_IDS } from './models';
import { fitProblems, planFit, type FitReport, type FitRequest } from './plan';

const GiB = 2 ** 30;
export type MemoryMode = 'util' | 'kv';
export const TP_SIZES = [1, 2, 4, 8, 16] as const;

/** URL key, field, and how to read it back. */
const KEYS = [
	['model', 'model', 'id'],
	['gpu', 'gpu', 'id'],
	['tp', 'tp', 'num'],
	['w', 'weightDtype', 'dtype'],
	['kv', 'kvDtype', 'dtype'],
	['util', 'util', 'num'],
	['kvmem', 'kvGiB', 'num'],
	['len', 'maxModelLen', 'num'],
	['bs', 'blockSize', 'num'],
	['mnbt', 'maxNumBatchedTokens', 'num'],
	['weights', 'weightsGiB', 'num'],
	['act', 'activationGiB', 'num'],
	['ovh', 'overheadGiB', 'num']
] as const;

const gib = (x: number | undefined) => (x === undefined || x === null || Number.isNaN(x) ? undefined : Math.round(x * GiB));
const opt = (x: number | undefined | null) => (x === null || x === undefined || Number.isNaN(x) ? undefined : x);

export class FitState {
	model = $state('llama-3.1-8b');
	gpu = $state('h100-80gb');
	tp = $state(1);
	weightDtype = $state<Dtype | undefined>(undefined);
	kvDtype = $state<Dtype | undefined>(undefined);
	mode = $state<MemoryMode>('util');
	util = $state(0.9);
	kvGiB = $state(16);
	maxModelLen = $state<number | undefined>(undefined);
	blockSize = $state(16);
	maxNumBatchedTokens = $state<number | undefined>(undefined);
	weightsGiB = $state<number | undefined>(undefined);
	activationGiB = $state<number | undefined>(undefined);
	overheadGiB = $state<number | undefined>(undefined);

	readonly request: FitRequest = $derived({
		model: this.model,
		gpu: this.gpu,
		tp: this.tp,
		weightDtype: this.weightDtype,
		kvDtype: this.kvDtype,
		gpuMemoryUtilization: this.mode === 'util' ? this.util : undefined,
		kvCacheMemory: this.mode === 'kv' ? gib(this.kvGiB) : undefined,
		maxModelLen: opt(this.maxModelLen),
		blockSize: this.blockSize,
		maxNumBatchedTokens: opt(this.maxNumBatchedTokens),
		weightsBytes: gib(opt(this.weightsGiB)),
		activationBytes: gib(opt(this.activationGiB)),
		overheadBytes: gib(opt(this.overheadGiB))
	});
	readonly problems = $derived(fitProblems(this.request));
	readonly report: FitReport | null = $derived(this.problems.length ? null : planFit(this.request));
	readonly lab: LabLink | null = $derived(this.report ? labLink(this.report) : null);

	/** A new model brings its own length and dtype; a TP it cannot take falls back to 1. */
	setModel(id: string): void {
		this.model = id;
		this.maxModelLen = undefined;
		this.weightDtype = undefined;
		if (!this.tpAllowed(this.tp)) this.tp = 1;
	}

	tpAllowed(tp: number): boolean {
		return fitProblems({ model: this.model, gpu: this.gpu, tp }).length === 0;
	}

	/** Read the choices from a page URL, ignoring what it cannot use. */
	load(params: URLSearchParams): void {
		const bag = this as unknown as Record<string, unknown>;
		for (const [key, field, kind] of KEYS) {
			const raw = params.get(key);
			if (raw === null) continue;
			if (kind === 'id') {
				if ((field === 'model' ? MODEL_IDS : GPU_IDS).includes(raw)) bag[field] = raw;
			} else if (kind === 'dtype') {
				if (DTYPES.includes(raw as Dtype)) bag[field] = raw;
			} else if (raw.trim() !== '' && Number.isFinite(Number(raw))) bag[field] = Number(raw);
		}
		if (params.has('kvmem')) this.mode = 'kv';
		if (!this.tpAllowed(this.tp)) this.tp = 1;
		if (this.maxModelLen !== undefined && this.maxModelLen > getModel(this.model).maxPositionEmbeddings) this.maxModelLen = undefined;
	}

	/** The choices as URL parameters (defaults left out). */
	params(): URLSearchParams {
		const p = new URLSearchParams();
		const bag = this as unknown as Record<string, unknown>;
		const defaults: Record<string, unknown> = { tp: 1, util: 0.9, bs: 16 };
		for (const [key, field] of KEYS) {
			const v = bag[field];
			if (v === undefined || v === null || defaults[key] === v) continue;
			if (key === 'util' && this.mode !== 'util') continue;
			if (key === 'kvmem' && this.mode !== 'kv') continue;
			p.set(key, String(v));
		}
		return p;
	}
}
