/** Exports: events as JSONL, a summary as CSV, the block map as a standalone SVG. Pure strings. */
import type { EngineEvent } from '../events/events';
import type { ReplayState } from '../replay/state';
import type { Summary } from '../engine/stats';
import { cellOrigin, type Grid } from '../layout/block-grid';
import { requestColor } from '../layout/colors';

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

/** The GPU block pool at a replayed moment as an SVG document (same geometry as the canvas). */
export function blockMapSvg(state: ReplayState, grid: Grid, title = 'PagedKV Lab block map'): string {
	const bs = state.config.blockSize;
	const parts: string[] = [];
	state.gpu.forEach((b, i) => {
		const { x, y } = cellOrigin(grid, i);
		const color = b.owner ? requestColor(state.requests.get(b.owner)?.index ?? -1) : '#e4e7eb';
		parts.push(`<rect x="${x}" y="${y}" width="${grid.cell}" height="${grid.cell}" fill="#e4e7eb"/>`);
		if (b.refCount > 0 || b.cached) {
			const h = (grid.cell * b.fill) / bs;
			const op = b.refCount > 0 ? 1 : 0.45;
			parts.push(`<rect x="${x}" y="${y}" width="${grid.cell}" height="${grid.cell}" fill="${color}" fill-opacity="${op * 0.28}"${b.refCount > 0 ? '' : ` stroke="${color}" stroke-dasharray="2 2"`}/>`);
			parts.push(`<rect x="${x}" y="${y}" width="${grid.cell}" height="${h.toFixed(2)}" fill="${color}" fill-opacity="${op}"/>`);
			if (b.refCount > 1 && grid.cell >= 14)
				parts.push(`<text x="${x + grid.cell - 3}" y="${y + 10}" font-size="9" text-anchor="end" font-family="sans-serif">${b.refCount}</text>`);
		}
	});
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" width="${grid.width}" height="${grid.height}" viewBox="0 0 ${grid.width} ${grid.height}">` +
		`<title>${escapeXml(title)} (step ${state.step})</title>` +
		parts.join('') +
		'</svg>\n'
	);
}

function escapeXml(s: string): string {
	return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string);
}

/** Serialise a live <svg> element (e.g. the memory chart) with resolved CSS colours. */
export function svgElementToString(svg: SVGSVGElement): string {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	const src = svg.querySelectorAll('*');
	const dst = clone.querySelectorAll('*');
	src.forEach((el, i) => {
		const cs = getComputedStyle(el);
		(dst[i] as SVGElement).setAttribute('style', `fill:${cs.fill};stroke:${cs.stroke};font:${cs.font};opacity:${cs.opacity}`);
	});
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
