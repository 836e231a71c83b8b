import { describe, expect, it } from 'vitest';
import { cellAt, cellOrigin, layoutBlockGrid, slotGrid } from '../../src/lib/layout/block-grid';
import { transitionsBetween, transitionScale } from '../../src/lib/layout/block-transitions';
import { buildLanes, layoutTimeline } from '../../src/lib/layout/timeline';
import { layoutMemoryChart, memorySeries } from '../../src/lib/layout/memory-chart';
import { filterEvents, visibleWindow, describeEvent } from '../../src/lib/layout/event-list';
import { wrapSlotLine, type SlotRun } from '../../src/lib/layout/slot-line';
import { requestColor } from '../../src/lib/layout/colors';
import { DEFAULT_CONFIG } from '../../src/lib/engine/config';
import { emptyMemory } from '../../src/lib/engine/memory/categories';
import type { EngineEvent } from '../../src/lib/events/events';

const mem = (tokenStates: number, free: number) => ({ ...emptyMemory(), tokenStates, free });
/** A tiny hand-written run: A arrives, prefills, is preempted, resumes and finishes; B shares a block by CoW. */
const EVENTS: EngineEvent[] = [
	{ step: 0, type: 'run_start', version: 1, config: { ...DEFAULT_CONFIG, numGpuBlocks: 4, blockSize: 4 }, executor: 'synthetic' },
	{ step: 0, type: 'arrived', req: 'A', promptTokens: [1, 2, 3, 4, 5], outputLen: 3, width: 1, beam: false },
	{ step: 0, type: 'scheduled', req: 'A', numTokens: 5, phase: 'prefill', numComputed: 0 },
	{ step: 0, type: 'block_allocated', req: 'A', seq: 0, logical: 0, block: 0, device: 'gpu' },
	{ step: 0, type: 'block_allocated', req: 'A', seq: 0, logical: 1, block: 1, device: 'gpu' },
	{
		step: 0,
		type: 'step_end',
		freeGpuBlocks: 2,
		running: 1,
		waiting: 0,
		swapped: 0,
		batchSeqs: 1,
		batchTokens: 5,
		ms: 1,
		memory: mem(5, 11)
	},
	{ step: 1, type: 'arrived', req: 'B', promptTokens: [1, 2, 3, 4], outputLen: 1, width: 1, beam: false },
	{ step: 1, type: 'preempted', req: 'A', mode: 'recompute', restart: true },
	{ step: 1, type: 'block_freed', block: 1, device: 'gpu' },
	{ step: 1, type: 'prefix_hit', req: 'B', logical: 0, block: 0 },
	{ step: 1, type: 'cow', req: 'B', seq: 0, logical: 0, from: 0, to: 2 },
	{
		step: 1,
		type: 'step_end',
		freeGpuBlocks: 2,
		running: 1,
		waiting: 1,
		swapped: 0,
		batchSeqs: 1,
		batchTokens: 1,
		ms: 1,
		memory: mem(4, 12)
	},
	{ step: 2, type: 'scheduled', req: 'A', numTokens: 6, phase: 'prefill', numComputed: 0 },
	{ step: 2, type: 'finished', req: 'B' },
	{
		step: 2,
		type: 'step_end',
		freeGpuBlocks: 1,
		running: 1,
		waiting: 0,
		swapped: 0,
		batchSeqs: 1,
		batchTokens: 6,
		ms: 1,
		memory: mem(6, 10)
	},
	{ step: 3, type: 'scheduled', req: 'A', numTokens: 1, phase: 'decode', numComputed: 6 },
	{ step: 3, type: 'finished', req: 'A' },
	{
		step: 3,
		type: 'step_end',
		freeGpuBlocks: 4,
		running: 0,
		waiting: 0,
		swapped: 0,
		batchSeqs: 1,
		batchTokens: 1,
		ms: 1,
		memory: mem(0, 16)
	}
];

describe('layoutBlockGrid', () => {
	it.each([
		// count, width, cell, expected cols, rows, cell
		[24, 600, 40, 14, 2, 40],
		[10, 100, 20, 4, 3, 20],
		[1, 500, 30, 1, 1, 30],
		[4096, 1000, 6, 143, 29, 6]
	])('%i blocks in %ipx at %ipx cells', (count, width, cell, cols, rows, size) => {
		const g = layoutBlockGrid(count, { width, cell });
		expect([g.cols, g.rows, g.cell]).toEqual([cols, rows, size]);
		expect(g.width).toBeLessThanOrEqual(width);
	});
	it.each([
		[24, 600, 300],
		[4096, 1000, 600],
		[64, 390, 300]
	])('fits %i blocks into %ipx × %ipx', (count, width, height) => {
		const g = layoutBlockGrid(count, { width, fitHeight: height });
		expect(g.cols * g.rows).toBeGreaterThanOrEqual(count);
		expect(g.width).toBeLessThanOrEqual(width);
		expect(g.height).toBeLessThanOrEqual(Math.max(height, g.cell));
	});
	it('maps points back to cells', () => {
		const g = layoutBlockGrid(10, { width: 100, cell: 20 });
		for (let i = 0; i < 10; i++) {
			const { x, y } = cellOrigin(g, i);
			expect(cellAt(g, 10, x + 5, y + 5)).toBe(i);
		}
		expect(cellAt(g, 10, -1, 5)).toBe(-1);
		expect(cellAt(g, 10, 95, 95)).toBe(-1);
	});
	it.each([
		[16, 4, 4],
		[8, 4, 2],
		[1, 1, 1],
		[32, 8, 4],
		[7, 7, 1]
	])('slot grid for block size %i: exactly that many cells', (bs, cols, rows) => expect(slotGrid(bs)).toEqual({ cols, rows }));
});

describe('transitionsBetween', () => {
	it.each([
		[
			1,
			5,
			[
				['gpu', 0, 'alloc'],
				['gpu', 1, 'alloc']
			]
		],
		[
			6,
			12,
			[
				['gpu', 1, 'free'],
				['gpu', 0, 'hit'],
				['gpu', 2, 'cow']
			]
		],
		[12, 6, []],
		[5, 5, []]
	] as const)('events %i → %i', (from, to, want) => {
		const got = transitionsBetween(EVENTS, from, to).map((t) => [t.device, t.block, t.kind]);
		expect(got).toEqual(want);
	});
	it('gives up on long jumps', () => expect(transitionsBetween(EVENTS, 1, 18, 5)).toEqual([]));
	it('alloc grows in and settles at full size', () => {
		expect(transitionScale('alloc', 0)).toBeLessThan(1);
		for (const k of ['alloc', 'free', 'hit', 'cow', 'evict', 'swap_out', 'swap_in'] as const) expect(transitionScale(k, 1)).toBeCloseTo(1);
	});
});

describe('buildLanes', () => {
	const lanes = buildLanes(EVENTS);
	it('folds statuses per step and merges runs', () => {
		expect(lanes.endStep).toBe(4);
		expect(lanes.preemptionSteps).toEqual([1]);
		const [a, b] = [lanes.lane(0), lanes.lane(1)];
		expect(a.segments).toEqual([
			{ status: 'prefill', start: 0, end: 1 },
			{ status: 'preempted', start: 1, end: 2 },
			{ status: 'prefill', start: 2, end: 3 },
			{ status: 'decode', start: 3, end: 4 }
		]);
		expect(b.segments).toEqual([{ status: 'waiting', start: 1, end: 3 }]);
		expect(a.finishStep).toBe(3);
	});
	it('lays lanes out in rows across the width', () => {
		const g = layoutTimeline(lanes, { width: 464, labelWidth: 64, row: 10, gap: 2, top: 10 });
		expect(g.x(0)).toBe(64);
		expect(g.x(4)).toBe(460);
		expect(g.stepAt(64 + 150)).toBe(1);
		expect(g.rects.filter((r) => r.lane === 1).map((r) => r.y)).toEqual([22]);
	});
	it('lays out only the lanes in view when given a window, the same rects as the whole', () => {
		const box = { width: 464, labelWidth: 64, row: 10, gap: 2, top: 10 };
		const whole = layoutTimeline(lanes, box);
		for (const [first, last] of [
			[0, 1],
			[1, 2],
			[0, 2],
			[1, 99]
		])
			expect(layoutTimeline(lanes, { ...box, first, last }).rects).toEqual(whole.rects.filter((r) => r.lane >= first && r.lane < last));
	});
	it('reads each lane from the packed arrays with its request id', () => {
		expect(lanes.count).toBe(2);
		expect([lanes.lane(0).req, lanes.lane(1).req]).toEqual(
			EVENTS.filter((e) => e.type === 'arrived').map((e) => ('req' in e ? e.req : ''))
		);
	});
});

describe('memory chart', () => {
	it('stacks the five categories over steps', () => {
		const pts = memorySeries(EVENTS);
		expect(pts.map((p) => p.step)).toEqual([0, 1, 2, 3]);
		const g = layoutMemoryChart(pts, { width: 200, height: 100, left: 0, right: 0, top: 0, bottom: 0 });
		expect(g.total).toBe(16);
		expect(g.areas.map((a) => a.key)).toEqual(['tokenStates', 'reserved', 'internalFragmentation', 'externalFragmentation', 'free']);
		expect(g.y(16)).toBe(0);
		expect(g.x(0)).toBe(0);
		expect(g.x(4)).toBe(200);
	});
});

describe('event list', () => {
	it.each([
		[{ types: [], req: '' }, 18],
		[{ types: ['step_end'], req: '' }, 4],
		[{ types: [], req: 'B' }, 4],
		[{ types: ['scheduled'], req: 'A' }, 3]
	] as const)('filter %j', (f, n) => expect(filterEvents(EVENTS, { types: [...f.types], req: f.req })).toHaveLength(n));
	it.each([
		[0, 100, 20, 1000, { start: 0, end: 11 }],
		[400, 100, 20, 1000, { start: 14, end: 31 }],
		[19900, 100, 20, 1000, { start: 989, end: 1000 }]
	])('window at %i', (top, vp, row, n, want) => expect(visibleWindow(top, vp, row, n)).toMatchObject(want));
	it('describes events in one line', () => {
		expect(describeEvent(EVENTS[10])).toBe('cow req=B seq=0 logical=0 from=0 to=2');
		expect(describeEvent(EVENTS[1])).toBe('arrived A prompt=5 out=3');
	});
});

describe('slot line wrap', () => {
	it('splits runs across rows', () => {
		const runs: SlotRun[] = [
			{ start: 0, length: 30, category: 'tokenStates', req: 'A' },
			{ start: 30, length: 70, category: 'free', req: null }
		];
		const w = wrapSlotLine(runs, 100, 100, 10, 2);
		expect(w.rows).toBe(2);
		expect(w.slotsPerRow).toBe(50);
		expect(w.rects.map((r) => [r.x, r.y, r.w])).toEqual([
			[0, 0, 60],
			[60, 0, 40],
			[0, 12, 100]
		]);
	});
});

describe('colours', () => {
	it('are stable and distinct for the first requests', () => {
		const cs = Array.from({ length: 20 }, (_, i) => requestColor(i));
		expect(new Set(cs).size).toBe(20);
		expect(requestColor(3)).toBe(requestColor(3));
	});
});
