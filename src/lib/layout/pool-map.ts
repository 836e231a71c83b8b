/**
 * A real GPU's pool as pixels: every block a square of `cell` device pixels in a fixed grid
 * of `cols` columns, seen through a viewport that zooms and pans. The grid never reflows, so
 * zooming keeps every block where it was; at "fit" a 131,072-block pool is one pixel a block.
 *
 *   content (cols × rows blocks, × cell px)       viewport (width × height px)
 *   ┌──────────────────────────┐                   x, y: the viewport's top-left in content px
 *   │      ┌────────┐          │                   blockAt(sx, sy) = row·cols + col,
 *   │      │ view   │          │                     col = ⌊(sx + x) / cell⌋, row = ⌊(sy + y) / cell⌋
 *   │      └────────┘          │
 *   └──────────────────────────┘
 *
 * Pure: `poolColors` turns the replayed pool's arrays (pool-planes.ts) into one packed colour each, `rasterize`
 * writes the viewport's pixels (a Uint32Array over an ImageData), the component puts them.
 */
import { rgb } from 'd3-color';
import type { BlockState } from '../replay/state';
import type { PoolPlanes } from './pool-planes';

/** Pools larger than this get the pixel map; up to it the detailed map (slots, tokens) stays readable. */
export const DETAILED_MAP_MAX_BLOCKS = 4096;
export const usePoolMap = (blocks: number): boolean => blocks > DETAILED_MAP_MAX_BLOCKS;

/** Largest cell, device px: a few dozen blocks across, enough to read one. */
export const MAX_CELL = 96;
/** From this cell size (device px) blocks show their request's colour and how full they are. */
export const DETAIL_CELL = 6;
/** From this cell size a one-pixel gap separates blocks. */
const GAP_CELL = 5;

export interface PoolLayout {
	count: number;
	cols: number;
	rows: number;
	/** Cell at "fit", device px (≥ 1). */
	fit: number;
	/** Viewport, device px. */
	width: number;
	height: number;
}

export interface PoolView {
	/** Block size on screen, device px (an integer, so every block is the same size). */
	cell: number;
	/** Viewport's top-left in content px. */
	x: number;
	y: number;
}

/**
 * Grid for `count` blocks in `width` × up to `maxHeight` device px: the largest integer cell
 * at which the whole pool fits; at one pixel a block a pool taller than `maxHeight` pans.
 */
export function layoutPoolMap(count: number, width: number, maxHeight: number): PoolLayout {
	const w = Math.max(1, Math.floor(width));
	const h = Math.max(1, Math.floor(maxHeight));
	const n = Math.max(1, count);
	let fit = Math.max(1, Math.min(MAX_CELL, Math.floor(Math.sqrt((w * h) / n))));
	while (fit > 1 && Math.floor(w / fit) * Math.floor(h / fit) < n) fit--;
	// Widest grid that keeps the fit's rows: fewer, fuller rows read better than a ragged tail.
	const cols = Math.max(1, Math.min(n, Math.floor(w / fit)));
	const rows = Math.ceil(n / cols);
	return { count: Math.max(0, count), cols, rows, fit, width: w, height: Math.min(h, rows * fit) };
}

/** The whole pool, top-left. */
export const fitView = (l: PoolLayout): PoolView => ({ cell: l.fit, x: 0, y: 0 });

/** Keep the cell in [fit, MAX_CELL] and the viewport over the content. */
export function clampView(l: PoolLayout, v: PoolView): PoolView {
	const cell = Math.round(Math.max(l.fit, Math.min(MAX_CELL, v.cell)));
	const maxX = Math.max(0, l.cols * cell - l.width);
	const maxY = Math.max(0, l.rows * cell - l.height);
	return { cell, x: Math.round(Math.max(0, Math.min(maxX, v.x))), y: Math.round(Math.max(0, Math.min(maxY, v.y))) };
}

/** Next cell size in (dir > 0) or out (dir < 0): about ×1.5 a step, always at least one pixel. */
export function zoomStep(l: PoolLayout, cell: number, dir: number): number {
	const next = dir > 0 ? Math.max(cell + 1, Math.round(cell * 1.5)) : Math.min(cell - 1, Math.round(cell / 1.5));
	return Math.max(l.fit, Math.min(MAX_CELL, next));
}

/** Zoom to `cell`, keeping the content under the viewport point (sx, sy) where it is. */
export function zoomAt(l: PoolLayout, v: PoolView, cell: number, sx: number, sy: number): PoolView {
	const c = Math.round(Math.max(l.fit, Math.min(MAX_CELL, cell)));
	const ux = (sx + v.x) / v.cell;
	const uy = (sy + v.y) / v.cell;
	return clampView(l, { cell: c, x: ux * c - sx, y: uy * c - sy });
}

/** Move the viewport by (dx, dy) content px. */
export const panBy = (l: PoolLayout, v: PoolView, dx: number, dy: number): PoolView =>
	clampView(l, { cell: v.cell, x: v.x + dx, y: v.y + dy });

/** Block under the viewport point (sx, sy), device px, or -1. */
export function blockAt(l: PoolLayout, v: PoolView, sx: number, sy: number): number {
	if (sx < 0 || sy < 0 || sx >= l.width || sy >= l.height) return -1;
	const col = Math.floor((sx + v.x) / v.cell);
	const row = Math.floor((sy + v.y) / v.cell);
	if (col >= l.cols) return -1;
	const i = row * l.cols + col;
	return i < l.count ? i : -1;
}

/** Block `i`'s square in viewport px (may lie outside the viewport). */
export function blockRect(l: PoolLayout, v: PoolView, i: number): { x: number; y: number; size: number } {
	return { x: (i % l.cols) * v.cell - v.x, y: Math.floor(i / l.cols) * v.cell - v.y, size: v.cell };
}

/** The smallest pan that brings block `i` whole into the viewport. */
export function revealBlock(l: PoolLayout, v: PoolView, i: number): PoolView {
	const r = blockRect(l, v, i);
	let { x, y } = v;
	if (r.x < 0) x += r.x;
	else if (r.x + r.size > l.width) x += r.x + r.size - l.width;
	if (r.y < 0) y += r.y;
	else if (r.y + r.size > l.height) y += r.y + r.size - l.height;
	return clampView(l, { cell: v.cell, x, y });
}

/** First and last block with a pixel in the viewport (row-major, so the range may include some outside it). */
export function visibleBlocks(l: PoolLayout, v: PoolView): { first: number; last: number } {
	const r0 = Math.floor(v.y / v.cell);
	const r1 = Math.min(l.rows - 1, Math.floor((v.y + l.height - 1) / v.cell));
	const c0 = Math.floor(v.x / v.cell);
	const c1 = Math.min(l.cols - 1, Math.floor((v.x + l.width - 1) / v.cell));
	return { first: Math.min(l.count - 1, r0 * l.cols + c0), last: Math.min(l.count - 1, r1 * l.cols + c1) };
}

/** What a block is, for its colour when zoomed out and for the read-out. */
export type BlockKind = 'free' | 'used' | 'shared' | 'cached' | 'null';

export function blockKind(b: BlockState): BlockKind {
	if ((b as { nullBlock?: boolean }).nullBlock) return 'null';
	if (b.refCount > 1) return 'shared';
	if (b.refCount > 0) return 'used';
	return b.cached ? 'cached' : 'free';
}

/** A CSS colour as one little-endian RGBA pixel (what a Uint32Array over ImageData holds). */
export function packColor(css: string): number {
	const c = rgb(css);
	if (Number.isNaN(c.r)) return 0xff000000;
	return ((255 << 24) | (Math.round(c.b) << 16) | (Math.round(c.g) << 8) | Math.round(c.r)) >>> 0;
}

/** `a` mixed toward `b` by t ∈ [0, 1], packed. */
export function mixPacked(a: number, b: number, t: number): number {
	const ch = (s: number) => Math.round(((a >>> s) & 255) * (1 - t) + ((b >>> s) & 255) * t);
	return ((255 << 24) | (ch(16) << 16) | (ch(8) << 8) | ch(0)) >>> 0;
}

/** Packed colours of each kind (the zoomed-out map and its legend). */
export type PoolPalette = Record<BlockKind, number> & { background: number };

/** The kinds' CSS colours; free and null follow the theme (the component reads them from CSS). */
export const KIND_COLORS: Record<Exclude<BlockKind, 'free' | 'null'>, string> = {
	used: '#4e79a7',
	shared: '#7b4fa0',
	cached: '#a0cbe8'
};

export interface ColorOptions {
	palette: PoolPalette;
	/** Each used block in its request's colour (zoomed in), or its kind's (zoomed out). */
	byRequest: boolean;
	/** Packed colour of a request by its arrival index (called once per block; memoise it). */
	requestColor: (index: number) => number;
	/** Colour of a held block's empty slots (default: a light shade of the block's). */
	emptyColor?: number;
	/** Fill the empty slots' colours and fill levels (default true); rasterize reads them only zoomed in. */
	detail?: boolean;
}

/** What block `i` of the planes is (blockKind of its block object). */
export function kindAt(p: PoolPlanes, i: number): BlockKind {
	if (i === p.nullBlock) return 'null';
	const ref = p.refCount[i];
	if (ref > 1) return 'shared';
	if (ref > 0) return 'used';
	return p.cached[i] ? 'cached' : 'free';
}

/**
 * One packed colour per block, and the colour of its empty slots (a lighter shade, for the
 * zoomed-in map's fill level). Reads the pool's arrays, so a frame makes no object per block;
 * reuses `out` when it is the right size.
 */
export function poolColors(
	p: PoolPlanes,
	o: ColorOptions,
	out?: { main: Uint32Array; empty: Uint32Array; fill: Float32Array },
	blockSize = 1
) {
	const n = p.count;
	const res = out && out.main.length === n ? out : { main: new Uint32Array(n), empty: new Uint32Array(n), fill: new Float32Array(n) };
	const { palette, byRequest } = o;
	const detail = o.detail ?? true;
	const size = Math.max(1, blockSize);
	// The shades of the kinds' colours, once (zoomed in, a request's colour is shaded per block).
	const shadeOf = (c: number) => o.emptyColor ?? mixPacked(palette.free, c, 0.3);
	const usedEmpty = shadeOf(palette.used);
	const sharedEmpty = shadeOf(palette.shared);
	const { refCount, owner, fill, cached } = p;
	for (let i = 0; i < n; i++) {
		const ref = refCount[i];
		const r = owner[i];
		let c: number;
		let held = false;
		if (i === p.nullBlock) c = palette.null;
		else if (ref > 1) {
			c = palette.shared;
			held = true;
		} else if (ref > 0) {
			c = byRequest && r !== -1 ? o.requestColor(r) : palette.used;
			held = true;
		} else if (cached[i]) c = byRequest && r !== -1 ? mixPacked(palette.free, o.requestColor(r), 0.35) : palette.cached;
		else c = palette.free;
		res.main[i] = c;
		if (!detail) continue;
		res.empty[i] = held ? (c === palette.used ? usedEmpty : c === palette.shared ? sharedEmpty : shadeOf(c)) : c;
		res.fill[i] = held ? Math.min(1, fill[i] / size) : 1;
	}
	return res;
}

export interface RasterInput {
	layout: PoolLayout;
	view: PoolView;
	/** One packed colour per block. */
	main: Uint32Array;
	/** Empty slots' colour and the filled fraction, drawn when the cell is big enough. */
	empty?: Uint32Array;
	fill?: Float32Array;
	background: number;
}

/**
 * Write the viewport's pixels (layout.width × layout.height, row-major) into `out`. A block's
 * empty slots fill it from the top, the filled ones from the bottom, like a glass. Rows of
 * pixels inside one row of blocks repeat, so only the first of them is computed.
 */
export function rasterize(out: Uint32Array, r: RasterInput): void {
	const { layout: l, view: v, main, background } = r;
	const W = l.width;
	const H = l.height;
	const cell = v.cell;
	const gap = cell >= GAP_CELL ? 1 : 0;
	const inner = cell - gap;
	const shade = r.empty && r.fill && cell >= DETAIL_CELL;
	// Column of each viewport x (−1 on a gap or past the grid).
	const colOf = new Int32Array(W);
	for (let sx = 0; sx < W; sx++) {
		const px = sx + v.x;
		const col = Math.floor(px / cell);
		colOf[sx] = col < l.cols && px - col * cell < inner ? col : -1;
	}
	let prevRow = -2;
	for (let sy = 0; sy < H; sy++) {
		const py = sy + v.y;
		const row = Math.floor(py / cell);
		const dy = py - row * cell;
		const o = sy * W;
		if (dy >= inner || row >= l.rows) {
			out.fill(background, o, o + W);
			prevRow = -2;
			continue;
		}
		if (!shade && row === prevRow) {
			out.copyWithin(o, o - W, o);
			continue;
		}
		prevRow = row;
		const base = row * l.cols;
		// From the top of the block, how far down its empty part reaches (in px of `inner`).
		const depth = dy / inner;
		for (let sx = 0; sx < W; sx++) {
			const col = colOf[sx];
			const i = base + col;
			if (col < 0 || i >= l.count) out[o + sx] = background;
			else if (shade && depth < 1 - r.fill![i]) out[o + sx] = r.empty![i];
			else out[o + sx] = main[i];
		}
	}
}

/**
 * What a key does to the map (focused): arrows move the inspected block (and the view with
 * it), PageUp/PageDown by a screen of rows, Home/End to the ends, + and − zoom around the
 * inspected block, 0 shows the whole pool. Null: not the map's key (the player keeps it).
 */
export function poolKey(l: PoolLayout, v: PoolView, at: number, key: string): { at: number; view: PoolView } | null {
	const last = l.count - 1;
	const cur = at >= 0 ? at : visibleBlocks(l, v).first;
	const screenRows = Math.max(1, Math.floor(l.height / v.cell));
	const moves: Record<string, number> = {
		ArrowLeft: -1,
		ArrowRight: 1,
		ArrowUp: -l.cols,
		ArrowDown: l.cols,
		PageUp: -l.cols * screenRows,
		PageDown: l.cols * screenRows,
		Home: -Infinity,
		End: Infinity
	};
	if (key in moves) {
		const next = Math.max(0, Math.min(last, at < 0 ? cur : cur + moves[key]));
		return { at: next, view: revealBlock(l, v, next) };
	}
	const zoom = key === '+' || key === '=' ? 1 : key === '-' || key === '_' ? -1 : 0;
	if (zoom) {
		const r = blockRect(l, v, cur);
		const inView = r.x + r.size > 0 && r.y + r.size > 0 && r.x < l.width && r.y < l.height;
		const sx = inView ? r.x + r.size / 2 : l.width / 2;
		const sy = inView ? r.y + r.size / 2 : l.height / 2;
		return { at, view: zoomAt(l, v, zoomStep(l, v.cell, zoom), sx, sy) };
	}
	if (key === '0') return { at, view: fitView(l) };
	return null;
}
