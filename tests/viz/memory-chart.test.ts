import { describe, expect, it } from 'vitest';
import { binSteps, layoutMemoryChart, type MemoryPoint } from '../../src/lib/layout/memory-chart';

const point = (step: number, used: number): MemoryPoint => ({
	step,
	memory: { tokenStates: used, reserved: 0, internalFragmentation: 0, externalFragmentation: 0, free: 100 - used }
});

describe('binSteps', () => {
	it.each([
		// steps, bins → runs
		[
			3,
			10,
			[
				[0, 1],
				[1, 2],
				[2, 3]
			]
		],
		[
			4,
			2,
			[
				[0, 2],
				[2, 4]
			]
		],
		[
			5,
			2,
			[
				[0, 2],
				[2, 5]
			]
		]
	])('%i steps in %i bins', (n, bins, runs) => {
		const pts = Array.from({ length: n }, (_, i) => point(i, i * 10));
		expect(binSteps(pts, bins).map((r) => [r.step, r.end])).toEqual(runs);
	});

	it('a point of an averaged series lasts until the next one', () => {
		const pts = [point(0, 1), point(10, 2), point(20, 3)];
		expect(binSteps(pts, 10).map((r) => [r.step, r.end])).toEqual([
			[0, 10],
			[10, 20],
			[20, 21]
		]);
		expect(binSteps(pts, 2).map((r) => [r.step, r.end])).toEqual([
			[0, 10],
			[10, 21]
		]);
	});

	it('a run is its steps’ mean, and the categories still sum to the pool', () => {
		const [a, b] = binSteps([point(0, 10), point(1, 30), point(2, 50), point(3, 70)], 2);
		expect(a.memory.tokenStates).toBe(20);
		expect(b.memory.tokenStates).toBe(60);
		expect(b.memory.tokenStates + b.memory.free).toBe(100);
	});
});

describe('layoutMemoryChart at 50,000 steps', () => {
	it('draws one run per pixel column: kilobytes of path, not megabytes', () => {
		const pts = Array.from({ length: 50_000 }, (_, i) => point(i, (i * 7) % 100));
		const g = layoutMemoryChart(pts, { width: 600, height: 150, left: 50, right: 10, top: 14, bottom: 22 });
		const bytes = g.areas.reduce((s, a) => s + a.d.length, 0);
		expect(bytes).toBeLessThan(5 * 40 * 540);
		expect(g.x.domain()).toEqual([0, 50_000]);
	});
});
