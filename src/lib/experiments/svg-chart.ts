/**
 * Charts as SVG strings, for files and blog posts: d3 computes scales, ticks and paths;
 * the markup is built here, so it runs in Node with no DOM. Three marks: stacked bars,
 * grouped bars, lines. Every chart has a title, axis labels, a legend and its data series
 * marked with `data-series` (tests look for them).
 */
import { scaleBand, scaleLinear, scaleLog, type ScaleBand, type ScaleContinuousNumeric } from 'd3-scale';
import { line } from 'd3-shape';
import { schemeTableau10 } from 'd3-scale-chromatic';
import { escapeXml } from '../io/xml';

export const WIDTH = 760;
export const HEIGHT = 440;
const M = { top: 56, right: 24, bottom: 96, left: 76 };
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

export interface Series {
	name: string;
	color?: string;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

function colorOf(s: Series, i: number): string {
	return s.color ?? schemeTableau10[i % 10];
}

function frame(title: string, subtitle: string | undefined, body: string[]): string {
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" ${FONT} font-size="13">`,
		`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
		`<text x="${M.left}" y="24" font-size="17" font-weight="600" fill="#222">${escapeXml(title)}</text>`,
		subtitle ? `<text x="${M.left}" y="43" font-size="12" fill="#555">${escapeXml(subtitle)}</text>` : '',
		...body,
		'</svg>'
	]
		.filter(Boolean)
		.join('\n');
}

/** Legend in one row (wrapping) under the x axis label. */
function legend(series: Series[]): string {
	const out: string[] = ['<g class="legend">'];
	let x = M.left;
	let y = HEIGHT - 22;
	for (let i = 0; i < series.length; i++) {
		const w = 22 + series[i].name.length * 7.2 + 18;
		if (x + w > WIDTH - M.right) {
			x = M.left;
			y += 18;
		}
		out.push(
			`<rect x="${r2(x)}" y="${y - 10}" width="14" height="12" fill="${colorOf(series[i], i)}"/>`,
			`<text x="${r2(x + 20)}" y="${y}" fill="#333">${escapeXml(series[i].name)}</text>`
		);
		x += w;
	}
	out.push('</g>');
	return out.join('\n');
}

function yAxis(y: ScaleContinuousNumeric<number, number>, label: string, fmt: (v: number) => string, ticks = 6): string {
	const x0 = M.left;
	const x1 = WIDTH - M.right;
	const out = ['<g class="y-axis">'];
	for (const t of y.ticks(ticks)) {
		const py = r2(y(t));
		out.push(
			`<line x1="${x0}" x2="${x1}" y1="${py}" y2="${py}" stroke="#e6e6e6"/>`,
			`<text x="${x0 - 8}" y="${py + 4}" text-anchor="end" fill="#444">${escapeXml(fmt(t))}</text>`
		);
	}
	const cy = (M.top + HEIGHT - M.bottom) / 2;
	out.push(`<text transform="translate(18 ${cy}) rotate(-90)" text-anchor="middle" fill="#222">${escapeXml(label)}</text>`, '</g>');
	return out.join('\n');
}

function xAxisLine(): string {
	const y = HEIGHT - M.bottom;
	return `<line x1="${M.left}" x2="${WIDTH - M.right}" y1="${y}" y2="${y}" stroke="#666"/>`;
}

function xLabel(label: string): string {
	return `<text x="${(M.left + WIDTH - M.right) / 2}" y="${HEIGHT - M.bottom + 40}" text-anchor="middle" fill="#222">${escapeXml(label)}</text>`;
}

function bandTicks(x: ScaleBand<string>): string {
	const y = HEIGHT - M.bottom;
	return x
		.domain()
		.map((d) => `<text x="${r2(x(d)! + x.bandwidth() / 2)}" y="${y + 18}" text-anchor="middle" fill="#444">${escapeXml(d)}</text>`)
		.join('\n');
}

export interface StackedBarSpec {
	title: string;
	subtitle?: string;
	/** One bar each. */
	bars: string[];
	/** Stacked bottom to top; `values[i]` belongs to `bars[i]`. */
	series: (Series & { values: number[] })[];
	xLabel: string;
	yLabel: string;
	yMax?: number;
	yFormat?: (v: number) => string;
	/** Label each segment at least this tall (in y units) with its value. */
	labelMin?: number;
}

export function stackedBarChart(spec: StackedBarSpec): string {
	const fmt = spec.yFormat ?? String;
	const totals = spec.bars.map((_, i) => spec.series.reduce((s, ser) => s + ser.values[i], 0));
	const y = scaleLinear()
		.domain([0, spec.yMax ?? Math.max(...totals)])
		.nice()
		.range([HEIGHT - M.bottom, M.top]);
	const x = scaleBand()
		.domain(spec.bars)
		.range([M.left, WIDTH - M.right])
		.padding(0.3);
	const body = [yAxis(y, spec.yLabel, fmt)];
	spec.series.forEach((ser, si) => {
		const color = colorOf(ser, si);
		body.push(`<g data-series="${escapeXml(ser.name)}" fill="${color}">`);
		spec.bars.forEach((bar, bi) => {
			const below = spec.series.slice(0, si).reduce((s, o) => s + o.values[bi], 0);
			const v = ser.values[bi];
			const top = y(below + v);
			const h = y(below) - top;
			body.push(
				`<rect x="${r2(x(bar)!)}" y="${r2(top)}" width="${r2(x.bandwidth())}" height="${r2(Math.max(0, h))}"><title>${escapeXml(`${bar}, ${ser.name}: ${fmt(v)}`)}</title></rect>`
			);
			if (spec.labelMin !== undefined && v >= spec.labelMin)
				body.push(
					`<text x="${r2(x(bar)! + x.bandwidth() / 2)}" y="${r2(top + h / 2 + 4)}" text-anchor="middle" fill="${textOn(color)}" font-size="12">${escapeXml(fmt(v))}</text>`
				);
		});
		body.push('</g>');
	});
	body.push(xAxisLine(), bandTicks(x), xLabel(spec.xLabel), legend(spec.series));
	return frame(spec.title, spec.subtitle, body);
}

export interface GroupedBarSpec {
	title: string;
	subtitle?: string;
	groups: string[];
	/** One bar per series in every group; `values[i]` belongs to `groups[i]`. */
	series: (Series & { values: number[] })[];
	xLabel: string;
	yLabel: string;
	yFormat?: (v: number) => string;
	/** Print each bar's value above it. */
	valueLabels?: boolean;
}

export function groupedBarChart(spec: GroupedBarSpec): string {
	const fmt = spec.yFormat ?? String;
	const max = Math.max(0, ...spec.series.flatMap((s) => s.values.filter(Number.isFinite)));
	const y = scaleLinear()
		.domain([0, max * 1.08 || 1])
		.nice()
		.range([HEIGHT - M.bottom, M.top]);
	const x = scaleBand()
		.domain(spec.groups)
		.range([M.left, WIDTH - M.right])
		.padding(0.2);
	const inner = scaleBand()
		.domain(spec.series.map((s) => s.name))
		.range([0, x.bandwidth()])
		.padding(0.08);
	const body = [yAxis(y, spec.yLabel, fmt)];
	spec.series.forEach((ser, si) => {
		body.push(`<g data-series="${escapeXml(ser.name)}" fill="${colorOf(ser, si)}">`);
		spec.groups.forEach((group, gi) => {
			const v = ser.values[gi];
			if (!Number.isFinite(v)) return;
			const bx = x(group)! + inner(ser.name)!;
			body.push(
				`<rect x="${r2(bx)}" y="${r2(y(v))}" width="${r2(inner.bandwidth())}" height="${r2(y(0) - y(v))}"><title>${escapeXml(`${group}, ${ser.name}: ${fmt(v)}`)}</title></rect>`
			);
			if (spec.valueLabels)
				body.push(
					`<text x="${r2(bx + inner.bandwidth() / 2)}" y="${r2(y(v) - 4)}" text-anchor="middle" fill="#333" font-size="11">${escapeXml(fmt(v))}</text>`
				);
		});
		body.push('</g>');
	});
	body.push(xAxisLine(), bandTicks(x), xLabel(spec.xLabel), legend(spec.series));
	return frame(spec.title, spec.subtitle, body);
}

export interface LineSpec {
	title: string;
	subtitle?: string;
	series: (Series & { points: [number, number][]; dashed?: boolean })[];
	xLabel: string;
	yLabel: string;
	/** `log2`: ticks at powers of two (block sizes). */
	xScale?: 'linear' | 'log2';
	yScale?: 'linear' | 'log10';
	xFormat?: (v: number) => string;
	yFormat?: (v: number) => string;
	/** Clip the y axis (points above are drawn at the top edge, marked with a caret). */
	yMax?: number;
	yMin?: number;
}

export function lineChart(spec: LineSpec): string {
	const xs = spec.series.flatMap((s) => s.points.map((p) => p[0]));
	const ys = spec.series.flatMap((s) => s.points.map((p) => p[1])).filter(Number.isFinite);
	const [xmin, xmax] = [Math.min(...xs), Math.max(...xs)];
	const yTop = spec.yMax ?? Math.max(...ys) * 1.05;
	const x =
		spec.xScale === 'log2'
			? scaleLog()
					.base(2)
					.domain([xmin, xmax])
					.range([M.left + 10, WIDTH - M.right - 10])
			: scaleLinear()
					.domain([Math.min(0, xmin), xmax])
					.nice()
					.range([M.left, WIDTH - M.right]);
	const y =
		spec.yScale === 'log10'
			? scaleLog()
					.domain([spec.yMin ?? Math.max(1e-9, Math.min(...ys.filter((v) => v > 0)) / 1.2), yTop])
					.nice()
					.range([HEIGHT - M.bottom, M.top])
			: scaleLinear()
					.domain([spec.yMin ?? 0, yTop])
					.nice()
					.range([HEIGHT - M.bottom, M.top]);
	const xf = spec.xFormat ?? String;
	const yf = spec.yFormat ?? String;
	const clampY = (v: number) => Math.min(v, y.domain()[1]);
	const body = [yAxis(y, spec.yLabel, yf, spec.yScale === 'log10' ? 5 : 6), xAxisLine()];
	const xTicks = spec.xScale === 'log2' ? [...new Set(xs)].sort((a, b) => a - b) : x.ticks(8);
	for (const t of xTicks)
		body.push(`<text x="${r2(x(t))}" y="${HEIGHT - M.bottom + 18}" text-anchor="middle" fill="#444">${escapeXml(xf(t))}</text>`);
	body.push(xLabel(spec.xLabel));
	const path = line<[number, number]>()
		.x((p) => x(p[0]))
		.y((p) => y(clampY(p[1])))
		.defined((p) => Number.isFinite(p[1]));
	spec.series.forEach((ser, si) => {
		const color = colorOf(ser, si);
		const pts = [...ser.points].sort((a, b) => a[0] - b[0]);
		body.push(
			`<g data-series="${escapeXml(ser.name)}">`,
			`<path d="${path(pts) ?? ''}" fill="none" stroke="${color}" stroke-width="2.2"${ser.dashed ? ' stroke-dasharray="6 4"' : ''}/>`
		);
		for (const [px, py] of pts) {
			if (!Number.isFinite(py)) continue;
			const clipped = py > y.domain()[1];
			body.push(
				`<circle cx="${r2(x(px))}" cy="${r2(y(clampY(py)))}" r="${clipped ? 5 : 3.5}" fill="${clipped ? '#fff' : color}" stroke="${color}" stroke-width="1.5"><title>${escapeXml(`${ser.name}: ${xf(px)} → ${yf(py)}`)}</title></circle>`
			);
		}
		body.push('</g>');
	});
	body.push(legend(spec.series));
	return frame(spec.title, spec.subtitle, body);
}

/** Black or white text, whichever reads better on `hex`. */
function textOn(hex: string): string {
	const n = parseInt(hex.slice(1), 16);
	const lum = 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
	return lum > 150 ? '#222' : '#fff';
}

export const pctFormat = (v: number) => `${Math.round(v * 1000) / 10}%`;
