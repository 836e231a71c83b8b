/**
 * vLLM V1's prefix-caching tests (tests/v1/core/test_prefix_caching.py), ported with block
 * ids renumbered for no null block (vLLM's block i is our block i - 1).
 */
import { describe, expect, it } from 'vitest';
import { manager, range } from './helpers';

const common = [0, 1, 2].flatMap((i) => Array(16).fill(i));

describe('prefix caching (vLLM test_prefix_caching.py)', () => {
	it('test_prefill: hits on a shared prefix, free order, lazy eviction order', () => {
		const { kv, request, allocate, freeQueue } = manager({ blockSize: 16, numGpuBlocks: 10 });
		const req0 = request('0', [...common, ...Array(7).fill(3)]);
		expect(kv.findCachedPrefix(req0).numTokens).toBe(0);
		expect(allocate(req0)).toEqual([0, 1, 2, 3]);

		const req1 = request('1', [...common, ...Array(5).fill(3)]);
		const hit1 = kv.findCachedPrefix(req1);
		expect(hit1).toEqual({ blocks: [0, 1, 2], numTokens: 48 });
		expect(allocate(req1)).toEqual([0, 1, 2, 4]);
		for (const b of [0, 1, 2]) expect(kv.pool.refCount[b]).toBe(2);
		expect(kv.numFreeBlocks).toBe(5);

		kv.free(req0);
		kv.free(req1);
		expect(kv.numFreeBlocks).toBe(10);
		// unallocated (5..9), unique of req0 (3), unique of req1 (4), common in reverse (2, 1, 0)
		expect(freeQueue()).toEqual([5, 6, 7, 8, 9, 3, 4, 2, 1, 0]);

		// A hit on a prefix whose blocks are all free.
		const req2 = request('2', [...common, ...Array(6).fill(3)]);
		expect(kv.findCachedPrefix(req2).blocks).toEqual([0, 1, 2]);
		expect(allocate(req2)).toEqual([0, 1, 2, 5]);
		expect(kv.numFreeBlocks).toBe(6);
		kv.free(req2);

		// A miss that takes the whole pool: the order shows the eviction order.
		const req3 = request('3', Array(160).fill(99));
		expect(kv.findCachedPrefix(req3).numTokens).toBe(0);
		expect(allocate(req3)).toEqual([6, 7, 8, 9, 3, 4, 5, 2, 1, 0]);
		expect(kv.numFreeBlocks).toBe(0);
	});

	it('test_evict: DESIGN.md §3 reference case', () => {
		const { kv, request, allocate, freeQueue, log } = manager({ blockSize: 16, numGpuBlocks: 10 });
		const a = request('A', range(0, 87));
		expect(allocate(a)).toEqual([0, 1, 2, 3, 4, 5]);
		const b = request('B', range(87, 135));
		expect(allocate(b)).toEqual([6, 7, 8]);
		expect(kv.numFreeBlocks).toBe(1);
		kv.free(a);
		kv.free(b);
		expect(freeQueue()).toEqual([9, 5, 4, 3, 2, 1, 0, 8, 7, 6]);

		const c = request('C', range(0, 35));
		const hit = kv.findCachedPrefix(c);
		expect(hit).toEqual({ blocks: [0, 1], numTokens: 32 });
		expect(allocate(c)).toEqual([0, 1, 9]);
		expect(kv.numFreeBlocks).toBe(7);
		const hits = log.events!.filter((e) => e.type === 'prefix_hit');
		expect(hits.map((e) => (e.type === 'prefix_hit' ? e.block : -1))).toEqual([0, 1]);
	});

	it('test_prefill_not_enough_free_blocks_with_computed_blocks: all-or-nothing leaves ref counts alone', () => {
		const { kv, request, allocate } = manager({ blockSize: 16, numGpuBlocks: 10 });
		const req0 = request('0', common);
		expect(allocate(req0)).toEqual([0, 1, 2]);
		const req1 = request('1', [...common, ...common]);
		expect(kv.findCachedPrefix(req1).blocks).toEqual([0, 1, 2]);
		const part1 = allocate(req1)!;
		expect(part1).toEqual([0, 1, 2, 3, 4, 5]);
		kv.free(req1);
		expect(part1.slice(0, 3).map((b) => kv.pool.refCount[b])).toEqual([1, 1, 1]);
		expect(part1.slice(3).map((b) => kv.pool.refCount[b])).toEqual([0, 0, 0]);

		const req2 = request('2', Array(32).fill(7));
		expect(kv.findCachedPrefix(req2).numTokens).toBe(0);
		allocate(req2);
		expect(kv.numFreeBlocks).toBe(5);

		// Hits six blocks (three of them free) and needs three new: 6 > 5 free.
		const req3 = request('3', [...common, ...common, ...common]);
		const prefix = kv.findCachedPrefix(req3);
		expect(prefix.blocks).toEqual(part1);
		expect(prefix.numTokens).toBe(96);
		expect(kv.allocateSlots(req3, 48, prefix, 0)).toBe(false);
		expect(part1.slice(0, 3).map((b) => kv.pool.refCount[b])).toEqual([1, 1, 1]);
		expect(part1.slice(3).map((b) => kv.pool.refCount[b])).toEqual([0, 0, 0]);
		expect(kv.numFreeBlocks).toBe(5);
	});

	it('test_basic_prefix_caching_disabled: no hits, and allocation fails when the pool is short', () => {
		const { kv, request, allocate } = manager({ blockSize: 4, numGpuBlocks: 4, enablePrefixCaching: false });
		const req1 = request('1', range(0, 10));
		expect(allocate(req1)).toHaveLength(3);
		kv.free(req1);
		const req2 = request('2', range(0, 16));
		expect(kv.findCachedPrefix(req2).numTokens).toBe(0);
		expect(allocate(req2)).toHaveLength(4);
		const req3 = request('3', range(0, 4));
		expect(allocate(req3)).toBeNull();
	});

	it('the last token is always computed: a fully cached prompt hits all but its last block', () => {
		const { kv, request, allocate } = manager({ blockSize: 4, numGpuBlocks: 8 });
		allocate(request('0', range(0, 8)));
		const again = request('1', range(0, 8));
		expect(kv.findCachedPrefix(again)).toEqual({ blocks: [0], numTokens: 4 });
	});

	it('a hit evicts nothing, and reusing a cached free block evicts its hash', () => {
		const { kv, request, allocate, log } = manager({ blockSize: 4, numGpuBlocks: 2 });
		const a = request('a', range(0, 5));
		allocate(a);
		kv.free(a);
		const b = request('b', range(100, 108));
		expect(allocate(b)).toEqual([1, 0]);
		const evicted = log.events!.filter((e) => e.type === 'block_evicted').map((e) => (e.type === 'block_evicted' ? e.block : -1));
		expect(evicted).toEqual([0]);
		expect(kv.findCachedPrefix(request('c', range(0, 5))).numTokens).toBe(0);
	});
});
