/** The five memory categories stacked over steps (from each `step_end.memory`). */
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

export function layoutMemoryChart(points: readonly MemoryPoint[], box: ChartBox, opts: { areas?: boolean } = {}): ChartGeometry {
	const first = points[0]?.step ?? 0;
	const last = points[points.length - 1]?.step ?? 1;
	let total = 1;
	for (const p of points) {
		let s = 0;
		for (const k of MEMORY_CATEGORIES) s += p.memory[k];
		total = Math.max(total, s);
	}
	const x = scaleLinear()
		.domain([first, Math.max(first + 1, last + 1)])
		.range([box.left, box.width - box.right]);
	const y = scaleLinear()
		.domain([0, total])
		.range([box.height - box.bottom, box.top]);
	// `areas: false` (before the page can draw them): scales and ticks only.
	const areas = opts.areas === false ? [] : stackedAreas(points, box, x, y);
	return { areas, x, y, total, xTicks: x.ticks(6).filter(Number.isInteger), yTicks: y.ticks(4) };
}

/**
 * The five stacked areas' paths. The same path d3's stack() and area().digits(1) gave (one
 * flat run [step, end) per run, the top edge forward, the bottom back, then Z), written
 * straight from flat arrays: d3's objects a point were most of a long run's arrival task.
 */
function stackedAreas(
	points: readonly MemoryPoint[],
	box: ChartBox,
	x: ScaleLinear<number, number>,
	y: ScaleLinear<number, number>
): ChartGeometry['areas'] {
	// More steps than pixels: one run per pixel column (its steps' mean), so a 50,000-step run
	// is a path of a few kB, not megabytes.
	const runs = binSteps(points, Math.max(1, Math.floor(box.width - box.left - box.right)));
	const n = runs.length;
	if (!n) return MEMORY_CATEGORIES.map((key) => ({ key, d: '', color: MEMORY_COLORS[key] }));
	const sx = linear(x);
	const sy = linear(y);
	// Each step is drawn as a flat run [step, end): a step is a unit of time, not a sample.
	const x0 = new Array<string>(n);
	const x1 = new Array<string>(n);
	for (let i = 0; i < n; i++) {
		x0[i] = String(round1(sx(runs[i].step)));
		x1[i] = String(round1(sx(runs[i].end)));
	}
	// d3's stack (offset none): a layer's top is its value + its bottom, the next layer's bottom
	// that top (its bottom again where the top is NaN). A bottom's text is the top's below.
	const base = new Float64Array(n);
	let below = new Array<string>(n).fill(`${round1(sy(0))}`);
	return MEMORY_CATEGORIES.map((key) => {
		const tops = new Array<string>(n);
		const next = new Array<string>(n);
		for (let i = 0; i < n; i++) {
			const top = +runs[i].memory[key] + base[i];
			tops[i] = String(round1(sy(top)));
			if (Number.isNaN(top)) next[i] = below[i];
			else {
				next[i] = tops[i];
				base[i] = top;
			}
		}
		// One string grown in place (a rope in V8), as d3-path writes it: far quicker than joining parts.
		let d = '';
		for (let i = 0; i < n; i++) d += (i ? 'L' : 'M') + x0[i] + ',' + tops[i] + 'L' + x1[i] + ',' + tops[i];
		for (let i = n - 1; i >= 0; i--) d += 'L' + x1[i] + ',' + below[i] + 'L' + x0[i] + ',' + below[i];
		d += 'Z';
		below = next;
		return { key, d, color: MEMORY_COLORS[key] };
	});
}

/** d3-path's rounding at digits(1). */
const round1 = (v: number) => Math.round(v * 10) / 10;

/** A linear scale's own arithmetic (d3-scale's normalize, then interpolateNumber), without its per-call checks. */
function linear(s: ScaleLinear<number, number>): (v: number) => number {
	const [d0, d1] = s.domain();
	const [r0, r1] = s.range();
	const span = d1 - d0;
	return (v) => {
		const t = (v - d0) / span;
		return r0 * (1 - t) + r1 * t;
	};
}
