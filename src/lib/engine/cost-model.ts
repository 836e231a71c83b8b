/**
 * Turns a step's work into simulated milliseconds: a fixed overhead (reading the weights
 * once per step), prefill cost per token, decode cost per sequence and per context token
 * read, and block copies and swaps. Presets are rough, stated assumptions, not measurements.
 */

export interface CostModel {
	name: string;
	description: string;
	/** KV bytes per token across all layers (K and V). */
	kvBytesPerToken: number;
	stepOverheadMs: number;
	prefillMsPerToken: number;
	decodeMsPerSeq: number;
	decodeMsPerContextToken: number;
	/** Per block of `blockSize` tokens moved over PCIe. */
	swapMsPerTokenSlot: number;
	copyMsPerTokenSlot: number;
}

export interface StepWork {
	prefillTokens: number;
	decodeSeqs: number;
	/** Tokens of context the decoding sequences attend to. */
	contextTokens: number;
	swappedSlots: number;
	copiedSlots: number;
}

/** OPT-13B on one A100-40GB, the paper's main setting: 26 GB of weights, 12 GB of KV cache. */
export const OPT_13B_A100: CostModel = {
	name: 'opt-13b-a100',
	description:
		'OPT-13B, fp16, one A100-40GB: 800 KB of KV per token (2 × 40 layers × 5120 × 2 B), ' +
		'12 GB of KV ≈ 15.7K token slots; step overhead = 26 GB of weights at ~1.5 TB/s; ' +
		'prefill ≈ 26 GFLOP per token at ~60% of 312 TFLOPS; swap over PCIe 4.0 at ~25 GB/s.',
	kvBytesPerToken: 819_200,
	stepOverheadMs: 17,
	prefillMsPerToken: 0.14,
	decodeMsPerSeq: 0.05,
	decodeMsPerContextToken: 819_200 / 1.5e9,
	swapMsPerTokenSlot: 819_200 / 25e6,
	copyMsPerTokenSlot: (2 * 819_200) / 1.5e9
};

/** The small in-browser model (4 layers × 128 dims): a laptop GPU through WebGL. */
export const TINY_WEBGL: CostModel = {
	name: 'tiny-webgl',
	description: 'A 4-layer, 128-dim character model in the browser: 4 KB of KV per token (fp32).',
	kvBytesPerToken: 2 * 4 * 128 * 4,
	stepOverheadMs: 4,
	prefillMsPerToken: 0.02,
	decodeMsPerSeq: 0.2,
	decodeMsPerContextToken: 0.001,
	swapMsPerTokenSlot: 0.0005,
	copyMsPerTokenSlot: 0.0001
};

export const COST_MODELS: Record<string, CostModel> = {
	[OPT_13B_A100.name]: OPT_13B_A100,
	[TINY_WEBGL.name]: TINY_WEBGL
};

export function stepMs(m: CostModel, w: StepWork): number {
	return (
		m.stepOverheadMs +
		w.prefillTokens * m.prefillMsPerToken +
		w.decodeSeqs * m.decodeMsPerSeq +
		w.contextTokens * m.decodeMsPerContextToken +
		w.swappedSlots * m.swapMsPerTokenSlot +
		w.copiedSlots * m.copyMsPerTokenSlot
	);
}
