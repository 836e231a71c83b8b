/**
 * Every engine-config and workload parameter, once: type, range, default, what it means,
 * its URL key and how the lab offers it. Config validation, workload validation and
 * clamping, the URL, the lab's controls, the experiments' lab links and docs/limits.md all
 * read this table, so a range can't drift between them. Node-safe: no Svelte or i18n
 * import (labels are message keys, as strings).
 *
 * Every number has a maximum, and the large ones say why: they bound what a run allocates
 * (the pool's arrays, token ids held per request) before anything is allocated.
 */

export const ALLOCATORS = ['paged', 'orca-max', 'orca-pow2', 'orca-oracle'] as const;
export const PREEMPTION_MODES = ['recompute', 'swap', 'auto'] as const;
/** Whose rules: the 2023 paper's engine (sequence groups, copy-on-write, swap) or vLLM V1 as it runs today (docs/semantics.md). */
export const SEMANTICS = ['paper', 'v1'] as const;
export const WORKLOAD_PRESETS = ['fixed', 'sharegpt', 'alpaca'] as const;
export const ARRIVAL_PATTERNS = ['poisson', 'even'] as const;

/** How the lab offers a parameter: a slider over a comfortable range (its number box reaches the schema's max), a select, a checkbox, a number box. */
export type ControlHint =
	| { kind: 'range'; min: number; max: number; step: number }
	| { kind: 'select'; options?: readonly number[] }
	| { kind: 'check' }
	| { kind: 'number' };

interface Common {
	/** One line: what it means (docs/limits.md, docs/embed.md, --help). */
	doc: string;
	/** URL search parameter (short and stable: links in posts depend on it); none = not in the URL. */
	url?: string;
	/** i18n message key of the lab's label. */
	label?: string;
	control?: ControlHint;
}
export type NumberParam = Common & {
	kind: 'int' | 'num';
	min: number;
	max: number;
	default: number;
	/** Why the maximum is what it is (memory, vLLM's own limit…). */
	why: string;
};
export type BoolParam = Common & { kind: 'bool'; default: boolean };
export type EnumParam = Common & { kind: 'enum'; values: readonly string[]; default: string };
export type Param = NumberParam | BoolParam | EnumParam;

/** 2^17: a GPU pool the size of an H100's KV cache in blocks of 16 (issue 9), and the longest context worth simulating. */
export const MAX_BLOCKS = 131_072;
export const MAX_TOKENS_PER_SEQ = 131_072;
const U32 = 2 ** 32 - 1;

const POOL =
	'the pool’s arrays are allocated up front, 4 to 8 bytes per block each: 131,072 blocks (an H100’s KV cache in blocks of 16) is the most a run sizes';
const LENGTH = 'a request’s tokens are held in memory; 131,072 is a long-context model’s window';

export const CONFIG_PARAMS = {
	blockSize: {
		kind: 'int',
		min: 1,
		max: 256,
		default: 16,
		url: 'bs',
		label: 'lab.blockSize',
		doc: 'token slots per block',
		why: 'vLLM’s largest block size is 256',
		control: { kind: 'select', options: [1, 2, 4, 8, 16, 32, 64, 128, 256] }
	},
	numGpuBlocks: {
		kind: 'int',
		min: 1,
		max: MAX_BLOCKS,
		default: 64,
		url: 'gpu',
		label: 'lab.numGpuBlocks',
		doc: 'GPU blocks in the pool',
		why: POOL,
		control: { kind: 'range', min: 4, max: 1024, step: 1 }
	},
	numCpuBlocks: {
		kind: 'int',
		min: 0,
		max: MAX_BLOCKS,
		default: 0,
		url: 'cpu',
		label: 'lab.numCpuBlocks',
		doc: 'CPU swap blocks (0 = no swap)',
		why: POOL,
		control: { kind: 'range', min: 0, max: 256, step: 1 }
	},
	maxNumSeqs: {
		kind: 'int',
		min: 1,
		max: 1024,
		default: 16,
		url: 'seqs',
		label: 'lab.maxNumSeqs',
		doc: 'most sequences running at once',
		why: 'vLLM’s defaults are 256 to 1,024',
		control: { kind: 'range', min: 1, max: 64, step: 1 }
	},
	maxNumBatchedTokens: {
		kind: 'int',
		min: 1,
		max: MAX_TOKENS_PER_SEQ,
		default: 1024,
		url: 'budget',
		label: 'lab.maxNumBatchedTokens',
		doc: 'token budget per step',
		why: 'without chunked prefill it must reach maxModelLen − 1',
		control: { kind: 'range', min: 16, max: 4096, step: 16 }
	},
	maxModelLen: {
		kind: 'int',
		min: 2,
		max: MAX_TOKENS_PER_SEQ,
		default: 1024,
		url: 'maxlen',
		label: 'lab.maxModelLen',
		doc: 'max model length (prompt + output)',
		why: LENGTH,
		control: { kind: 'range', min: 16, max: 4096, step: 16 }
	},
	enablePrefixCaching: {
		kind: 'bool',
		default: true,
		url: 'prefix',
		label: 'lab.enablePrefixCaching',
		doc: 'prefix caching (1/0)',
		control: { kind: 'check' }
	},
	enableChunkedPrefill: {
		kind: 'bool',
		default: false,
		url: 'chunked',
		label: 'lab.enableChunkedPrefill',
		doc: 'chunked prefill (1/0)',
		control: { kind: 'check' }
	},
	longPrefillTokenThreshold: {
		kind: 'int',
		min: 0,
		max: MAX_TOKENS_PER_SEQ,
		default: 0,
		url: 'longpf',
		doc: 'chunked prefill cap per request per step (0 = none)',
		why: 'no use beyond maxModelLen'
	},
	preemptionMode: {
		kind: 'enum',
		values: PREEMPTION_MODES,
		default: 'recompute',
		url: 'preempt',
		label: 'lab.preemptionMode',
		doc: 'recompute, swap or auto',
		control: { kind: 'select' }
	},
	watermark: {
		kind: 'num',
		min: 0,
		max: 0.9,
		default: 0,
		url: 'wm',
		label: 'lab.watermark',
		doc: 'admission watermark, fraction of the pool kept free',
		why: 'above 0.9 almost nothing is ever admitted',
		control: { kind: 'range', min: 0, max: 0.5, step: 0.01 }
	},
	allocator: {
		kind: 'enum',
		values: ALLOCATORS,
		default: 'paged',
		url: 'alloc',
		label: 'lab.allocator',
		doc: 'paged, orca-max, orca-pow2, orca-oracle',
		control: { kind: 'select' }
	},
	semantics: {
		kind: 'enum',
		values: SEMANTICS,
		default: 'paper',
		url: 'sem',
		label: 'lab.semantics',
		doc: 'paper (the 2023 paper: groups, copy-on-write, swap) or v1 (vLLM today: null block 0, recompute only, n > 1 as child requests)',
		control: { kind: 'select' }
	},
	seed: {
		kind: 'int',
		min: 0,
		max: U32,
		default: 0,
		url: 'seed',
		label: 'lab.seed',
		doc: 'engine seed',
		why: 'seeds are 32-bit',
		control: { kind: 'number' }
	}
} as const satisfies Record<string, Param>;

export const WORKLOAD_PARAMS = {
	preset: {
		kind: 'enum',
		values: WORKLOAD_PRESETS,
		default: 'sharegpt',
		url: 'wl',
		label: 'lab.preset',
		doc: 'length distribution: fixed, sharegpt, alpaca',
		control: { kind: 'select' }
	},
	numRequests: {
		kind: 'int',
		min: 0,
		max: 100_000,
		default: 200,
		url: 'reqs',
		label: 'lab.numRequests',
		doc: 'number of requests',
		why: 'every request’s tokens are held in memory; 100,000 is the largest run measured (issue 9)',
		control: { kind: 'range', min: 1, max: 200, step: 1 }
	},
	ratePerStep: {
		kind: 'num',
		min: 0,
		max: 1000,
		default: 1,
		url: 'rate',
		label: 'lab.ratePerStep',
		doc: 'mean arrivals per step (0 = all at step 0)',
		why: 'past the batch size every request is already waiting',
		control: { kind: 'range', min: 0, max: 8, step: 0.1 }
	},
	promptLen: {
		kind: 'int',
		min: 1,
		max: MAX_TOKENS_PER_SEQ,
		default: 64,
		url: 'plen',
		label: 'lab.promptLen',
		doc: 'prompt length (fixed preset)',
		why: LENGTH,
		control: { kind: 'range', min: 1, max: 512, step: 1 }
	},
	outputLen: {
		kind: 'int',
		min: 1,
		max: MAX_TOKENS_PER_SEQ,
		default: 64,
		url: 'olen',
		label: 'lab.outputLen',
		doc: 'output length (fixed preset)',
		why: LENGTH,
		control: { kind: 'range', min: 1, max: 512, step: 1 }
	},
	sharedPrefixLen: {
		kind: 'int',
		min: 0,
		max: MAX_TOKENS_PER_SEQ,
		default: 0,
		url: 'spl',
		label: 'lab.sharedPrefixLen',
		doc: 'shared prefix length in tokens',
		why: LENGTH,
		control: { kind: 'range', min: 0, max: 256, step: 1 }
	},
	sharedPrefixFraction: {
		kind: 'num',
		min: 0,
		max: 1,
		default: 0,
		url: 'spf',
		label: 'lab.sharedPrefixFraction',
		doc: 'fraction of requests that share the prefix',
		why: 'a fraction',
		control: { kind: 'range', min: 0, max: 1, step: 0.05 }
	},
	n: {
		kind: 'int',
		min: 1,
		max: 16,
		default: 1,
		url: 'n',
		label: 'lab.n',
		doc: 'parallel samples per request',
		why: 'each sample holds its own tokens',
		control: { kind: 'range', min: 1, max: 8, step: 1 }
	},
	beamWidth: {
		kind: 'int',
		min: 1,
		max: 16,
		default: 1,
		url: 'beam',
		label: 'lab.beamWidth',
		doc: 'beam width (1 = no beam search)',
		why: 'each beam holds its own tokens',
		control: { kind: 'range', min: 1, max: 8, step: 1 }
	},
	maxLen: {
		kind: 'int',
		min: 2,
		max: MAX_TOKENS_PER_SEQ,
		default: 2048,
		url: 'wmax',
		doc: 'cap on prompt + output length of generated requests',
		why: LENGTH
	},
	vocabSize: {
		kind: 'int',
		min: 1,
		max: 2 ** 31,
		default: 50_000,
		doc: 'token ids are drawn from [0, vocabSize)',
		why: 'token ids stay below 2^31 (see MAX_TOKEN_ID)'
	},
	seed: {
		kind: 'int',
		min: 0,
		max: U32,
		default: 0,
		url: 'wseed',
		label: 'lab.seed',
		doc: 'workload seed',
		why: 'seeds are 32-bit',
		control: { kind: 'number' }
	},
	arrivals: {
		kind: 'enum',
		values: ARRIVAL_PATTERNS,
		default: 'poisson',
		doc: 'Poisson arrivals, or evenly spaced (request i at floor(i / rate))'
	}
} as const satisfies Record<string, Param>;

export type ConfigKey = keyof typeof CONFIG_PARAMS;
export type WorkloadKey = keyof typeof WORKLOAD_PARAMS;

/** The defaults of a table, as an object. */
export function defaultsOf<T extends Record<string, Param>>(table: T): { [K in keyof T]: T[K]['default'] } {
	const out: Record<string, unknown> = {};
	for (const [k, p] of Object.entries(table)) out[k] = p.default;
	return out as { [K in keyof T]: T[K]['default'] };
}

/** A parameter the URL carries: its key, where it lives, and its schema entry. */
export interface UrlParam {
	key: string;
	scope: 'config' | 'workload';
	field: string;
	param: Param;
}

/** Every config and workload parameter with a URL key, config first, in schema order. */
export const URL_PARAMS: readonly UrlParam[] = [...urlParams('config', CONFIG_PARAMS), ...urlParams('workload', WORKLOAD_PARAMS)];

function urlParams(scope: UrlParam['scope'], table: Record<string, Param>): UrlParam[] {
	return Object.entries(table).flatMap(([field, param]) => (param.url ? [{ key: param.url, scope, field, param }] : []));
}
