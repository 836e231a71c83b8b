/**
 * The memory chart's areas are written from flat arrays (layout/memory-chart.ts); they are the
 * same paths d3's stack() and area().digits(1) drew before, on real runs and edge cases.
 */
import { describe, expect, it } from 'vitest';
import { area, stack } from 'd3-shape';
import type { ScaleLinear } from 'd3-scale';
import { binSteps, layoutMemoryChart, type ChartBox, type MemoryPoint, type StepRun } from '../../src/lib/layout/memory-chart';
import { MEMORY_CATEGORIES, type MemoryBreakdown } from '../../src/lib/engine/memory/categories';
import { parseConfig } from '../../src/lib/engine/config';
import { simulateRun } from '../../src/lib/replay/run';
import { generateWorkload } from '../../src/lib/workload/workload';

/** The d3 version the chart drew with until the flat one (reference). */
function d3Paths(points: readonly MemoryPoint[], box: ChartBox, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>) {
	const runs = binSteps(points, Math.max(1, Math.floor(box.width - box.left - box.right)));
	const series = stack<StepRun, keyof MemoryBreakdown>()
		.keys(MEMORY_CATEGORIES)
		.value((p, k) => p.memory[k])(runs);
	const gen = area<[number, number, number]>()
		.x((d) => x(d[2]))
		.y0((d) => y(d[0]))
		.y1((d) => y(d[1]))
		.digits(1);
	return series.map((s) => {
		const pts: [number, number, number][] = [];
		s.forEach((d, i) => pts.push([d[0], d[1], runs[i].step], [d[0], d[1], runs[i].end]));
		return { key: s.key, d: gen(pts) ?? '' };
	});
}

const BOXES: ChartBox[] = [
	{ width: 1300, height: 150, left: 50, right: 10, top: 14, bottom: 22 },
	{ width: 390, height: 150, left: 50, right: 10, top: 14, bottom: 22 },
	{ width: 600, height: 120, left: 50, right: 10, top: 14, bottom: 22 }
];

function expectSameAsD3(points: readonly MemoryPoint[]) {
	for (const box of BOXES) {
		const g = layoutMemoryChart(points, box);
		expect(g.areas.map((a) => ({ key: a.key, d: a.d }))).toEqual(d3Paths(points, box, g.x, g.y));
	}
}

describe('memory chart paths', () => {
	it('are d3’s paths on a real run (more points than pixel columns, and fewer)', () => {
		const config = parseConfig({ blockSize: 16, numGpuBlocks: 400, maxNumSeqs: 32, maxNumBatchedTokens: 2048, maxModelLen: 1024 }, 'test');
		const requests = generateWorkload({ preset: 'sharegpt', numRequests: 400, ratePerStep: 2, maxLen: 1024, seed: 3 });
		const run = simulateRun(config, requests);
		expect(run.memory.length).toBeGreaterThan(400);
		expectSameAsD3(run.memory);
		expectSameAsD3(run.memory.slice(0, 200));
		expect(layoutMemoryChart(run.memory, BOXES[0]).areas.every((a) => a.d.startsWith('M') && a.d.endsWith('Z'))).toBe(true);
	});

	it('are d3’s paths for one point, no point, fractions and a NaN', () => {
		const p = (step: number, m: Partial<MemoryBreakdown>): MemoryPoint => ({
			step,
			memory: { tokenStates: 0, reserved: 0, internalFragmentation: 0, externalFragmentation: 0, free: 0, ...m }
		});
		expectSameAsD3([]);
		expectSameAsD3([p(0, { free: 10 })]);
		expectSameAsD3([p(3, { tokenStates: 1 / 3, reserved: 2.25, free: 7.41 }), p(9, { tokenStates: 5.05, free: 4.95 })]);
		expectSameAsD3([p(0, { tokenStates: NaN, free: 3 }), p(1, { reserved: 2, free: 1 })]);
	});

	it('without areas: the same scales and ticks, no paths', () => {
		const pts = Array.from({ length: 50 }, (_, i) => ({
			step: i,
			memory: { tokenStates: i, reserved: 0, internalFragmentation: 0, externalFragmentation: 0, free: 100 - i }
		}));
		const full = layoutMemoryChart(pts, BOXES[0]);
		const bare = layoutMemoryChart(pts, BOXES[0], { areas: false });
		expect(bare.areas).toEqual([]);
		expect([bare.total, bare.x.domain(), bare.y.domain(), bare.xTicks, bare.yTicks]).toEqual([
			full.total,
			full.x.domain(),
			full.y.domain(),
			full.xTicks,
			full.yTicks
		]);
	});
});
