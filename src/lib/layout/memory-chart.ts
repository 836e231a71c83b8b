/** The five memory categories stacked over steps (from each `step_end.memory`). */
import { area, stack } from 'd3-shape';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { EngineEvent } from '../events/events';
import { MEMORY_CATEGORIES, type MemoryBreakdown } from '../engine/memory/categories';
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
	const total = points.reduce((m, p) => Math.max(m, MEMORY_CATEGORIES.reduce((s, k) => s + p.memory[k], 0)), 1);
	const x = scaleLinear()
		.domain([first, Math.max(first + 1, last + 1)])
		.range([box.left, box.width - box.right]);
	const y = scaleLinear().domain([0, total]).range([box.height - box.bottom, box.top]);
	const series = stack<MemoryPoint, keyof MemoryBreakdown>()
		.keys(MEMORY_CATEGORIES)
		.value((p, k) => p.memory[k])(points as MemoryPoint[]);
	// Each step is drawn as a flat run [step, step+1): a step is a unit of time, not a sample.
	const gen = area<[number, number, number]>()
		.x((d) => x(d[2]))
		.y0((d) => y(d[0]))
		.y1((d) => y(d[1]));
	const areas = series.map((s) => {
		const pts: [number, number, number][] = [];
		s.forEach((d, i) => {
			const step = points[i].step;
			pts.push([d[0], d[1], step], [d[0], d[1], step + 1]);
		});
		return { key: s.key, d: gen(pts) ?? '', color: MEMORY_COLORS[s.key] };
	});
	return { areas, x, y, total, xTicks: x.ticks(6).filter(Number.isInteger), yTicks: y.ticks(4) };
}
