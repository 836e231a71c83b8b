/**
 * The model catalog of "Will it fit?": the few config.json fields vLLM's KV sizing reads,
 * copied by hand from each model's Hugging Face config.json (field names in the comments),
 * plus parameter counts from the model cards. Data only; the arithmetic is in kv-sizing.ts.
 */
import { InputError } from '../engine/config';

/** How the K/V heads relate to the query heads (sliding windows are a separate axis). */
export type AttentionKind = 'MHA' | 'GQA' | 'MQA' | 'MLA';

export interface ModelSpec {
	id: string;
	/** Hugging Face repository the numbers come from. */
	hfRepo: string;
	/** num_hidden_layers */
	numLayers: number;
	/** num_attention_heads (vLLM requires TP to divide it) */
	numAttentionHeads: number;
	/** num_key_value_heads; for MLA one latent "head" (vLLM's get_num_kv_heads returns 1) */
	numKvHeads: number;
	/** head_dim of K and of V (MLA: kv_lora_rank + qk_rope_head_dim, stored once) */
	headDim: number;
	attention: AttentionKind;
	mla?: { kvLoraRank: number; qkRopeHeadDim: number };
	/**
	 * Sliding-window layers: `pattern` repeats over the layers, 'L' = local (sliding),
	 * 'G' = global (full attention). Absent: every layer is full attention.
	 */
	slidingWindow?: { size: number; pattern: string };
	/** All parameters (weights in memory). */
	params: number;
	/** Parameters one token passes through (MoE: shared + routed experts used). */
	activeParams: number;
	/** hidden_size */
	hiddenSize: number;
	/** MLP width one token passes through: intermediate_size, or MoE experts used × expert width. */
	mlpWidth: number;
	/** vocab_size */
	vocabSize: number;
	/** max_position_embeddings: vLLM's default max_model_len */
	maxPositionEmbeddings: number;
	/** Weight dtype of the published checkpoint. */
	nativeWeightDtype: 'bf16' | 'fp16' | 'fp8';
}

export const MODELS: readonly ModelSpec[] = [
	{
		id: 'llama-2-7b',
		hfRepo: 'meta-llama/Llama-2-7b-hf',
		numLayers: 32, // num_hidden_layers: 32
		numAttentionHeads: 32, // num_attention_heads: 32
		numKvHeads: 32, // num_key_value_heads: 32 (MHA)
		headDim: 128, // hidden_size 4096 / 32 heads
		attention: 'MHA',
		params: 6.74e9, // model card: 7B (6.74B)
		activeParams: 6.74e9,
		hiddenSize: 4096, // hidden_size
		mlpWidth: 11008, // intermediate_size
		vocabSize: 32000, // vocab_size
		maxPositionEmbeddings: 4096, // max_position_embeddings
		nativeWeightDtype: 'fp16' // torch_dtype: float16
	},
	{
		id: 'llama-3.1-8b',
		hfRepo: 'meta-llama/Llama-3.1-8B-Instruct',
		numLayers: 32, // num_hidden_layers: 32
		numAttentionHeads: 32, // num_attention_heads: 32
		numKvHeads: 8, // num_key_value_heads: 8
		headDim: 128, // head_dim: 128
		attention: 'GQA',
		params: 8.03e9, // model card: 8.03B
		activeParams: 8.03e9,
		hiddenSize: 4096,
		mlpWidth: 14336, // intermediate_size
		vocabSize: 128256,
		maxPositionEmbeddings: 131072,
		nativeWeightDtype: 'bf16'
	},
	{
		id: 'llama-3.1-70b',
		hfRepo: 'meta-llama/Llama-3.1-70B-Instruct',
		numLayers: 80, // num_hidden_layers: 80
		numAttentionHeads: 64, // num_attention_heads: 64
		numKvHeads: 8, // num_key_value_heads: 8
		headDim: 128, // hidden_size 8192 / 64 heads
		attention: 'GQA',
		params: 70.6e9, // model card: 70.6B
		activeParams: 70.6e9,
		hiddenSize: 8192,
		mlpWidth: 28672, // intermediate_size
		vocabSize: 128256,
		maxPositionEmbeddings: 131072,
		nativeWeightDtype: 'bf16'
	},
	{
		// v0.3: sliding_window null (v0.1 had a 4096 window on every layer).
		id: 'mistral-7b',
		hfRepo: 'mistralai/Mistral-7B-Instruct-v0.3',
		numLayers: 32, // num_hidden_layers: 32
		numAttentionHeads: 32, // num_attention_heads: 32
		numKvHeads: 8, // num_key_value_heads: 8
		headDim: 128, // head_dim: 128
		attention: 'GQA',
		params: 7.25e9, // model card: 7.25B
		activeParams: 7.25e9,
		hiddenSize: 4096,
		mlpWidth: 14336, // intermediate_size
		vocabSize: 32768,
		maxPositionEmbeddings: 32768,
		nativeWeightDtype: 'bf16'
	},
	{
		// use_sliding_window: false, so the sliding_window field is unused.
		id: 'qwen2.5-7b',
		hfRepo: 'Qwen/Qwen2.5-7B-Instruct',
		numLayers: 28, // num_hidden_layers: 28
		numAttentionHeads: 28, // num_attention_heads: 28
		numKvHeads: 4, // num_key_value_heads: 4
		headDim: 128, // hidden_size 3584 / 28 heads
		attention: 'GQA',
		params: 7.62e9, // model card: 7.61B
		activeParams: 7.62e9,
		hiddenSize: 3584,
		mlpWidth: 18944, // intermediate_size
		vocabSize: 152064,
		maxPositionEmbeddings: 32768,
		nativeWeightDtype: 'bf16'
	},
	{
		id: 'qwen3-4b',
		hfRepo: 'Qwen/Qwen3-4B',
		numLayers: 36, // num_hidden_layers: 36
		numAttentionHeads: 32, // num_attention_heads: 32
		numKvHeads: 8, // num_key_value_heads: 8
		headDim: 128, // head_dim: 128
		attention: 'GQA',
		params: 4.02e9, // model card: 4.0B
		activeParams: 4.02e9,
		hiddenSize: 2560,
		mlpWidth: 9728, // intermediate_size
		vocabSize: 151936,
		maxPositionEmbeddings: 40960,
		nativeWeightDtype: 'bf16'
	},
	{
		id: 'gemma-3-27b',
		hfRepo: 'google/gemma-3-27b-it',
		numLayers: 62, // text_config.num_hidden_layers: 62
		numAttentionHeads: 32, // text_config.num_attention_heads: 32
		numKvHeads: 16, // text_config.num_key_value_heads: 16
		headDim: 128, // text_config.head_dim: 128
		attention: 'GQA',
		// sliding_window: 1024, sliding_window_pattern: 6 (five local layers, then one global)
		slidingWindow: { size: 1024, pattern: 'LLLLLG' },
		params: 27.4e9, // model card: 27B (with the 0.4B vision tower)
		activeParams: 27.4e9,
		hiddenSize: 5376,
		mlpWidth: 21504, // intermediate_size
		vocabSize: 262208,
		maxPositionEmbeddings: 131072,
		nativeWeightDtype: 'bf16'
	},
	{
		id: 'gpt-oss-20b',
		hfRepo: 'openai/gpt-oss-20b',
		numLayers: 24, // num_hidden_layers: 24
		numAttentionHeads: 64, // num_attention_heads: 64
		numKvHeads: 8, // num_key_value_heads: 8
		headDim: 64, // head_dim: 64
		attention: 'GQA',
		// sliding_window: 128; layer_types alternate "sliding_attention", "full_attention"
		slidingWindow: { size: 128, pattern: 'LG' },
		params: 20.9e9, // model card: 21B total (the MoE experts ship as MXFP4, ~13 GB)
		activeParams: 3.6e9, // model card: 3.6B active
		hiddenSize: 2880,
		mlpWidth: 4 * 2880, // experts_per_token 4 × intermediate_size 2880
		vocabSize: 201088,
		maxPositionEmbeddings: 131072,
		nativeWeightDtype: 'bf16'
	},
	{
		id: 'deepseek-v3',
		hfRepo: 'deepseek-ai/DeepSeek-V3',
		numLayers: 61, // num_hidden_layers: 61
		numAttentionHeads: 128, // num_attention_heads: 128
		numKvHeads: 1, // MLA: one compressed latent per token (config's num_key_value_heads 128 is unused)
		headDim: 512 + 64, // kv_lora_rank 512 + qk_rope_head_dim 64
		attention: 'MLA',
		mla: { kvLoraRank: 512, qkRopeHeadDim: 64 },
		params: 671e9, // model card: 671B (+14B MTP module not loaded for serving)
		activeParams: 37e9, // model card: 37B activated per token
		hiddenSize: 7168,
		mlpWidth: 9 * 2048, // (num_experts_per_tok 8 + n_shared_experts 1) × moe_intermediate_size 2048
		vocabSize: 129280,
		maxPositionEmbeddings: 163840,
		nativeWeightDtype: 'fp8' // quantization_config: fp8 e4m3, 128×128 blocks
	},
	{
		id: 'opt-13b',
		hfRepo: 'facebook/opt-13b',
		numLayers: 40, // num_hidden_layers: 40
		numAttentionHeads: 40, // num_attention_heads: 40
		numKvHeads: 40, // MHA: one K/V head per query head
		headDim: 128, // hidden_size 5120 / 40 heads
		attention: 'MHA',
		params: 12.85e9, // OPT paper, table 1: 13B
		activeParams: 12.85e9,
		hiddenSize: 5120,
		mlpWidth: 20480, // ffn_dim
		vocabSize: 50272,
		maxPositionEmbeddings: 2048,
		nativeWeightDtype: 'fp16'
	},
	{
		id: 'starcoder',
		hfRepo: 'bigcode/starcoder',
		numLayers: 40, // n_layer: 40
		numAttentionHeads: 48, // n_head: 48
		numKvHeads: 1, // multi_query: true
		headDim: 128, // n_embd 6144 / 48 heads
		attention: 'MQA',
		params: 15.5e9, // model card: 15.5B
		activeParams: 15.5e9,
		hiddenSize: 6144,
		mlpWidth: 24576, // n_inner
		vocabSize: 49152,
		maxPositionEmbeddings: 8192, // n_positions
		nativeWeightDtype: 'fp16'
	}
];

export const MODEL_IDS = MODELS.map((m) => m.id);

/** The catalog entry for `id`; unknown ids are an InputError listing the known ones. */
export function getModel(id: string, source = 'fit'): ModelSpec {
	const m = MODELS.find((x) => x.id === id);
	if (!m) throw new InputError(source, 'model', `unknown model ${JSON.stringify(id)}; known: ${MODEL_IDS.join(', ')}`);
	return m;
}

/** Each layer's kind, in order: the sliding pattern repeated over the layers. */
export function layerKinds(m: ModelSpec): ('full' | 'sliding')[] {
	const p = m.slidingWindow?.pattern;
	return Array.from({ length: m.numLayers }, (_, i) => (p && p[i % p.length] === 'L' ? 'sliding' : 'full'));
}

/** "GQA", or "GQA + sliding window 1024" when some layers slide. */
export function attentionLabel(m: ModelSpec): string {
	return m.slidingWindow ? `${m.attention} + sliding window ${m.slidingWindow.size}` : m.attention;
}
