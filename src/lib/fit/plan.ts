/**
 * "Will it fit?": settings in, everything vLLM would decide and print out. Fills vLLM's
 * defaults, checks every setting against a typed table (the first bad one is an InputError
 * naming the field), then sizes the memory and the block pool for one tensor-parallel rank.
 */
import { InputError } from '../engine/config';
import { getGpu, servingDefaults, type GpuSpec } from './gpus';
import { getModel, type ModelSpec } from './models';
import { BLOCK_SIZES, DTYPES, estimateMaxModelLen, kvBytesPerToken, kvHeadsPerRank, sizePool, type Dtype, type Pool } from './kv-sizing';
import {
	activationPeakBytes,
	DEFAULT_GPU_MEMORY_UTILIZATION,
	DEFAULT_OVERHEAD_BYTES,
	GiB,
	memoryTerms,
	weightsBytes,
	type MemoryTerms
} from './memory-budget';

/** What the user chose; everything but the ids is optional (vLLM's defaults fill the rest). */
export interface FitRequest {
	model: string;
	gpu: string;
	tp?: number;
	weightDtype?: Dtype;
	kvDtype?: Dtype;
	gpuMemoryUtilization?: number;
	/** vLLM's --kv-cache-memory: KV bytes per GPU, instead of the utilization budget. */
	kvCacheMemory?: number;
	maxModelLen?: number;
	blockSize?: number;
	maxNumBatchedTokens?: number;
	maxNumSeqs?: number;
	/** Override the estimated memory terms, bytes per GPU. */
	weightsBytes?: number;
	activationBytes?: number;
	overheadBytes?: number;
}

export type FitField = Exclude<keyof FitRequest, 'model' | 'gpu'>;

export interface FitSettings extends Required<
	Omit<FitRequest, 'model' | 'gpu' | 'kvCacheMemory' | 'weightsBytes' | 'activationBytes' | 'overheadBytes'>
> {
	model: ModelSpec;
	gpu: GpuSpec;
	kvCacheMemory?: number;
}

type Check = (v: number | string, m: ModelSpec) => string | null;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const intIn =
	(min: number, max: number): Check =>
	(v) =>
		!isInt(v) || v < min || v > max ? `must be an integer from ${min} to ${max}, got ${v}` : null;
const bytes: Check = (v) => (typeof v !== 'number' || !Number.isFinite(v) || v < 0 ? `must be a number of bytes ≥ 0, got ${v}` : null);
const dtype: Check = (v) => (DTYPES.includes(v as Dtype) ? null : `must be one of ${DTYPES.join(', ')}, got ${v}`);

const CHECKS: Record<FitField, Check> = {
	tp: (v, m) => {
		if (!isInt(v) || v < 1 || v > 64) return `must be an integer from 1 to 64, got ${v}`;
		// vLLM's verify_with_parallel_config and the attention layers' own asserts.
		if (m.numAttentionHeads % v) return `must divide ${m.id}'s ${m.numAttentionHeads} attention heads, got ${v}`;
		if (m.attention !== 'MLA' && (m.numKvHeads >= v ? m.numKvHeads % v : v % m.numKvHeads))
			return `must divide ${m.id}'s ${m.numKvHeads} KV heads or be a multiple of them, got ${v}`;
		return null;
	},
	weightDtype: dtype,
	kvDtype: dtype,
	gpuMemoryUtilization: (v) => (typeof v !== 'number' || !(v > 0 && v <= 1) ? `must be a fraction in (0, 1], got ${v}` : null),
	kvCacheMemory: bytes,
	maxModelLen: (v, m) => {
		const msg = intIn(1, m.maxPositionEmbeddings)(v, m);
		return msg && `${msg} (${m.id}'s max_position_embeddings)`;
	},
	blockSize: (v) => (BLOCK_SIZES.includes(v as number) ? null : `must be one of ${BLOCK_SIZES.join(', ')}, got ${v}`),
	maxNumBatchedTokens: intIn(1, 1 << 24),
	maxNumSeqs: intIn(1, 1 << 16),
	weightsBytes: bytes,
	activationBytes: bytes,
	overheadBytes: bytes
};

/** Every problem with a request, field by field (the page shows them all; the CLI the first). */
export function fitProblems(req: FitRequest): { field: keyof FitRequest; message: string }[] {
	let model: ModelSpec;
	try {
		model = getModel(req.model);
		getGpu(req.gpu);
	} catch (e) {
		const err = e as InputError;
		return [{ field: err.field as keyof FitRequest, message: err.message.slice(`fit: ${err.field}: `.length) }];
	}
	const out: { field: keyof FitRequest; message: string }[] = [];
	for (const [field, check] of Object.entries(CHECKS) as [FitField, Check][]) {
		const v = req[field];
		if (v === undefined) continue;
		const msg = check(v, model);
		if (msg) out.push({ field, message: msg });
	}
	return out;
}

export interface FitReport {
	settings: FitSettings;
	kvHeadsPerRank: number;
	kvBytesPerToken: number;
	memory: MemoryTerms;
	/** The pool vLLM builds (hybrid KV cache manager on). */
	pool: Pool;
	/** The same pool with every layer treated as full attention (only for sliding-window models). */
	allFull?: Pool;
	/** vLLM's ValueError when the KV memory cannot hold one request of max_model_len, else null. */
	error: string | null;
	/** The lines vLLM logs at start-up. */
	log: string[];
}

/** Size everything for `req`; throws InputError (source `fit`) on the first bad setting. */
export function planFit(req: FitRequest): FitReport {
	const problems = fitProblems(req);
	if (problems.length) throw new InputError('fit', problems[0].field, problems[0].message);
	const model = getModel(req.model);
	const gpu = getGpu(req.gpu);
	const serving = servingDefaults(gpu);
	const weightDtype = req.weightDtype ?? model.nativeWeightDtype;
	const s: FitSettings = {
		model,
		gpu,
		tp: req.tp ?? 1,
		weightDtype,
		// vLLM's kv_cache_dtype "auto": the model's activation dtype (bf16 for an fp8 checkpoint).
		kvDtype: req.kvDtype ?? (weightDtype === 'fp8' ? 'bf16' : weightDtype),
		gpuMemoryUtilization: req.gpuMemoryUtilization ?? DEFAULT_GPU_MEMORY_UTILIZATION,
		kvCacheMemory: req.kvCacheMemory,
		maxModelLen: req.maxModelLen ?? model.maxPositionEmbeddings,
		blockSize: req.blockSize ?? 16,
		maxNumBatchedTokens: req.maxNumBatchedTokens ?? serving.maxNumBatchedTokens,
		maxNumSeqs: req.maxNumSeqs ?? serving.maxNumSeqs
	};
	const memory = memoryTerms({
		total: gpu.memoryBytes,
		gpuMemoryUtilization: s.gpuMemoryUtilization,
		kvCacheMemory: s.kvCacheMemory,
		weights: req.weightsBytes ?? weightsBytes(model, s.tp, s.weightDtype),
		activation: req.activationBytes ?? activationPeakBytes(model, s.tp, s.maxNumBatchedTokens, s.maxNumSeqs),
		overhead: req.overheadBytes ?? DEFAULT_OVERHEAD_BYTES
	});
	const poolInput = {
		model,
		tp: s.tp,
		kvDtype: s.kvDtype,
		blockSize: s.blockSize,
		maxModelLen: s.maxModelLen,
		maxNumBatchedTokens: s.maxNumBatchedTokens,
		availableBytes: memory.kv,
		hybrid: true
	};
	const pool = sizePool(poolInput);
	const allFull = model.slidingWindow ? sizePool({ ...poolInput, hybrid: false }) : undefined;
	const error = notEnoughMemory(memory.kv, pool.bytesPerRequest, s.maxModelLen, () => estimateMaxModelLen(poolInput));
	return {
		settings: s,
		kvHeadsPerRank: kvHeadsPerRank(model, s.tp),
		kvBytesPerToken: kvBytesPerToken(model, s.tp, s.kvDtype),
		memory,
		pool,
		allFull,
		error,
		log: error ? [`ValueError: ${error}`] : vllmLog(pool, s.maxModelLen)
	};
}

const gib = (b: number) => (b / GiB).toFixed(2);
const grouped = (n: number) => n.toLocaleString('en-US');

/** vLLM's _check_enough_kv_cache_memory, message and all. */
function notEnoughMemory(available: number, needed: number, maxModelLen: number, estimate: () => number): string | null {
	if (available <= 0)
		return 'No available memory for the cache blocks. Try increasing `gpu_memory_utilization` when initializing the engine.';
	if (needed <= available) return null;
	const est = estimate();
	return (
		`To serve at least one request with the models's max seq len (${maxModelLen}), (${gib(needed)} GiB KV cache is needed, ` +
		`which is larger than the available KV cache memory (${gib(available)} GiB). ` +
		(est > 0 ? `Based on the available memory, the estimated maximum model length is ${est}. ` : '') +
		'Try increasing `gpu_memory_utilization` or decreasing `max_model_len` when initializing the engine.'
	);
}

/** The two lines of vLLM's _report_kv_cache_config. */
export function vllmLog(pool: Pool, maxModelLen: number): string[] {
	return [
		`GPU KV cache size: ${grouped(pool.kvCacheTokens)} tokens`,
		`Maximum concurrency for ${grouped(maxModelLen)} tokens per request: ${fixed2(pool.maxConcurrency)}x`
	];
}

/**
 * Python's "%.2f": like toFixed(2), except that an exact tie (1,024 / 8,192 = 0.125) rounds
 * to even, where toFixed rounds up.
 */
export function fixed2(x: number): string {
	const scaled = x * 100;
	const floor = Math.floor(scaled);
	if (scaled - floor === 0.5 && (floor + 0.5) / 100 === x && floor % 2 === 0) return (floor / 100).toFixed(2);
	return x.toFixed(2);
}
