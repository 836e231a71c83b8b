/**
 * The GPU catalog of "Will it fit?": memory, HBM bandwidth and dense BF16 tensor FLOP/s per
 * GPU, from the vendors' datasheets (no sparsity). Memory is the total CUDA reports
 * (nvidia-smi memory.total), which vLLM multiplies by gpu_memory_utilization.
 */
import { InputError } from '../engine/config';

export interface GpuSpec {
	id: string;
	name: string;
	memoryBytes: number;
	/** Peak HBM (or GDDR) bandwidth, bytes/s. */
	memBytesPerSec: number;
	/** Peak dense BF16 tensor-core FLOP/s. */
	bf16FlopsPerSec: number;
}

const MiB = 2 ** 20;

export const GPUS: readonly GpuSpec[] = [
	{
		id: 'a100-40gb',
		name: 'NVIDIA A100-SXM4-40GB',
		memoryBytes: 40960 * MiB, // nvidia-smi: 40960 MiB (HBM2)
		memBytesPerSec: 1555e9, // A100 datasheet: 1,555 GB/s
		bf16FlopsPerSec: 312e12 // A100 datasheet: 312 TFLOPS BF16 dense
	},
	{
		id: 'a100-80gb',
		name: 'NVIDIA A100-SXM4-80GB',
		memoryBytes: 81920 * MiB, // nvidia-smi: 81920 MiB (HBM2e)
		memBytesPerSec: 2039e9, // A100 datasheet: 2,039 GB/s (SXM)
		bf16FlopsPerSec: 312e12
	},
	{
		id: 'h100-80gb',
		name: 'NVIDIA H100 80GB HBM3 (SXM)',
		memoryBytes: 81559 * MiB, // nvidia-smi: 81559 MiB
		memBytesPerSec: 3.35e12, // H100 datasheet: 3.35 TB/s (SXM)
		bf16FlopsPerSec: 989e12 // H100 datasheet: 1,979 TFLOPS with sparsity, 989 dense
	},
	{
		id: 'h200',
		name: 'NVIDIA H200 (SXM)',
		memoryBytes: 143771 * MiB, // nvidia-smi: 143771 MiB (141 GB HBM3e)
		memBytesPerSec: 4.8e12, // H200 datasheet: 4.8 TB/s
		bf16FlopsPerSec: 989e12 // same Hopper tensor cores as H100 SXM
	},
	{
		id: 'l40s',
		name: 'NVIDIA L40S',
		memoryBytes: 46068 * MiB, // nvidia-smi: 46068 MiB (48 GB GDDR6, ECC on)
		memBytesPerSec: 864e9, // L40S datasheet: 864 GB/s
		bf16FlopsPerSec: 362e12 // L40S datasheet: 362 TFLOPS BF16 (733 with sparsity)
	},
	{
		id: 'rtx-4090',
		name: 'NVIDIA GeForce RTX 4090',
		memoryBytes: 24564 * MiB, // nvidia-smi: 24564 MiB (24 GB GDDR6X)
		memBytesPerSec: 1008e9, // Ada whitepaper: 1,008 GB/s
		bf16FlopsPerSec: 165.2e12 // Ada whitepaper: 165.2 TFLOPS BF16, FP32 accumulate, dense
	},
	{
		id: 'mi300x',
		name: 'AMD Instinct MI300X',
		memoryBytes: 192 * 1024 * MiB, // MI300X datasheet: 192 GB HBM3
		memBytesPerSec: 5.3e12, // MI300X datasheet: 5.3 TB/s
		bf16FlopsPerSec: 1307.4e12 // MI300X datasheet: 1,307.4 TFLOPS BF16 dense
	}
];

export const GPU_IDS = GPUS.map((g) => g.id);

/** The catalog entry for `id`; unknown ids are an InputError listing the known ones. */
export function getGpu(id: string, source = 'fit'): GpuSpec {
	const g = GPUS.find((x) => x.id === id);
	if (!g) throw new InputError(source, 'gpu', `unknown GPU ${JSON.stringify(id)}; known: ${GPU_IDS.join(', ')}`);
	return g;
}

/**
 * vLLM's default scheduler budget for `vllm serve` (EngineArgs.get_batch_defaults in
 * vllm/engine/arg_utils.py): larger on ≥ 70 GiB GPUs except the A100.
 */
export function servingDefaults(g: GpuSpec): { maxNumBatchedTokens: number; maxNumSeqs: number } {
	const big = g.memoryBytes >= 70 * 2 ** 30 && !g.name.toLowerCase().includes('a100');
	return big ? { maxNumBatchedTokens: 8192, maxNumSeqs: 1024 } : { maxNumBatchedTokens: 2048, maxNumSeqs: 256 };
}
