import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ContiguousAllocator, spanLength } from '../../src/lib/engine/memory/contiguous-allocator';
import { parseConfig, type AllocatorKind, type EngineConfig } from '../../src/lib/engine/config';
import { Engine } from '../../src/lib/engine/engine';
import { EventLog } from '../../src/lib/events/event-log';
import { MEMORY_CATEGORIES, type MemoryBreakdown } from '../../src/lib/engine/memory/categories';
import type { RequestSpec } from '../../src/lib/workload/request';
import { Sequence, SequenceGroup } from '../../src/lib/engine/sequence';
import { NO_PREFIX } from '../../src/lib/engine/allocator';
import { simulate } from '../../src/lib/engine/simulate';

const ORCA = ['orca-max', 'orca-pow2', 'orca-oracle'] as const;

function setup(allocator: AllocatorKind, over: Partial<EngineConfig> = {}) {
	// 20 blocks of 16 = 320 slots.
	const config = parseConfig({ allocator, blockSize: 16, numGpuBlocks: 20, maxModelLen: 256, maxNumBatchedTokens: 256, ...over });
	const log = new EventLog(true);
	return { config, log, kv: new ContiguousAllocator(config, log) };
}

let nextId = 0;
function group(promptLen: number, outputLen: number, extra: Partial<RequestSpec> = {}, maxModelLen = 256): SequenceGroup {
	const spec: RequestSpec = {
		id: `g${nextId++}`,
		arrivalStep: 0,
		promptTokens: Array.from({ length: promptLen }, (_, i) => i),
		outputLen,
		...extra
	};
	return new SequenceGroup(spec, maxModelLen);
}

const sum = (m: MemoryBreakdown) => MEMORY_CATEGORIES.reduce((a, k) => a + m[k], 0);
const starts = (kv: ContiguousAllocator) => kv.spans.map((s) => [s.start, s.length]);

describe('span sizes', () => {
	it.each([
		['orca-max', 37, 256],
		['orca-max', 256, 256],
		['orca-pow2', 1, 1],
		['orca-pow2', 37, 64],
		['orca-pow2', 64, 64],
		['orca-pow2', 65, 128],
		['orca-pow2', 200, 256],
		['orca-oracle', 37, 37]
	] as const)('%s reserves for final length %i: %i slots', (kind, finalLen, expected) => {
		expect(spanLength(kind, finalLen, 256)).toBe(expected);
	});

	it('caps pow2 at maxModelLen', () => {
		expect(spanLength('orca-pow2', 1500, 2048)).toBe(2048);
		expect(spanLength('orca-pow2', 1500, 1600)).toBe(1600);
	});

	it('reserves one span per sequence of the group, at admission', () => {
		const { kv, log } = setup('orca-oracle');
		const g = group(10, 20, { n: 3 });
		expect(kv.allocateSlots(g, 10, NO_PREFIX, 0)).toBe(true);
		expect(starts(kv)).toEqual([
			[0, 30],
			[30, 30],
			[60, 30]
		]);
		const ev = log.events!.filter((e) => e.type === 'span_reserved');
		expect(ev).toEqual([
			{ step: 0, type: 'span_reserved', req: g.id, seq: 0, start: 0, length: 30 },
			{ step: 0, type: 'span_reserved', req: g.id, seq: 1, start: 30, length: 30 },
			{ step: 0, type: 'span_reserved', req: g.id, seq: 2, start: 60, length: 30 }
		]);
		// Later calls reserve nothing more.
		g.seqs[0].numComputed = 10;
		expect(kv.allocateSlots(g, 1, NO_PREFIX, 0)).toBe(true);
		expect(kv.spans).toHaveLength(3);
	});
});

describe('first fit', () => {
	it('places a span in the first gap, by address, that holds it', () => {
		const { kv } = setup('orca-oracle');
		const [a, b, c, d] = [group(50, 50), group(30, 30), group(60, 40), group(20, 20)];
		for (const g of [a, b, c, d]) expect(kv.allocateSlots(g, g.promptLen, NO_PREFIX, 0)).toBe(true);
		expect(starts(kv)).toEqual([
			[0, 100],
			[100, 60],
			[160, 100],
			[260, 40]
		]);
		kv.free(a); // gap [0,100)
		kv.free(c); // gap [160,260)
		const e = group(60, 60); // 120: fits no gap
		expect(kv.allocateSlots(e, 60, NO_PREFIX, 0)).toBe(false);
		const f = group(40, 40); // 80: the first gap
		expect(kv.allocateSlots(f, 40, NO_PREFIX, 0)).toBe(true);
		expect(kv.spans.find((s) => s.group === f)!.start).toBe(0);
		const h = group(30, 30); // 60: [0,100) has only 20 left, so the second gap
		expect(kv.allocateSlots(h, 30, NO_PREFIX, 0)).toBe(true);
		expect(kv.spans.find((s) => s.group === h)!.start).toBe(160);
		const i = group(10, 10); // 20: back into the first gap's tail
		expect(kv.allocateSlots(i, 10, NO_PREFIX, 0)).toBe(true);
		expect(kv.spans.find((s) => s.group === i)!.start).toBe(80);
		expect(kv.spans.map((s) => s.start)).toEqual([0, 80, 100, 160, 260]);
	});

	it('is all-or-nothing over the spans of a group', () => {
		const { kv } = setup('orca-oracle');
		const a = group(100, 100); // [0,200)
		expect(kv.allocateSlots(a, 100, NO_PREFIX, 0)).toBe(true);
		const b = group(30, 30, { n: 3 }); // 3 × 60 = 180 > 120 left
		expect(kv.allocateSlots(b, 30, NO_PREFIX, 0)).toBe(false);
		expect(starts(kv)).toEqual([[0, 200]]);
		const c = group(30, 30, { n: 2 }); // 2 × 60 fits exactly
		expect(kv.allocateSlots(c, 30, NO_PREFIX, 0)).toBe(true);
		expect(kv.numFreeBlocks).toBe(0);
	});

	it('keeps the watermark free', () => {
		const { kv } = setup('orca-oracle');
		const a = group(100, 100);
		expect(kv.allocateSlots(a, 100, NO_PREFIX, 8)).toBe(false); // 200 + 8 × 16 > 320
		expect(kv.allocateSlots(a, 100, NO_PREFIX, 7)).toBe(true); // 200 + 112 ≤ 320
	});

	it('rejects a span set larger than the whole line', () => {
		const { kv } = setup('orca-max'); // 256-slot spans in 320 slots
		expect(kv.rejectReason(group(10, 10))).toBeNull();
		expect(kv.rejectReason(group(10, 10, { n: 2 }))).toBe('exceeds_pool');
		const pow2 = setup('orca-pow2').kv;
		expect(pow2.rejectReason(group(10, 10, { n: 5 }))).toBeNull(); // 5 × 32
		expect(pow2.rejectReason(group(10, 10, { n: 11 }))).toBe('exceeds_pool');
	});

	it('never offers a cached prefix and never swaps', () => {
		const { kv } = setup('orca-max');
		const g = group(40, 10);
		expect(kv.findCachedPrefix(g)).toBe(NO_PREFIX);
		expect(kv.canSwapOut(g)).toBe(false);
		expect(kv.canSwapIn(g, 1)).toBe(false);
		expect(kv.takeOps()).toEqual({ copies: [], swapOut: [], swapIn: [] });
	});
});

describe('memory categories', () => {
	it('splits spans into token states, reserved and internal fragmentation', () => {
		const { kv } = setup('orca-pow2');
		const g = group(20, 30); // final 50, span 64
		kv.allocateSlots(g, 20, NO_PREFIX, 0);
		g.seqs[0].numComputed = 20;
		const m = kv.memory(undefined);
		expect(m).toEqual({ tokenStates: 20, reserved: 30, internalFragmentation: 14, externalFragmentation: 0, free: 256 });
	});

	it('counts free gaps smaller than the head request’s span as external fragmentation', () => {
		const { kv } = setup('orca-oracle');
		const [a, b, c] = [group(50, 50), group(50, 50), group(50, 50)]; // [0,100) [100,200) [200,300), 20 free at the end
		for (const g of [a, b, c]) kv.allocateSlots(g, 50, NO_PREFIX, 0);
		kv.free(b);
		const tot = (m: MemoryBreakdown) => [m.externalFragmentation, m.free];
		expect(tot(kv.memory(group(75, 75)))).toEqual([120, 0]); // needs 150: no gap holds it
		expect(tot(kv.memory(group(25, 25)))).toEqual([20, 100]); // needs 50: only the 20-slot tail is too small
		expect(tot(kv.memory(group(5, 5)))).toEqual([0, 120]);
		expect(tot(kv.memory(undefined))).toEqual([0, 120]);
		expect(sum(kv.memory(group(75, 75)))).toBe(320);
	});

	it('counts a spare span (a sample not forked yet) as reserved, a forked child by its tokens', () => {
		const { kv } = setup('orca-oracle');
		const g = group(10, 10, { n: 2 }); // 2 spans of 20
		kv.allocateSlots(g, 10, NO_PREFIX, 0);
		g.seqs[0].numComputed = 10;
		expect(kv.memory(undefined)).toMatchObject({ tokenStates: 10, reserved: 30 });
		const child = new Sequence(1, g.seqs[0].tokens.slice());
		kv.fork(g, g.seqs[0], child);
		g.seqs.push(child);
		expect(child.numComputed).toBe(10);
		expect(kv.memory(undefined)).toMatchObject({ tokenStates: 20, reserved: 20, internalFragmentation: 0 });
	});

	it('hands a pruned beam’s span to a child forked before the prune', () => {
		const { kv } = setup('orca-oracle');
		const g = group(10, 10, { beamWidth: 2 });
		kv.allocateSlots(g, 10, NO_PREFIX, 0);
		const [p0] = g.seqs;
		p0.numComputed = 10;
		const p1 = new Sequence(1, p0.tokens.slice());
		kv.fork(g, p0, p1); // takes the spare
		const c = new Sequence(2, p0.tokens.slice());
		kv.fork(g, p0, c); // no spare left: waits for p1's span
		kv.freeSeq(g, p1);
		g.seqs = [p0, c];
		expect(kv.allocateSlots(g, 1, NO_PREFIX, 0)).toBe(true);
		expect(kv.memory(undefined)).toMatchObject({ tokenStates: 20, reserved: 20 });
		kv.free(g);
		expect(kv.spans).toHaveLength(0);
		expect(kv.numFreeBlocks).toBe(20);
	});
});

/** Small random workloads: lengths, widths and arrival steps. */
const workloadArb = fc
	.array(
		fc.record({
			promptLen: fc.integer({ min: 1, max: 120 }),
			outputLen: fc.integer({ min: 1, max: 150 }),
			arrivalStep: fc.integer({ min: 0, max: 40 }),
			width: fc.constantFrom(1, 1, 1, 2, 3),
			beam: fc.boolean()
		}),
		{ minLength: 1, maxLength: 25 }
	)
	.map((rs) =>
		rs.map((r, i): RequestSpec => ({
			id: `r${i}`,
			arrivalStep: r.arrivalStep,
			promptTokens: Array.from({ length: r.promptLen }, (_, j) => (i * 31 + j) % 97),
			outputLen: r.outputLen,
			...(r.width > 1 ? (r.beam ? { beamWidth: r.width } : { n: r.width }) : {})
		}))
	);

describe('whole runs', () => {
	it.each(ORCA)('%s: the five categories sum to the pool after every step; spans never overlap; no preemption', (allocator) => {
		fc.assert(
			fc.property(workloadArb, fc.integer({ min: 0, max: 2 }), (requests, wm) => {
				const config = parseConfig({
					allocator,
					blockSize: 8,
					numGpuBlocks: 64,
					maxModelLen: 256,
					maxNumBatchedTokens: 256,
					maxNumSeqs: 8,
					watermark: wm / 100
				});
				const engine = new Engine(config, requests, {});
				const kv = engine.kv as ContiguousAllocator;
				while (engine.step()) {
					const m = kv.memory(engine.scheduler.waiting.peekFront());
					expect(sum(m)).toBe(64 * 8);
					for (const k of MEMORY_CATEGORIES) expect(m[k]).toBeGreaterThanOrEqual(0);
					for (let i = 1; i < kv.spans.length; i++)
						expect(kv.spans[i].start).toBeGreaterThanOrEqual(kv.spans[i - 1].start + kv.spans[i - 1].length);
				}
				const s = engine.summary();
				expect(s.preemptions).toBe(0);
				expect(s.finished + s.rejected).toBe(requests.length);
				expect(kv.spans).toHaveLength(0);
				expect(kv.peakUsedBlocks).toBeLessThanOrEqual(64);
			}),
			{ numRuns: 40 }
		);
	});

	it('step_end memory sums to the pool in the event stream, and span_reserved events are emitted', () => {
		const requests: RequestSpec[] = Array.from({ length: 12 }, (_, i) => ({
			id: `r${i}`,
			arrivalStep: i,
			promptTokens: Array.from({ length: 10 + ((i * 37) % 60) }, (_, j) => j),
			outputLen: 5 + ((i * 53) % 90),
			...(i % 4 === 1 ? { n: 2 } : {})
		}));
		for (const allocator of ORCA) {
			const config = parseConfig({ allocator, blockSize: 16, numGpuBlocks: 32, maxModelLen: 256, maxNumBatchedTokens: 256 });
			const { events, summary } = simulate(config, requests);
			const ends = events.filter((e) => e.type === 'step_end');
			expect(ends).toHaveLength(summary.steps);
			for (const e of ends) expect(sum(e.memory)).toBe(512);
			const spans = events.filter((e) => e.type === 'span_reserved');
			expect(spans.length).toBe(requests.reduce((a, r) => a + (r.n ?? 1), 0));
			expect(summary.finished).toBe(12);
		}
	});

	it('oracle wastes nothing inside spans, max wastes the most', () => {
		const requests: RequestSpec[] = Array.from({ length: 20 }, (_, i) => ({
			id: `r${i}`,
			arrivalStep: 0,
			promptTokens: Array.from({ length: 5 + ((i * 13) % 40) }, (_, j) => j),
			outputLen: 5 + ((i * 29) % 50)
		}));
		const run = (allocator: AllocatorKind) =>
			simulate(parseConfig({ allocator, blockSize: 16, numGpuBlocks: 32, maxModelLen: 256, maxNumBatchedTokens: 256 }), requests, {
				keepEvents: false
			}).summary;
		const [max, pow2, oracle] = ORCA.map(run);
		expect(oracle.memory.internalFragmentation).toBe(0);
		expect(pow2.memory.internalFragmentation).toBeGreaterThan(0);
		expect(max.memory.internalFragmentation).toBeGreaterThan(pow2.memory.internalFragmentation);
		expect(max.avgBatchSize).toBeLessThan(oracle.avgBatchSize);
	});
});
