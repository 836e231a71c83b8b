/**
 * vLLM's KV sizing against hand-worked numbers: bytes per token for every catalog model,
 * TP sharding then replication, MLA's replicated latent, the hybrid allocator's groups, and
 * one pool worked through by hand for each kind (full, sliding + full, 5:1 sliding).
 */
import { describe, expect, it } from 'vitest';
import { MODELS, getModel, layerKinds } from '../../src/lib/fit/models';
import {
	kvBytesPerToken,
	kvCacheGroups,
	kvHeadsPerRank,
	pageSizeBytes,
	sizePool,
	estimateMaxModelLen,
	type PoolInput
} from '../../src/lib/fit/kv-sizing';
import { OPT_13B_A100 } from '../../src/lib/engine/cost-model';

const GiB = 2 ** 30;

describe('kvBytesPerToken', () => {
	it.each([
		// model, tp, kv dtype, bytes: layers × kv heads per rank × (K + V head dims) × dtype bytes
		['llama-2-7b', 1, 'bf16', 32 * 32 * 256 * 2], // 524,288
		['llama-3.1-8b', 1, 'bf16', 32 * 8 * 256 * 2], // 131,072
		['llama-3.1-8b', 1, 'fp8', 32 * 8 * 256 * 1], // fp8 halves
		['llama-2-7b', 1, 'fp8', 262_144],
		['llama-3.1-70b', 1, 'bf16', 80 * 8 * 256 * 2], // 327,680
		['mistral-7b', 1, 'bf16', 131_072],
		['qwen2.5-7b', 1, 'bf16', 28 * 4 * 256 * 2], // 57,344
		['qwen3-4b', 1, 'bf16', 36 * 8 * 256 * 2], // 147,456
		['gemma-3-27b', 1, 'bf16', 62 * 16 * 256 * 2], // 507,904 (every layer counted as full)
		['gpt-oss-20b', 1, 'bf16', 24 * 8 * 128 * 2], // 49,152
		['deepseek-v3', 1, 'bf16', 61 * 1 * 576 * 2], // 70,272: one latent, no separate V
		['deepseek-v3', 1, 'fp8', 61 * 576], // 35,136
		['opt-13b', 1, 'fp16', 40 * 40 * 256 * 2], // 819,200
		['starcoder', 1, 'bf16', 40 * 1 * 256 * 2] // 20,480 (MQA)
	] as const)('%s tp=%i %s: %i B/token', (id, tp, dtype, want) => {
		expect(kvBytesPerToken(getModel(id), tp, dtype)).toBe(want);
	});

	it('agrees with the OPT-13B preset the engine already uses', () => {
		expect(kvBytesPerToken(getModel('opt-13b'), 1, 'fp16')).toBe(OPT_13B_A100.kvBytesPerToken);
	});
});

describe('tensor parallelism', () => {
	it.each([
		// model, tp, KV heads one rank stores
		['llama-3.1-8b', 2, 4],
		['llama-3.1-8b', 8, 1], // 8 heads over 8 ranks
		['llama-3.1-70b', 16, 1], // TP past the 8 KV heads: each head on 2 ranks, not half a head
		['qwen2.5-7b', 4, 1],
		['starcoder', 4, 1], // MQA's one head is replicated on every rank
		['opt-13b', 8, 5],
		['deepseek-v3', 8, 1] // MLA: the latent is replicated, never sharded
	] as const)('%s at tp=%i keeps %i KV heads per rank', (id, tp, heads) => {
		expect(kvHeadsPerRank(getModel(id), tp)).toBe(heads);
	});

	it('shards bytes per token until TP passes the KV heads, then stops shrinking', () => {
		const m = getModel('llama-3.1-70b');
		expect([1, 2, 4, 8, 16].map((tp) => kvBytesPerToken(m, tp, 'bf16'))).toEqual([327_680, 163_840, 81_920, 40_960, 40_960]);
	});

	it('keeps MLA bytes per token the same on every rank', () => {
		const m = getModel('deepseek-v3');
		expect(new Set([1, 2, 4, 8].map((tp) => kvBytesPerToken(m, tp, 'bf16')))).toEqual(new Set([70_272]));
	});
});

describe('catalog', () => {
	it('labels attention by its heads', () => {
		for (const m of MODELS) {
			const want = m.mla ? 'MLA' : m.numKvHeads === 1 ? 'MQA' : m.numKvHeads === m.numAttentionHeads ? 'MHA' : 'GQA';
			expect(m.attention, m.id).toBe(want);
			if (m.mla) expect(m.headDim).toBe(m.mla.kvLoraRank + m.mla.qkRopeHeadDim);
			expect(m.activeParams).toBeLessThanOrEqual(m.params);
		}
	});
	it('places Gemma 3 global layers every sixth layer and gpt-oss sliding layers on even layers', () => {
		const gemma = layerKinds(getModel('gemma-3-27b'));
		expect(gemma.filter((k) => k === 'full').length).toBe(10);
		expect(gemma.slice(0, 6)).toEqual(['sliding', 'sliding', 'sliding', 'sliding', 'sliding', 'full']);
		expect(layerKinds(getModel('gpt-oss-20b')).slice(0, 4)).toEqual(['sliding', 'full', 'sliding', 'full']);
	});
	it('lists the known ids when asked for an unknown one', () => {
		expect(() => getModel('llama-5')).toThrow(/unknown model "llama-5"; known: llama-2-7b, llama-3.1-8b, .*opt-13b/);
	});
});

describe('kvCacheGroups (the hybrid allocator)', () => {
	it.each([
		// model, hybrid, group size, group kinds, padding layers
		['llama-3.1-8b', true, 32, ['full'], 0],
		['gpt-oss-20b', true, 12, ['full', 'sliding'], 0], // 12 + 12
		['gemma-3-27b', true, 10, ['full', 'sliding', 'sliding', 'sliding', 'sliding', 'sliding', 'sliding'], 8], // 10 full, 52 sliding → 6 groups of 10
		['gemma-3-27b', false, 62, ['full'], 0] // --disable-hybrid-kv-cache-manager
	] as const)('%s (hybrid %s): groups of %i', (id, hybrid, size, kinds, padding) => {
		expect(kvCacheGroups(getModel(id), hybrid)).toEqual({ groupSize: size, kinds, paddingLayers: padding });
	});
});

const pool = (id: string, over: Partial<PoolInput>): PoolInput => ({
	model: getModel(id),
	tp: 1,
	kvDtype: 'bf16',
	blockSize: 16,
	maxModelLen: 131_072,
	maxNumBatchedTokens: 8192,
	availableBytes: 16 * GiB,
	hybrid: true,
	...over
});

describe('sizePool', () => {
	it('Llama-3.1-8B, 16 GiB of KV: 8,192 blocks, 131,072 tokens, 1.00x at 131,072 and 16.00x at 8,192', () => {
		// page = 16 × 8 × 256 × 2 = 65,536 B; 16 GiB / 65,536 / 32 layers = 8,192 blocks
		expect(pageSizeBytes(getModel('llama-3.1-8b'), 1, 'bf16', 16)).toBe(65_536);
		expect(sizePool(pool('llama-3.1-8b', {}))).toMatchObject({
			numGpuBlocks: 8192,
			kvCacheTokens: 131_072,
			blocksPerRequest: 8192,
			maxConcurrency: 1
		});
		expect(sizePool(pool('llama-3.1-8b', { maxModelLen: 8192 })).maxConcurrency).toBe(16);
	});

	it('rounds down twice, as vLLM does: available // page // layers', () => {
		const p = sizePool(pool('llama-3.1-8b', { availableBytes: 57_687_503_513.6 }));
		expect(p.numGpuBlocks).toBe(27_507); // 880,241 pages / 32 layers
		expect(p.kvCacheTokens).toBe(440_112);
		expect(p.maxConcurrency.toFixed(2)).toBe('3.36');
	});

	it('gpt-oss-20b, 10 GiB: sliding layers keep only window − 1 + max_num_batched_tokens', () => {
		// page = 16 × 8 × 128 × 2 = 32,768; 10 GiB / 32,768 / 12 = 27,306 blocks shared by 2 groups
		const hybrid = sizePool(pool('gpt-oss-20b', { availableBytes: 10 * GiB }));
		expect(hybrid).toMatchObject({ pageSizeBytes: 32_768, numGpuBlocks: 27_306, kvCacheTokens: 13_653 * 16 });
		// full group 131,072 / 16 = 8,192 blocks; sliding group ⌈(127 + 8,192) / 16⌉ + 1 = 521
		expect(hybrid.blocksPerRequest).toBe(8192 + 521);
		expect(hybrid.maxConcurrency.toFixed(2)).toBe('3.13');
		const allFull = sizePool(pool('gpt-oss-20b', { availableBytes: 10 * GiB, hybrid: false }));
		expect(allFull).toMatchObject({ numGpuBlocks: 13_653, blocksPerRequest: 8192 });
		expect(allFull.maxConcurrency.toFixed(2)).toBe('1.67');
		expect(hybrid.bytesPerRequest).toBe(12 * 32_768 * 8713);
		expect(allFull.bytesPerRequest).toBe(24 * 32_768 * 8192);
	});

	it('Gemma-3-27B, 20 GiB: seven groups share the pool, so the logged size is a seventh of it', () => {
		// page = 16 × 16 × 256 × 2 = 131,072; 20 GiB / 131,072 / 10 = 16,384 blocks
		const hybrid = sizePool(pool('gemma-3-27b', { availableBytes: 20 * GiB }));
		expect(hybrid).toMatchObject({ numGpuBlocks: 16_384, kvCacheTokens: 2340 * 16 });
		// one full group of 8,192 blocks, six sliding groups of ⌈(1,023 + 8,192) / 16⌉ + 1 = 577
		expect(hybrid.blocksPerRequest).toBe(8192 + 6 * 577);
		expect(hybrid.maxConcurrency.toFixed(2)).toBe('1.41');
		const allFull = sizePool(pool('gemma-3-27b', { availableBytes: 20 * GiB, hybrid: false }));
		expect(allFull).toMatchObject({ numGpuBlocks: 2642, kvCacheTokens: 2642 * 16 });
		expect(allFull.maxConcurrency.toFixed(2)).toBe('0.32');
	});

	it('sliding groups need no more than max_model_len', () => {
		// max_model_len 512 < window − 1 + budget: ⌈512 / 16⌉ + 1 = 33 blocks
		expect(sizePool(pool('gpt-oss-20b', { maxModelLen: 512 })).blocksPerRequest).toBe(32 + 33);
	});

	it('estimates the longest max_model_len one request fits in', () => {
		// 1 GiB / 2 MiB per block of 16 tokens over 32 layers = 512 blocks = 8,192 tokens
		expect(estimateMaxModelLen(pool('llama-3.1-8b', { availableBytes: GiB }))).toBe(8192);
		expect(estimateMaxModelLen(pool('llama-3.1-8b', { availableBytes: 1000 }))).toBe(0);
	});
});
