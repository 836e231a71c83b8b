/**
 * Two places where the engine differed from vLLM V1, each pinned by the vLLM test it
 * comes from (tests/v1/core/test_prefix_caching.py), block ids renumbered for no null block.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/lib/engine/engine';
import { EventLog } from '../../src/lib/events/event-log';
import { config, manager, range } from './helpers';

describe('duplicate cached blocks (block_pool.py BlockHashToBlockMap keeps several ids per hash)', () => {
	it('test_prefill_plp: a block computed twice in one step is cached twice, and the survivor still hits', () => {
		const { kv, request, allocate } = manager({ blockSize: 4, numGpuBlocks: 4 });
		const a = request('A', range(0, 8));
		expect(allocate(a)).toEqual([0, 1]);
		// B hits A's first block (the last token is always computed) and computes its second again.
		const b = request('B', range(0, 8));
		expect(allocate(b)).toEqual([0, 2]);
		kv.free(a);
		kv.free(b);
		// C evicts the first copy of the duplicate (block 1); block 2 keeps the same hash.
		expect(allocate(request('C', range(100, 108)))).toEqual([3, 1]);
		const d = request('D', range(0, 9));
		expect(kv.findCachedPrefix(d)).toEqual({ blocks: [0, 2], numTokens: 8 });
	});

	it('the issue repro end to end: D hits two blocks and computes one token', () => {
		const log = new EventLog(true);
		const cfg = config({ blockSize: 4, numGpuBlocks: 4, maxModelLen: 64 });
		const spec = (id: string, arrivalStep: number, promptTokens: number[]) => ({ id, arrivalStep, promptTokens, outputLen: 1 });
		new Engine(cfg, [spec('A', 0, range(0, 8)), spec('B', 0, range(0, 8)), spec('C', 1, range(100, 108)), spec('D', 2, range(0, 9))], {
			sink: log
		}).run();
		const d = log.events!.filter((e) => 'req' in e && e.req === 'D');
		expect(d.filter((e) => e.type === 'prefix_hit')).toHaveLength(2);
		const sched = d.find((e) => e.type === 'scheduled');
		expect(sched && sched.type === 'scheduled' && sched.numTokens).toBe(1);
	});
});

describe('a request that fits is admitted (the last sampled token is never written)', () => {
	const run = (numGpuBlocks: number, promptLen: number) => {
		const log = new EventLog(true);
		const cfg = config({ blockSize: 16, numGpuBlocks, maxModelLen: 4096, maxNumBatchedTokens: 4096 });
		const summary = new Engine(cfg, [{ id: '0', arrivalStep: 0, promptTokens: range(0, promptLen), outputLen: 1 }], { sink: log }).run();
		return { summary, rejected: log.events!.filter((e) => e.type === 'rejected') };
	};

	it('test_prefill: a 160-token prompt with one output token fits exactly 10 blocks of 16', () => {
		const { summary, rejected } = run(10, 160);
		expect(rejected).toEqual([]);
		expect(summary.peakGpuBlocksUsed).toBe(10);
	});

	it('test_computed_blocks_not_evicted: a 32-token prompt fits 2 blocks', () => {
		expect(run(2, 32).rejected).toEqual([]);
	});

	it('one token more than the pool holds is still rejected', () => {
		const { rejected } = run(10, 161);
		expect(rejected.map((e) => e.type === 'rejected' && e.reason)).toEqual(['exceeds_pool']);
	});
});
