/** The five memory categories stacked over steps (from each `step_end.memory`). */
import { area, stack } from 'd3-shape';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { EngineEvent } from '../events/events';
import { emptyMemory, MEMORY_CATEGORIES, type MemoryBreakdown } from '../engine/memory/categories';
import { MEMORY_COLORS } from './colors';

export interface MemoryPoint {
	step: number;
	memory: MemoryBreakdown;
}

export function memorySeries(events: readonly EngineEvent[]): MemoryPoint[] {
	const out: MemoryPoint[] = [];
	for (const e of events) if (e.type === 'step_end') out.push({ step: e.step, memory: e.memory });
	return out;
}

/** Steps [step, end) drawn as one flat run at `memory`. */
export interface StepRun extends MemoryPoint {
	end: number;
}

/**
 * Consecutive points merged into at most `bins` runs, each at the mean of its points (one run
 * a point when they fit). A point lasts until the next one's step (a series may already be
 * averaged into buckets of steps, replay/memory.ts), the last one a step.
 */
export function binSteps(points: readonly MemoryPoint[], bins: number): StepRun[] {
	const endOf = (i: number) => (i + 1 < points.length ? points[i + 1].step : points[i].step + 1);
	if (points.length <= bins) return points.map((p, i) => ({ step: p.step, end: endOf(i), memory: p.memory }));
	const out: StepRun[] = [];
	for (let b = 0; b < bins; b++) {
		const i0 = Math.floor((b * points.length) / bins);
		const i1 = Math.floor(((b + 1) * points.length) / bins);
		if (i1 <= i0) continue;
		const memory = emptyMemory();
		for (let i = i0; i < i1; i++) for (const k of MEMORY_CATEGORIES) memory[k] += points[i].memory[k] / (i1 - i0);
		out.push({ step: points[i0].step, end: endOf(i1 - 1), memory });
	}
	return out;
}

export interface ChartGeometry {
	areas: { key: keyof MemoryBreakdown; d: string; color: string }[];
	x: ScaleLinear<number, number>;
	y: ScaleLinear<number, number>;
	/** Total slots of the pool (the y domain). */
	total: number;
	xTicks: number[];
	yTicks: number[];
}

export interface ChartBox {
	width: number;
	height: number;
	left: number;
	right: number;
	top: number;
	bottom: number;
}

export function layoutMemoryChart(points: readonly MemoryPoint[], box: ChartBox): ChartGeometry {
	const first = points[0]?.step ?? 0;
	const last = points[points.length - 1]?.step ?? 1;
	const total = points.reduce(
		(m, p) =>
			Math.max(
				m,
				MEMORY_CATEGORIES.reduce((s, k) => s + p.memory[k], 0)
			),
		1
	);
	const x = scaleLinear()
		.domain([first, Math.max(first + 1, last + 1)])
		.range([box.left, box.width - box.right]);
	const y = scaleLinear()
		.domain([0, total])
		.range([box.height - box.bottom, box.top]);
	// More steps than pixels: one run per pixel column (its steps' mean), so a 50,000-step run
	// is a path of a few kB, not megabytes.
	const runs = binSteps(points, Math.max(1, Math.floor(box.width - box.left - box.right)));
	const series = stack<StepRun, keyof MemoryBreakdown>()
		.keys(MEMORY_CATEGORIES)
		.value((p, k) => p.memory[k])(runs);
	// Each step is drawn as a flat run [step, step+1): a step is a unit of time, not a sample.
	const gen = area<[number, number, number]>()
		.x((d) => x(d[2]))
		.y0((d) => y(d[0]))
		.y1((d) => y(d[1]))
		.digits(1);
	const areas = series.map((s) => {
		const pts: [number, number, number][] = [];
		s.forEach((d, i) => {
			pts.push([d[0], d[1], runs[i].step], [d[0], d[1], runs[i].end]);
		});
		return { key: s.key, d: gen(pts) ?? '', color: MEMORY_COLORS[s.key] };
	});
	return { areas, x, y, total, xTicks: x.ticks(6).filter(Number.isInteger), yTicks: y.ticks(4) };
}
