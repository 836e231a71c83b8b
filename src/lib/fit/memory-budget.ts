/**
 * Where one GPU's memory goes before the KV cache gets the rest, as vLLM's profiling run
 * (vllm/v1/worker/gpu_worker.py determine_available_memory) divides it:
 *
 *   kv = total × gpu_memory_utilization − weights − activation peak − overhead
 *
 * vLLM measures the last three; here each is an estimate with a stated rule, and any of them
 * (or the KV memory itself, as --kv-cache-memory) can be given instead.
 */
import type { ModelSpec } from './models';
import { DTYPE_BYTES, type Dtype } from './kv-sizing';

export const GiB = 2 ** 30;
/** vLLM's default --gpu-memory-utilization. */
export const DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;
/**
 * Non-torch memory and CUDA graphs (CUDA context, cuBLAS and NCCL workspaces, captured
 * graphs): vLLM logs roughly 0.1–2 GiB for these; 1 GiB is our round default.
 */
export const DEFAULT_OVERHEAD_BYTES = 1 * GiB;

/** Weights one rank holds: all parameters at the weight dtype, split over TP. */
export function weightsBytes(m: ModelSpec, tp: number, dtype: Dtype): number {
	return Math.ceil((m.params * DTYPE_BYTES[dtype]) / tp);
}

/**
 * Peak activation of the profiling run, estimated: a full batch of max_num_batched_tokens
 * through one layer (4 × hidden for the residual, norm, attention in and out; 2 × the MLP width
 * per rank for gate and up) at 2 bytes, plus fp32 logits of max_num_seqs rows for the sampler.
 */
export function activationPeakBytes(m: ModelSpec, tp: number, maxNumBatchedTokens: number, maxNumSeqs: number): number {
	const perToken = (4 * m.hiddenSize + (2 * m.mlpWidth) / tp) * 2;
	return Math.ceil(maxNumBatchedTokens * perToken + maxNumSeqs * m.vocabSize * 4);
}

export interface MemoryTerms {
	/** GPU memory as CUDA reports it. */
	total: number;
	/** total × gpu_memory_utilization: what vLLM may use (with --kv-cache-memory, the sum of the terms). */
	budget: number;
	weights: number;
	activation: number;
	overhead: number;
	/** KV cache memory: the rest of the budget, or --kv-cache-memory. */
	kv: number;
	/** With --kv-cache-memory, bytes the terms exceed the GPU by (0 when they fit). */
	overcommit: number;
}

export function memoryTerms(a: {
	total: number;
	gpuMemoryUtilization: number;
	kvCacheMemory?: number;
	weights: number;
	activation: number;
	overhead: number;
}): MemoryTerms {
	const used = a.weights + a.activation + a.overhead;
	if (a.kvCacheMemory !== undefined) {
		const budget = used + a.kvCacheMemory;
		return {
			total: a.total,
			budget,
			weights: a.weights,
			activation: a.activation,
			overhead: a.overhead,
			kv: a.kvCacheMemory,
			overcommit: Math.max(0, budget - a.total)
		};
	}
	const budget = a.total * a.gpuMemoryUtilization;
	return { total: a.total, budget, weights: a.weights, activation: a.activation, overhead: a.overhead, kv: budget - used, overcommit: 0 };
}
