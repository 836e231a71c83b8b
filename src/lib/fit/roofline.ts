/**
 * A CostModel for a model on a GPU, from the roofline: compute at a fraction of peak FLOP/s,
 * memory traffic at a fraction of peak bandwidth, all per tensor-parallel rank.
 *
 *   step overhead       = weights of one rank / bandwidth        (read once per step)
 *   prefill, per token  = 2 × active params / TP / FLOP/s        (one multiply-add per weight)
 *   decode, per seq     = the same compute for its one new token
 *   decode, per context = KV bytes per token / bandwidth          (attention reads the whole cache)
 *   swap, per slot      = KV bytes per token / PCIe;  copy = 2 × KV bytes / bandwidth
 *
 * The engine's cost model is a sum, so a step costs compute + memory where the roofline says
 * max(compute, memory): small batches come out memory-bound, large ones compute-bound, and no
 * step is off by more than 2×. Tensor-parallel all-reduces are left out.
 */
import type { CostModel } from '../engine/cost-model';
import type { GpuSpec } from './gpus';
import { DTYPE_BYTES, kvBytesPerToken, type Dtype } from './kv-sizing';
import type { ModelSpec } from './models';

/** Fraction of peak FLOP/s a prefill reaches (the OPT-13B preset's "~60% of 312 TFLOPS"). */
export const COMPUTE_EFFICIENCY = 0.6;
/** Fraction of peak bandwidth a weight or KV read reaches. */
export const BANDWIDTH_EFFICIENCY = 0.9;
/** Host link for swaps: PCIe 4.0 x16 at about 25 GB/s, as the OPT-13B preset assumes. */
export const PCIE_BYTES_PER_SEC = 25e9;

export interface RooflineInput {
	model: ModelSpec;
	gpu: GpuSpec;
	tp: number;
	weightDtype: Dtype;
	kvDtype: Dtype;
}

export function rooflineCostModel({ model, gpu, tp, weightDtype, kvDtype }: RooflineInput): CostModel {
	const kv = kvBytesPerToken(model, tp, kvDtype);
	const weights = (model.params * DTYPE_BYTES[weightDtype]) / tp;
	const bw = gpu.memBytesPerSec * BANDWIDTH_EFFICIENCY; // bytes/s
	const flops = gpu.bf16FlopsPerSec * COMPUTE_EFFICIENCY; // FLOP/s
	const msPerToken = ((2 * model.activeParams) / tp / flops) * 1000;
	const ms = (bytes: number, perSec: number) => (bytes / perSec) * 1000;
	return {
		name: `roofline:${model.id}@${gpu.id}${tp > 1 ? `×${tp}` : ''}`,
		description:
			`${model.id} on ${tp > 1 ? `${tp} × ` : ''}${gpu.name}, weights ${weightDtype}, KV ${kvDtype}: ` +
			`${kv.toLocaleString('en-US')} B of KV per token per GPU; step overhead = ${(weights / 1e9).toFixed(1)} GB of weights at ` +
			`${(bw / 1e12).toFixed(2)} TB/s; prefill ≈ ${((2 * model.activeParams) / 1e9).toFixed(1)} GFLOP per token at ` +
			`${COMPUTE_EFFICIENCY * 100}% of ${(gpu.bf16FlopsPerSec / 1e12).toFixed(0)} TFLOPS; swap over PCIe at ~${PCIE_BYTES_PER_SEC / 1e9} GB/s.`,
		kvBytesPerToken: kv,
		stepOverheadMs: ms(weights, bw),
		prefillMsPerToken: msPerToken,
		decodeMsPerSeq: msPerToken,
		decodeMsPerContextToken: ms(kv, bw),
		swapMsPerTokenSlot: ms(kv, PCIE_BYTES_PER_SEC),
		copyMsPerTokenSlot: ms(2 * kv, bw)
	};
}
