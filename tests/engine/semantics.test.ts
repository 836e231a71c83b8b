/**
 * `semantics: "v1"` (vLLM as it runs today) beside `"paper"`: what V1 refuses, how n > 1
 * fans out, the null block, and vLLM's own figures (kv_cache_usage, PrefixCacheStats,
 * the start-up lines).
 */
import { describe, expect, it } from 'vitest';
import { InputError, parseConfig } from '../../src/lib/engine/config';
import { Engine } from '../../src/lib/engine/engine';
import { kvCacheUsage, startupLines } from '../../src/lib/engine/vllm-metrics';
import { EventLog } from '../../src/lib/events/event-log';
import { replayAll } from '../../src/lib/replay/replay';
import type { RequestSpec } from '../../src/lib/workload/request';
import { config, range } from './helpers';

function run(over: Parameters<typeof config>[0], requests: RequestSpec[]) {
	const log = new EventLog(true);
	const summary = new Engine(config(over), requests, { sink: log }).run();
	return { summary, events: log.events! };
}

describe('semantics v1 refuses what vLLM V1 no longer has, and says why', () => {
	it.each([
		[{ preemptionMode: 'swap' }, 'preemptionMode', /recompute only/],
		[{ preemptionMode: 'auto' }, 'preemptionMode', /recompute only/],
		[{ numCpuBlocks: 8 }, 'numCpuBlocks', /no swap space/],
		[{ allocator: 'orca-max' }, 'allocator', /must be paged/]
	])('%j is refused naming %s', (over, field, why) => {
		const err = (() => {
			try {
				parseConfig({ semantics: 'v1', ...over }, 'cfg.json');
			} catch (e) {
				return e as InputError;
			}
		})();
		expect(err).toBeInstanceOf(InputError);
		expect(err!.field).toBe(field);
		expect(err!.message).toMatch(why);
		// The same settings are the paper's engine's to use.
		expect(() => parseConfig({ semantics: 'paper', ...over }, 'cfg.json')).not.toThrow();
	});

	it('beam search is refused: V1 runs it outside the engine', () => {
		const beam: RequestSpec = { id: 'b', arrivalStep: 0, promptTokens: range(0, 8), outputLen: 4, beamWidth: 2 };
		expect(() => new Engine(config({ semantics: 'v1' }), [beam])).toThrow(/beam search.*outside the engine/);
		expect(() => new Engine(config({ semantics: 'paper' }), [beam])).not.toThrow();
	});
});

describe('n > 1 under v1: child requests sharing the prompt through prefix caching', () => {
	const spec: RequestSpec = { id: 'a', arrivalStep: 0, promptTokens: range(0, 20), outputLen: 6, n: 3 };

	it('fans out into n requests named as vLLM names them; the later children hit the prompt’s full blocks', () => {
		const { events } = run({ semantics: 'v1', blockSize: 4, numGpuBlocks: 64 }, [spec]);
		const arrived = events.filter((e) => e.type === 'arrived');
		expect(arrived.map((e) => e.type === 'arrived' && [e.req, e.width])).toEqual([
			['0_a', 1],
			['1_a', 1],
			['2_a', 1]
		]);
		const hits = (req: string) => events.filter((e) => e.type === 'prefix_hit' && e.req === req).length;
		// 20 tokens: 4 full blocks may hit (the last token is always computed).
		expect([hits('0_a'), hits('1_a'), hits('2_a')]).toEqual([0, 4, 4]);
		expect(events.some((e) => e.type === 'forked' || e.type === 'cow')).toBe(false);
		expect(events.filter((e) => e.type === 'finished')).toHaveLength(3);
	});

	it('without prefix caching the children share nothing', () => {
		const { events } = run({ semantics: 'v1', blockSize: 4, numGpuBlocks: 64, enablePrefixCaching: false }, [spec]);
		expect(events.some((e) => e.type === 'prefix_hit')).toBe(false);
	});

	it('the paper’s engine forks one group after the prompt instead', () => {
		const { events } = run({ semantics: 'paper', blockSize: 4, numGpuBlocks: 64 }, [spec]);
		expect(events.filter((e) => e.type === 'arrived')).toHaveLength(1);
		expect(events.filter((e) => e.type === 'forked')).toHaveLength(2);
	});
});

describe('the null block', () => {
	it('no event ever names block 0 under v1, and the pool holds one block less', () => {
		const requests = Array.from({ length: 12 }, (_, i): RequestSpec => ({
			id: `r${i}`,
			arrivalStep: i,
			promptTokens: range(i, i + 30),
			outputLen: 20
		}));
		const { events, summary } = run({ semantics: 'v1', blockSize: 4, numGpuBlocks: 17, maxModelLen: 64 }, requests);
		const named = events.flatMap((e) => ('block' in e ? [e.block] : e.type === 'cow' ? [e.from, e.to] : []));
		expect(named.length).toBeGreaterThan(0);
		expect(named).not.toContain(0);
		expect(summary.peakGpuBlocksUsed).toBeLessThanOrEqual(16);
		expect(summary.preemptions).toBeGreaterThan(0);
		// Replay marks it for the views, and never puts it in the free queue.
		const end = replayAll(events);
		expect(end.gpu[0].nullBlock).toBe(true);
		expect(end.gpu.slice(1).some((b) => b.nullBlock)).toBe(false);
		expect(end.freeQueue).toHaveLength(16);
		expect(end.freeQueue).not.toContain(0);
	});
});

describe('vLLM’s figures', () => {
	it('kv_cache_usage reads 0% while the prefix cache still hits (cached free blocks count as free)', () => {
		const a: RequestSpec = { id: 'A', arrivalStep: 0, promptTokens: range(0, 33), outputLen: 2 };
		const b: RequestSpec = { id: 'B', arrivalStep: 4, promptTokens: range(0, 40), outputLen: 2 };
		const { events, summary } = run({ semantics: 'v1', blockSize: 8, numGpuBlocks: 33 }, [a, b]);
		const aDone = events.find((e) => e.type === 'finished' && e.req === 'A')!;
		const end = events.find((e) => e.type === 'step_end' && e.step === aDone.step)!;
		expect(end.type === 'step_end' && kvCacheUsage(end.freeGpuBlocks, 33, 1)).toBe(0);
		// B then hits A's four full prompt blocks.
		expect(events.filter((e) => e.type === 'prefix_hit' && e.req === 'B')).toHaveLength(4);
		expect(summary.prefixCacheQueries).toBe(33 + 40);
		expect(summary.prefixCacheHits).toBe(32);
		expect(summary.kvCacheUsage.peak).toBeGreaterThan(0);
		expect(summary.kvCacheUsage.peak).toBeLessThanOrEqual(1);
	});

	it('usage is 1 − free / (num_gpu_blocks − 1) under v1, 1 − free / num_gpu_blocks for the paper’s pool', () => {
		expect(kvCacheUsage(5, 11, 1)).toBeCloseTo(0.5);
		expect(kvCacheUsage(5, 10, 0)).toBeCloseTo(0.5);
		expect(kvCacheUsage(10, 11, 1)).toBe(0);
	});

	it('the start-up lines for the paper’s OPT-13B pool (981 blocks of 16, 2,048 tokens per request)', () => {
		const { summary } = run({ semantics: 'v1', blockSize: 16, numGpuBlocks: 981, maxModelLen: 2048, maxNumBatchedTokens: 2048 }, [
			{ id: 'x', arrivalStep: 0, promptTokens: range(0, 4), outputLen: 1 }
		]);
		expect(summary.kvCacheTokens).toBe(15_696);
		expect(summary.maxConcurrency).toBeCloseTo(981 / 128);
		expect(startupLines(summary.kvCacheTokens, 2048, summary.maxConcurrency)).toEqual([
			'GPU KV cache size: 15,696 tokens',
			'Maximum concurrency for 2,048 tokens per request: 7.66x'
		]);
	});
});

describe('admission watermark', () => {
	// Found by the invariants property test: under v1 a request preempted after decoding needed
	// 5 of 6 usable blocks, and the V0 watermark (2 blocks) kept it waiting forever.
	const stuck = {
		blockSize: 2,
		numGpuBlocks: 7,
		maxNumSeqs: 2,
		maxNumBatchedTokens: 9,
		maxModelLen: 10,
		enablePrefixCaching: true,
		preemptionMode: 'recompute',
		watermark: 0.2
	};
	const requests: RequestSpec[] = [
		{ id: 'r0', arrivalStep: 0, promptTokens: [0, 0, 0, 0, 0], outputLen: 5, n: 3 },
		{ id: 'r1', arrivalStep: 0, promptTokens: [0], outputLen: 1 }
	];

	it('v1 has none: the preempted request is admitted again and every request finishes', () => {
		const summary = new Engine(parseConfig({ ...stuck, semantics: 'v1' }, 'test'), structuredClone(requests)).run();
		expect(summary.preemptions).toBeGreaterThan(0);
		expect(summary.finished).toBe(4);
	});

	it('the paper keeps watermark × numGpuBlocks free when admitting', () => {
		const log = new EventLog(true);
		// 7 blocks, watermark 0.5 → 4 kept free: a 5-block prompt fits the pool but never beside the watermark.
		const c = parseConfig({ ...stuck, semantics: 'paper', watermark: 0.5, maxNumBatchedTokens: 12, maxModelLen: 12 }, 'test');
		new Engine(c, [{ id: 'big', arrivalStep: 0, promptTokens: range(0, 9), outputLen: 2 }], { sink: log }).run();
		expect(log.events!.find((e) => e.type === 'rejected')).toMatchObject({ req: 'big', reason: 'exceeds_pool' });
	});
});

describe('a request that outgrows the room beside the watermark', () => {
	// Found by a random search: r1 is preempted after decoding; recomputing its prompt and
	// output needs more blocks than the pool minus the watermark, so it could never come back.
	it('is given up as exceeds_pool (vLLM V0 ignores it), and the run ends', () => {
		const c = parseConfig(
			{
				blockSize: 1,
				numGpuBlocks: 7,
				maxNumSeqs: 2,
				maxNumBatchedTokens: 6,
				maxModelLen: 6,
				enablePrefixCaching: true,
				preemptionMode: 'recompute',
				watermark: 0.5,
				semantics: 'paper'
			},
			'test'
		);
		const log = new EventLog(true);
		const summary = new Engine(
			c,
			[
				{ id: 'r0', arrivalStep: 2, promptTokens: [1], outputLen: 4 },
				{ id: 'r1', arrivalStep: 1, promptTokens: [0], outputLen: 6 },
				{ id: 'r2', arrivalStep: 1, promptTokens: [1, 0], outputLen: 4 }
			],
			{ sink: log }
		).run();
		const events = log.events!;
		const rejected = events.filter((e) => e.type === 'rejected');
		expect(rejected).toHaveLength(1);
		const who = (rejected[0] as { req: string }).req;
		// It ran and was preempted before it was given up.
		expect(events.findIndex((e) => e.type === 'preempted' && e.req === who)).toBeLessThan(events.indexOf(rejected[0]));
		expect(summary.finished + summary.rejected).toBe(3);
		expect(replayAll(events).requests.get(who)?.status).toBe('rejected');
	});
});
