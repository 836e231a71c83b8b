/**
 * vLLM V1's own tests, ported with vLLM's own block ids under `semantics: "v1"` (block 0
 * is the null block): tests/v1/core/test_prefix_caching.py and tests/v1/core/test_scheduler.py.
 * Where vLLM drives its scheduler twice before an output arrives, our engine runs one
 * synchronous step; each such port says what it changed.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/lib/engine/engine';
import { EventLog } from '../../src/lib/events/event-log';
import type { RequestSpec } from '../../src/lib/workload/request';
import { config, manager, range } from './helpers';

const v1 = { semantics: 'v1' as const };
const common = [0, 1, 2].flatMap((i) => Array(16).fill(i));

describe('test_prefix_caching.py under semantics v1', () => {
	it('test_prefill', () => {
		const { kv, request, allocate, freeQueue } = manager({ ...v1, blockSize: 16, numGpuBlocks: 11 });
		const req0 = request('0', [...common, ...Array(7).fill(3)]);
		expect(kv.findCachedPrefix(req0).numTokens).toBe(0);
		expect(allocate(req0)).toEqual([1, 2, 3, 4]);
		for (const b of [1, 2, 3]) expect(kv.pool.refCount[b]).toBe(1);
		expect(kv.pool.hash[4]).toBe(-1);

		const req1 = request('1', [...common, ...Array(5).fill(3)]);
		expect(kv.findCachedPrefix(req1)).toEqual({ blocks: [1, 2, 3], numTokens: 48 });
		expect(allocate(req1)).toEqual([1, 2, 3, 5]);
		for (const b of [1, 2, 3]) expect(kv.pool.refCount[b]).toBe(2);
		expect(kv.numFreeBlocks).toBe(5);

		kv.free(req0);
		kv.free(req1);
		expect(kv.numFreeBlocks).toBe(10);
		// unallocated (6..10), unique of req0 (4), unique of req1 (5), common in reverse (3, 2, 1)
		expect(freeQueue()).toEqual([6, 7, 8, 9, 10, 4, 5, 3, 2, 1]);

		const req2 = request('2', [...common, ...Array(6).fill(3)]);
		expect(kv.findCachedPrefix(req2)).toEqual({ blocks: [1, 2, 3], numTokens: 48 });
		expect(allocate(req2)).toEqual([1, 2, 3, 6]);
		expect(kv.numFreeBlocks).toBe(6);
		kv.free(req2);

		// A miss that takes the whole pool; the order checks the eviction order.
		const req3 = request('3', Array(160).fill(99));
		expect(kv.findCachedPrefix(req3).numTokens).toBe(0);
		expect(allocate(req3)).toEqual([7, 8, 9, 10, 4, 5, 6, 3, 2, 1]);
		expect(kv.numFreeBlocks).toBe(0);
	});

	it('test_decode', () => {
		const { kv, request, allocate } = manager({ ...v1, blockSize: 16, numGpuBlocks: 11 });
		const req0 = request('0', [...common, ...Array(7).fill(3)]);
		expect(allocate(req0)).toEqual([1, 2, 3, 4]);
		const seq = req0.seqs[0];
		// Append slots without allocating a new block.
		seq.tokens.push(8, 8, 8, 8);
		expect(allocate(req0, 4)).toEqual([1, 2, 3, 4]);
		expect(kv.pool.hash[4]).toBe(-1);
		// Append slots with a new block: 9 tokens fill the last block, 10 go into a new one.
		for (let i = 0; i < 19; i++) seq.tokens.push(7);
		expect(allocate(req0, 19)).toEqual([1, 2, 3, 4, 5]);
		expect(kv.pool.hash[4]).not.toBe(-1);
		expect(kv.pool.hash[5]).toBe(-1);
	});

	it('test_evict', () => {
		const { kv, request, allocate, freeQueue } = manager({ ...v1, blockSize: 16, numGpuBlocks: 11 });
		let last = 5 * 16 + 7;
		const req0 = request('0', range(0, last));
		expect(allocate(req0)).toHaveLength(6);
		const req1 = request('1', range(last, last + 3 * 16));
		expect(allocate(req1)).toHaveLength(3);
		last += 3 * 16;
		expect(kv.numFreeBlocks).toBe(1);
		kv.free(req0);
		kv.free(req1);
		expect(kv.numFreeBlocks).toBe(10);
		expect(freeQueue()).toEqual([10, 6, 5, 4, 3, 2, 1, 9, 8, 7]);
		// Touch the first 2 blocks.
		const req2 = request('2', range(0, 2 * 16 + 3));
		expect(kv.findCachedPrefix(req2)).toEqual({ blocks: [1, 2], numTokens: 32 });
		expect(allocate(req2)).toEqual([1, 2, 10]);
		expect(kv.numFreeBlocks).toBe(7);
	});

	it('test_hash_block_correct_reuse: a reused cached block loses its hash (2 blocks: the null block and one)', () => {
		const { kv, request, allocate } = manager({ ...v1, blockSize: 16, numGpuBlocks: 2 });
		const req = request('0', range(0, 16));
		expect(allocate(req)).toEqual([1]);
		kv.free(req);
		const again = request('1', range(0, 15));
		expect(kv.findCachedPrefix(again).numTokens).toBe(0);
		expect(allocate(again)).toEqual([1]);
		expect(kv.pool.hash[1]).toBe(-1);
	});

	it('test_computed_blocks_not_evicted', () => {
		const { kv, request, allocate } = manager({ ...v1, blockSize: 16, numGpuBlocks: 3 });
		const req0 = request('0', range(0, 16));
		expect(allocate(req0)).toEqual([1]);
		const req1 = request('1', range(16, 32));
		expect(allocate(req1)).toEqual([2]);
		kv.free(req0);
		kv.free(req1);
		// A hit on the first block evicts the second cached block, not the first.
		const req2 = request('2', range(0, 32));
		expect(kv.findCachedPrefix(req2)).toEqual({ blocks: [1], numTokens: 16 });
		expect(allocate(req2)).toEqual([1, 2]);
	});

	it('test_basic_prefix_caching_disabled', () => {
		const { kv, request, allocate } = manager({ ...v1, blockSize: 4, numGpuBlocks: 5, enablePrefixCaching: false });
		const req1 = request('1', range(0, 10));
		expect(allocate(req1)).toHaveLength(3);
		kv.free(req1);
		const req2 = request('2', range(0, 16));
		expect(kv.findCachedPrefix(req2).numTokens).toBe(0);
		expect(allocate(req2)).toHaveLength(4);
		// New requests should not get any blocks.
		expect(allocate(request('3', range(0, 4)))).toBeNull();
	});
});

/** vLLM's create_requests: request i is `num_tokens` copies of token i. */
const requests = (n: number, numTokens: number, outputLen = 16, arrivalStep = 0): RequestSpec[] =>
	Array.from({ length: n }, (_, i) => ({ id: String(i), arrivalStep, promptTokens: Array(numTokens).fill(i), outputLen }));

/** Run the engine; tokens scheduled per request, step by step. */
function schedule(over: Parameters<typeof config>[0], reqs: RequestSpec[], steps: number) {
	const log = new EventLog(true);
	const engine = new Engine(config({ ...v1, ...over }), reqs, { sink: log });
	for (let i = 0; i < steps && engine.step(); i++);
	const byStep: Record<string, number>[] = [];
	for (const e of log.events!) if (e.type === 'scheduled') (byStep[e.step] ??= {})[e.req] = e.numTokens;
	return { byStep, events: log.events!, engine };
}

describe('test_scheduler.py under semantics v1', () => {
	it.each([true, false])('test_schedule_concurrent_partial_requests (prefix caching %s)', (enablePrefixCaching) => {
		const { byStep } = schedule(
			{
				blockSize: 16,
				numGpuBlocks: 10_000,
				maxNumBatchedTokens: 1024,
				longPrefillTokenThreshold: 400,
				maxModelLen: 4096,
				enablePrefixCaching
			},
			requests(3, 800),
			3
		);
		expect(byStep[0]).toEqual({ 0: 400, 1: 400, 2: 224 });
		expect(byStep[1]).toEqual({ 0: 400, 1: 400, 2: 224 });
		expect(byStep[2]).toEqual({ 0: 1, 1: 1, 2: 800 - 224 - 224 });
	});

	it('test_schedule_partial_requests: the token budget splits the third request (its encoder-budget half needs a multimodal model)', () => {
		const { byStep } = schedule({ blockSize: 16, numGpuBlocks: 10_000, maxNumBatchedTokens: 1024, maxModelLen: 4096 }, requests(3, 800), 1);
		expect(byStep[0]).toEqual({ 0: 800, 1: 224 });
	});

	it('test_preempt_during_execution: 11 blocks hold 10 (block 0 is the null block); the last running request is preempted', () => {
		// vLLM schedules twice before the first output (pipeline parallelism); synchronously,
		// both prefills must fit one step, so the budget is 160 instead of 100.
		const { events } = schedule(
			{ blockSize: 16, numGpuBlocks: 11, maxNumBatchedTokens: 160, maxModelLen: 1024, enablePrefixCaching: false },
			requests(2, 80),
			2
		);
		const allocated = (req: string) =>
			events
				.filter((e) => e.type === 'block_allocated' && e.req === req && e.step === 0)
				.map((e) => e.type === 'block_allocated' && e.block);
		expect(allocated('0')).toEqual([1, 2, 3, 4, 5]);
		expect(allocated('1')).toEqual([6, 7, 8, 9, 10]);
		const preempted = events.filter((e) => e.type === 'preempted');
		expect(preempted.map((e) => [e.step, e.type === 'preempted' && e.req, e.type === 'preempted' && e.mode])).toEqual([
			[1, '1', 'recompute']
		]);
		const step1 = events.filter((e) => e.type === 'step_end' && e.step === 1)[0];
		expect(step1.type === 'step_end' && [step1.running, step1.waiting]).toEqual([1, 1]);
	});
});
