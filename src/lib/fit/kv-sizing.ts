/**
 * vLLM's KV cache sizing, pure, for one tensor-parallel rank:
 *
 *   page (one layer, one block) = block_size × num_kv_heads_per_rank × (head_size_k + head_size_v) × dtype
 *                                 (MLA: block_size × 1 × (kv_lora_rank + qk_rope_head_dim) × dtype)
 *   num_blocks    = available // page // group_size
 *   "GPU KV cache size: N tokens"   N = num_blocks // num_groups × block_size
 *   "Maximum concurrency for L tokens per request: X.XXx"   X = num_blocks / blocks one request needs
 *
 * Sources: vllm/v1/kv_cache_interface.py (FullAttentionSpec.real_page_size_bytes,
 * MLAAttentionSpec, SlidingWindowSpec.max_memory_usage_bytes) and vllm/v1/core/kv_cache_utils.py
 * (_get_kv_cache_groups_uniform_page_size, get_num_blocks, _report_kv_cache_config,
 * get_max_concurrency_for_kv_cache_config, _check_enough_kv_cache_memory).
 */
import { layerKinds, type ModelSpec } from './models';

export type Dtype = 'bf16' | 'fp16' | 'fp8';
export const DTYPES: readonly Dtype[] = ['bf16', 'fp16', 'fp8'];
/** vLLM's get_dtype_size: the same for weights and KV. */
export const DTYPE_BYTES: Record<Dtype, number> = { bf16: 2, fp16: 2, fp8: 1 };
/** The block sizes vLLM's CacheConfig accepts on CUDA. */
export const BLOCK_SIZES: readonly number[] = [1, 8, 16, 32, 64, 128];

const cdiv = (a: number, b: number) => Math.ceil(a / b);

/** K/V heads one rank stores: sharded by TP until TP exceeds them, then replicated; MLA's latent is never sharded. */
export function kvHeadsPerRank(m: ModelSpec, tp: number): number {
	return m.attention === 'MLA' ? 1 : Math.max(1, Math.floor(m.numKvHeads / tp));
}

/** Bytes of one layer's KV for `blockSize` tokens on one rank. */
export function pageSizeBytes(m: ModelSpec, tp: number, kvDtype: Dtype, blockSize: number): number {
	// MLA caches one latent of head_dim per token (no separate V); others K and V of head_dim each.
	const perHead = m.attention === 'MLA' ? m.headDim : 2 * m.headDim;
	return blockSize * kvHeadsPerRank(m, tp) * perHead * DTYPE_BYTES[kvDtype];
}

/** KV bytes one token costs on one rank across all layers (every layer counted as full attention). */
export function kvBytesPerToken(m: ModelSpec, tp: number, kvDtype: Dtype): number {
	return m.numLayers * pageSizeBytes(m, tp, kvDtype, 1);
}

export type GroupKind = 'full' | 'sliding';

/** vLLM's KV cache groups: every group has `groupSize` layers (padding included) and its own block table. */
export interface KvCacheGroups {
	groupSize: number;
	kinds: GroupKind[];
	/** Padding layers added to make the groups equal (they waste memory). */
	paddingLayers: number;
}

/**
 * Groups as _get_kv_cache_groups_uniform_page_size forms them: the smaller layer count is the
 * group size (the larger if within 1.5×), each kind split into ⌈count / size⌉ groups.
 * `hybrid = false` is --disable-hybrid-kv-cache-manager: sliding layers count as full.
 */
export function kvCacheGroups(m: ModelSpec, hybrid = true): KvCacheGroups {
	const kinds = layerKinds(m);
	const sliding = hybrid ? kinds.filter((k) => k === 'sliding').length : 0;
	const full = m.numLayers - sliding;
	if (sliding === 0 || full === 0) return { groupSize: m.numLayers, kinds: [sliding ? 'sliding' : 'full'], paddingLayers: 0 };
	const lo = Math.min(full, sliding);
	const hi = Math.max(full, sliding);
	const groupSize = hi < lo * 1.5 ? hi : lo;
	const nFull = cdiv(full, groupSize);
	const nSliding = cdiv(sliding, groupSize);
	return {
		groupSize,
		kinds: [...Array<GroupKind>(nFull).fill('full'), ...Array<GroupKind>(nSliding).fill('sliding')],
		paddingLayers: (nFull + nSliding) * groupSize - m.numLayers
	};
}

export interface PoolInput {
	model: ModelSpec;
	tp: number;
	kvDtype: Dtype;
	blockSize: number;
	maxModelLen: number;
	/** Sliding layers keep `window − 1 + max_num_batched_tokens` tokens during chunked prefill. */
	maxNumBatchedTokens: number;
	/** KV cache memory of one rank, bytes. */
	availableBytes: number;
	/** vLLM's hybrid KV cache manager (default on): sliding layers keep only their window. */
	hybrid: boolean;
}

export interface Pool {
	pageSizeBytes: number;
	groups: KvCacheGroups;
	numGpuBlocks: number;
	/** What vLLM logs as "GPU KV cache size: N tokens". */
	kvCacheTokens: number;
	/** Blocks one request of max_model_len tokens takes, summed over the groups. */
	blocksPerRequest: number;
	/** KV bytes one request of max_model_len tokens needs (vLLM's _max_memory_usage_bytes_from_groups). */
	bytesPerRequest: number;
	/** What vLLM logs as "Maximum concurrency for L tokens per request: X.XXx". */
	maxConcurrency: number;
}

/** Blocks one group's block table needs for a request of `len` tokens (max_memory_usage_bytes / page). */
export function blocksForGroup(kind: GroupKind, len: number, p: Pick<PoolInput, 'model' | 'blockSize' | 'maxNumBatchedTokens'>): number {
	if (kind === 'full') return cdiv(len, p.blockSize);
	const window = p.model.slidingWindow?.size ?? len;
	// +1: the window need not start at a block boundary.
	return cdiv(Math.min(window - 1 + p.maxNumBatchedTokens, len), p.blockSize) + 1;
}

/** Size the block pool exactly as vLLM does for one rank. */
export function sizePool(p: PoolInput): Pool {
	const page = pageSizeBytes(p.model, p.tp, p.kvDtype, p.blockSize);
	const groups = kvCacheGroups(p.model, p.hybrid);
	const avail = Math.max(0, p.availableBytes);
	const numGpuBlocks = Math.floor(Math.floor(avail / page) / groups.groupSize);
	const blocksPerRequest = groups.kinds.reduce((s, k) => s + blocksForGroup(k, p.maxModelLen, p), 0);
	return {
		pageSizeBytes: page,
		groups,
		numGpuBlocks,
		kvCacheTokens: Math.floor(numGpuBlocks / groups.kinds.length) * p.blockSize,
		blocksPerRequest,
		bytesPerRequest: groups.groupSize * page * blocksPerRequest,
		maxConcurrency: numGpuBlocks / blocksPerRequest
	};
}

/** Longest max_model_len whose one request fits in the pool (vLLM's estimate_max_model_len: binary search). */
export function estimateMaxModelLen(p: PoolInput): number {
	const fits = (len: number) => sizePool({ ...p, maxModelLen: len }).bytesPerRequest <= p.availableBytes;
	if (!fits(1)) return 0;
	let lo = 1;
	let hi = p.maxModelLen;
	let best = 1;
	while (lo <= hi) {
		const mid = Math.floor((lo + hi) / 2);
		if (fits(mid)) {
			best = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return best;
}
