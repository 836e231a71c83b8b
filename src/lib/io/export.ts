/**
 * Exports: events as JSONL, a summary as CSV, the block map as a standalone SVG, and the
 * PNG/SVG frame (a caption with the step and the config above, the legend below) that makes
 * a picture readable outside the app. Strings, except the canvas framing and `download`.
 */
import { escapeXml } from './xml';
import type { EngineEvent } from '../events/events';
import type { ReplayState } from '../replay/state';
import type { Summary } from '../engine/stats';
import type { EngineConfig } from '../engine/config';
import { cellOrigin, slotGrid, type Grid } from '../layout/block-grid';
import { nullBlockId, type Holders } from '../layout/block-holders';
import { requestColor } from '../layout/colors';

/** A legend entry as exports draw it (the views' `LegendItem`). */
export interface ExportLegendItem {
	label: string;
	color: string;
	pattern?: 'dashed' | 'hatched' | 'striped' | 'badge';
}

export interface Frame {
	/** One line above the picture: the step and the config (`configCaption`). */
	caption: string;
	legend: readonly ExportLegendItem[];
}

/** The run's settings in one line, for a caption. */
export function configCaption(c: EngineConfig): string {
	const parts = [
		c.allocator,
		`${c.numGpuBlocks} GPU blocks × ${c.blockSize} slots`,
		c.numCpuBlocks > 0 ? `${c.numCpuBlocks} CPU blocks` : '',
		`max ${c.maxNumSeqs} seqs`,
		`budget ${c.maxNumBatchedTokens} tokens`,
		`prefix caching ${c.enablePrefixCaching ? 'on' : 'off'}`,
		`preempt ${c.preemptionMode}`,
		`semantics ${c.semantics}`
	];
	return parts.filter(Boolean).join(' · ');
}

const FRAME_FONT = 16;
const FRAME_LINE = 24;
const SWATCH = 14;
const FREE = '#e4e7eb';
const INK = '#1d232b';
const MUTED = '#5d6670';

/** Legend rows wrapped to `width` (approximate text widths: 0.6 em a Latin character, 1 em a CJK one). */
function legendRows(items: readonly ExportLegendItem[], width: number): { item: ExportLegendItem; x: number; row: number }[] {
	const out: { item: ExportLegendItem; x: number; row: number }[] = [];
	let x = 0;
	let row = 0;
	for (const item of items) {
		const w = SWATCH + 6 + textWidth(item.label) + 18;
		if (x > 0 && x + w > width) {
			x = 0;
			row++;
		}
		out.push({ item, x, row });
		x += w;
	}
	return out;
}

function textWidth(s: string): number {
	let w = 0;
	for (const ch of s) w += /[\u2e80-\uffff]/.test(ch) ? FRAME_FONT : FRAME_FONT * 0.6;
	return w;
}

function swatchSvg(item: ExportLegendItem, x: number, y: number): string {
	const c = resolveColor(item.color);
	switch (item.pattern) {
		case 'dashed':
			return `<rect x="${x + 1}" y="${y + 1}" width="${SWATCH - 2}" height="${SWATCH - 2}" fill="none" stroke="${c}" stroke-width="2" stroke-dasharray="3 2"/>`;
		case 'hatched':
			return `<rect x="${x}" y="${y}" width="${SWATCH}" height="${SWATCH}" fill="${FREE}" stroke="${MUTED}"/><path d="M${x},${y + SWATCH} l${SWATCH},-${SWATCH} M${x},${y + SWATCH / 2} l${SWATCH / 2},-${SWATCH / 2} M${x + SWATCH / 2},${y + SWATCH} l${SWATCH / 2},-${SWATCH / 2}" stroke="${MUTED}"/>`;
		case 'striped':
			return `<rect x="${x}" y="${y}" width="${SWATCH / 3}" height="${SWATCH}" fill="#4e79a7"/><rect x="${x + SWATCH / 3}" y="${y}" width="${SWATCH / 3}" height="${SWATCH}" fill="#f28e2b"/><rect x="${x + (2 * SWATCH) / 3}" y="${y}" width="${SWATCH / 3}" height="${SWATCH}" fill="#59a14f"/>`;
		case 'badge':
			return `<circle cx="${x + SWATCH / 2}" cy="${y + SWATCH / 2}" r="${SWATCH / 2}" fill="${INK}"/><text x="${x + SWATCH / 2}" y="${y + SWATCH / 2 + 5}" font-size="14" font-weight="bold" text-anchor="middle" fill="#fff" font-family="sans-serif">2</text>`;
		default:
			return `<rect x="${x}" y="${y}" width="${SWATCH}" height="${SWATCH}" fill="${c}" stroke="${MUTED}" stroke-width="0.5"/>`;
	}
}

/** CSS variables in legend colours, as the light theme resolves them. */
function resolveColor(c: string): string {
	if (c === 'var(--block-free)') return FREE;
	if (c === 'var(--fg)') return INK;
	if (c === 'var(--muted)') return MUTED;
	return c;
}

/** `body` (an SVG fragment `width` × `height`) with the caption above and the legend below, as a document. */
export function framedSvg(body: string, width: number, height: number, frame: Frame, title: string): string {
	const w = Math.max(width, 480);
	const rows = legendRows(frame.legend, w);
	const legendH = rows.length ? (rows[rows.length - 1].row + 1) * FRAME_LINE + 6 : 0;
	const top = FRAME_LINE + 8;
	const total = top + height + 8 + legendH;
	const legend = rows
		.map(({ item, x, row }) => {
			const y = top + height + 8 + row * FRAME_LINE;
			return (
				swatchSvg(item, x, y + 3) +
				`<text x="${x + SWATCH + 6}" y="${y + 16}" font-size="${FRAME_FONT}" fill="${INK}" font-family="sans-serif">${escapeXml(item.label)}</text>`
			);
		})
		.join('');
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${total}" viewBox="0 0 ${w} ${total}">` +
		`<title>${escapeXml(title)}</title>` +
		`<rect width="${w}" height="${total}" fill="#ffffff"/>` +
		`<text x="0" y="${FRAME_FONT + 2}" font-size="${FRAME_FONT}" fill="${INK}" font-family="sans-serif" data-caption="">${escapeXml(frame.caption)}</text>` +
		`<g transform="translate(0 ${top})">${body}</g>` +
		legend +
		'</svg>\n'
	);
}

/** A canvas picture (the live map) with the caption above and the legend below, on a new canvas (browser only). */
export function framedCanvas(src: HTMLCanvasElement, cssWidth: number, cssHeight: number, frame: Frame): HTMLCanvasElement {
	const scale = src.width / Math.max(1, cssWidth);
	const w = Math.max(cssWidth, 480);
	const rows = legendRows(frame.legend, w);
	const legendH = rows.length ? (rows[rows.length - 1].row + 1) * FRAME_LINE + 6 : 0;
	const top = FRAME_LINE + 8;
	const out = document.createElement('canvas');
	out.width = Math.round(w * scale);
	out.height = Math.round((top + cssHeight + 8 + legendH) * scale);
	const ctx = out.getContext('2d');
	if (!ctx) return src;
	ctx.scale(scale, scale);
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, w, top + cssHeight + 8 + legendH);
	ctx.fillStyle = INK;
	ctx.font = `${FRAME_FONT}px sans-serif`;
	ctx.textBaseline = 'alphabetic';
	ctx.fillText(frame.caption, 0, FRAME_FONT + 2, w);
	ctx.drawImage(src, 0, top, cssWidth, cssHeight);
	for (const { item, x, row } of rows) {
		const y = top + cssHeight + 8 + row * FRAME_LINE + 3;
		const c = resolveColor(item.color);
		if (item.pattern === 'badge') {
			ctx.fillStyle = INK;
			ctx.beginPath();
			ctx.arc(x + SWATCH / 2, y + SWATCH / 2, SWATCH / 2, 0, Math.PI * 2);
			ctx.fill();
		} else if (item.pattern === 'striped') {
			['#4e79a7', '#f28e2b', '#59a14f'].forEach((s, k) => {
				ctx.fillStyle = s;
				ctx.fillRect(x + (k * SWATCH) / 3, y, SWATCH / 3, SWATCH);
			});
		} else if (item.pattern === 'dashed' || item.pattern === 'hatched') {
			ctx.fillStyle = FREE;
			ctx.fillRect(x, y, SWATCH, SWATCH);
			ctx.strokeStyle = item.pattern === 'dashed' ? c : MUTED;
			ctx.setLineDash(item.pattern === 'dashed' ? [3, 2] : []);
			ctx.strokeRect(x + 1, y + 1, SWATCH - 2, SWATCH - 2);
			if (item.pattern === 'hatched') {
				ctx.beginPath();
				ctx.moveTo(x, y + SWATCH);
				ctx.lineTo(x + SWATCH, y);
				ctx.stroke();
			}
			ctx.setLineDash([]);
		} else {
			ctx.fillStyle = c;
			ctx.fillRect(x, y, SWATCH, SWATCH);
		}
		ctx.fillStyle = INK;
		ctx.fillText(item.label, x + SWATCH + 6, y + 13);
	}
	return out;
}

export function eventsToJsonl(events: readonly EngineEvent[]): string {
	return events.map((e) => JSON.stringify(e)).join('\n') + '\n';
}

/** Flatten nested objects to `a.b` columns; one header row, one value row. */
export function summaryToCsv(summary: Summary | Record<string, unknown>): string {
	const flat: [string, unknown][] = [];
	const walk = (prefix: string, v: unknown) => {
		if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
		else flat.push([prefix, v]);
	};
	walk('', summary);
	const cell = (v: unknown) => {
		const s = String(v ?? '');
		return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return `${flat.map(([k]) => cell(k)).join(',')}\n${flat.map(([, v]) => cell(v)).join(',')}\n`;
}

/**
 * The GPU block pool at a replayed moment as an SVG document: the canvas's geometry (each
 * block exactly its `blockSize` slots), shared blocks in bands of every holder's colour,
 * the null block hatched; framed with the caption and legend when `frame` is given.
 */
export function blockMapSvg(state: ReplayState, grid: Grid, title = 'PagedKV Lab block map', frame?: Frame, holders?: Holders): string {
	const slots = slotGrid(state.config.blockSize);
	const sw = grid.cell / slots.cols;
	const sh = grid.cellH / slots.rows;
	const parts: string[] = [];
	const colorOf = (req: string | null) => (req ? requestColor(state.requests.get(req)?.index ?? -1) : FREE);
	const nullBlock = nullBlockId(state);
	state.gpu.forEach((b, i) => {
		const { x, y } = cellOrigin(grid, i);
		parts.push(`<rect x="${x}" y="${y}" width="${grid.cell}" height="${grid.cellH}" fill="${FREE}"/>`);
		if (i === nullBlock) {
			parts.push(
				`<rect x="${x + 0.5}" y="${y + 0.5}" width="${grid.cell - 1}" height="${grid.cellH - 1}" fill="none" stroke="${MUTED}"/><path d="M${x},${y + grid.cellH} L${x + Math.min(grid.cell, grid.cellH)},${y}" stroke="${MUTED}"/>`
			);
			return;
		}
		if (b.refCount === 0 && !b.cached) return;
		const who = holders?.get(b.id);
		const colors = who && who.length > 1 ? who.map(colorOf) : [colorOf(b.owner)];
		const op = b.refCount > 0 ? 1 : 0.45;
		parts.push(
			`<rect x="${x}" y="${y}" width="${grid.cell}" height="${grid.cellH}" fill="${colors[0]}" fill-opacity="${op * 0.28}"${b.refCount > 0 ? '' : ` stroke="${colors[0]}" stroke-dasharray="2 2"`}/>`
		);
		for (let s = 0; s < b.fill; s++) {
			const c = colors[Math.floor(((s % slots.cols) * colors.length) / slots.cols)];
			parts.push(
				`<rect x="${(x + (s % slots.cols) * sw).toFixed(2)}" y="${(y + Math.floor(s / slots.cols) * sh).toFixed(2)}" width="${sw.toFixed(2)}" height="${sh.toFixed(2)}" fill="${c}" fill-opacity="${op}"/>`
			);
		}
		if (b.refCount > 1 && grid.cellH >= 16)
			parts.push(
				`<circle cx="${x + grid.cell - 9}" cy="${y + 9}" r="8" fill="${INK}" stroke="#fff"/><text x="${x + grid.cell - 9}" y="${y + 14}" font-size="14" font-weight="bold" text-anchor="middle" fill="#fff" font-family="sans-serif">${b.refCount}</text>`
			);
	});
	const body = parts.join('');
	const full = `${title} (step ${state.step})`;
	if (frame) return framedSvg(body, grid.width, grid.height, frame, full);
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${grid.width}" height="${grid.height}" viewBox="0 0 ${grid.width} ${grid.height}"><title>${escapeXml(full)}</title>${body}</svg>\n`;
}

/** Serialise a live <svg> element (e.g. the memory chart) with resolved CSS colours; framed when `frame` is given. */
export function svgElementToString(svg: SVGSVGElement, frame?: Frame): string {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	const src = svg.querySelectorAll('*');
	const dst = clone.querySelectorAll('*');
	src.forEach((el, i) => {
		const cs = getComputedStyle(el);
		(dst[i] as SVGElement).setAttribute('style', `fill:${cs.fill};stroke:${cs.stroke};font:${cs.font};opacity:${cs.opacity}`);
	});
	if (frame) {
		clone.removeAttribute('xmlns');
		const inner = new XMLSerializer().serializeToString(clone).replace(/^<svg /, '<svg x="0" y="0" ');
		return framedSvg(inner, svg.width.baseVal.value, svg.height.baseVal.value, frame, 'PagedKV Lab');
	}
	return new XMLSerializer().serializeToString(clone);
}

/** Offer a string or blob as a download (browser only). */
export function download(name: string, data: string | Blob, mime = 'text/plain'): void {
	const blob = typeof data === 'string' ? new Blob([data], { type: mime }) : data;
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.appendChild(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
