/** Canvas painter for a block pool: one call draws every cell for one frame. */
import type { BlockState, RequestState } from '../replay/state';
import { cellOrigin, slotGrid, type Grid } from '../layout/block-grid';
import { TRANSITION_STYLE, transitionScale, type BlockTransition } from '../layout/block-transitions';
import { requestColor } from '../layout/colors';
import { interpolateRgb } from 'd3-interpolate';

const blends = new Map<string, string>();
/** `color` at opacity `alpha` over `under`, as an opaque colour (memoised). */
function blend(color: string, under: string, alpha: number): string {
	const key = `${color}|${under}|${alpha}`;
	let c = blends.get(key);
	if (!c) blends.set(key, (c = interpolateRgb(under, color)(alpha)));
	return c;
}

export interface Palette {
	free: string;
	text: string;
	background: string;
	highlight: string;
}

export interface DrawInput {
	grid: Grid;
	blocks: readonly BlockState[];
	blockSize: number;
	requests: ReadonlyMap<string, RequestState>;
	transitions: readonly BlockTransition[];
	/** 0..1 progress of the transitions (1 = settled). */
	progress: number;
	highlight: ReadonlySet<number>;
	hovered: number;
	palette: Palette;
	decode?: (id: number) => string;
}

const TOKEN_MIN_SLOT = 13;

export function drawBlocks(ctx: CanvasRenderingContext2D, d: DrawInput): void {
	const { grid, blocks, palette } = d;
	ctx.clearRect(0, 0, grid.width + 8, grid.height + 8);
	const trans = new Map<number, BlockTransition>();
	if (d.progress < 1) for (const t of d.transitions) trans.set(t.block, t);
	const slots = slotGrid(d.blockSize);
	const showTokens = grid.cell / slots.cols >= TOKEN_MIN_SLOT && grid.cell / slots.rows >= TOKEN_MIN_SLOT;
	const colorCache = new Map<string, string>();
	const colorOf = (owner: string | null) => {
		if (!owner) return palette.free;
		let c = colorCache.get(owner);
		if (!c) colorCache.set(owner, (c = requestColor(d.requests.get(owner)?.index ?? -1)));
		return c;
	};
	// Batched passes: one path per colour, so 4,096 blocks cost a handful of fill calls.
	const bg = new Path2D();
	const tint = new Map<string, Path2D>();
	const filled = new Map<string, Path2D>();
	const dashed = new Map<string, Path2D>();
	const path = (m: Map<string, Path2D>, key: string) => {
		let p = m.get(key);
		if (!p) m.set(key, (p = new Path2D()));
		return p;
	};
	const boxes: { i: number; x: number; y: number; size: number }[] = [];
	for (let i = 0; i < blocks.length; i++) {
		const b = blocks[i];
		const o = cellOrigin(grid, i);
		const t = trans.get(i);
		let { x, y } = o;
		let size = grid.cell;
		if (t) {
			const s = transitionScale(t.kind, d.progress);
			x += (size * (1 - s)) / 2;
			y += (size * (1 - s)) / 2;
			size *= s;
		}
		if (b.refCount > 0 || b.cached) {
			const key = `${colorOf(b.owner)}|${b.refCount > 0 ? 1 : 0}`;
			path(tint, key).rect(x, y, size, size);
			const sh = size / slots.rows;
			const full = Math.floor(b.fill / slots.cols);
			const f = path(filled, key);
			if (full > 0) f.rect(x, y, size, sh * full);
			const part = b.fill % slots.cols;
			if (part > 0) f.rect(x, y + sh * full, (size / slots.cols) * part, sh);
			if (b.refCount === 0) path(dashed, colorOf(b.owner)).rect(x + 0.5, y + 0.5, size - 1, size - 1);
			if ((showTokens && !t) || b.refCount > 1) boxes.push({ i, x, y, size });
		} else bg.rect(x, y, size, size);
	}
	ctx.fillStyle = palette.free;
	ctx.fill(bg);
	// Tints are pre-blended over the free colour: opaque fills rasterise faster than alpha.
	for (const [key, p] of tint) {
		const [color, live] = key.split('|');
		ctx.fillStyle = blend(color, palette.free, live === '1' ? 0.28 : 0.12);
		ctx.fill(p);
	}
	for (const [key, p] of filled) {
		const [color, live] = key.split('|');
		ctx.fillStyle = live === '1' ? color : blend(color, palette.free, 0.45);
		ctx.fill(p);
	}
	// Cached but free: a dashed outline says "reusable, not owned".
	ctx.setLineDash([2, 2]);
	ctx.lineWidth = 1;
	for (const [color, p] of dashed) {
		ctx.strokeStyle = color;
		ctx.stroke(p);
	}
	ctx.setLineDash([]);
	for (const { i, x, y, size } of boxes) {
		const b = blocks[i];
		if (showTokens && !trans.has(i)) drawTokens(ctx, b, x, y, size / slots.cols, size / slots.rows, slots.cols, b.refCount > 0 ? '#ffffff' : palette.text, d.decode);
		if (b.refCount > 1) drawRef(ctx, b.refCount, x, y, size, palette);
	}
	ctx.strokeStyle = palette.highlight;
	for (const i of d.highlight) outline(ctx, grid, i, 2);
	if (d.hovered >= 0) outline(ctx, grid, d.hovered, 3);
	if (d.progress < 1) {
		ctx.lineWidth = Math.max(1.5, Math.min(4, grid.cell / 8));
		ctx.globalAlpha = 1 - 0.6 * d.progress;
		for (const t of trans.values()) {
			const o = cellOrigin(grid, t.block);
			const size = grid.cell * transitionScale(t.kind, d.progress);
			const off = (grid.cell - size) / 2;
			ctx.strokeStyle = TRANSITION_STYLE[t.kind].color;
			ctx.strokeRect(o.x + off, o.y + off, size, size);
		}
		ctx.globalAlpha = 1;
	}
	if (d.progress < 1) drawCowArrows(ctx, d);
}

function outline(ctx: CanvasRenderingContext2D, grid: Grid, i: number, width: number): void {
	const o = cellOrigin(grid, i);
	ctx.lineWidth = width;
	ctx.strokeRect(o.x + 1, o.y + 1, grid.cell - 2, grid.cell - 2);
}

function drawTokens(
	ctx: CanvasRenderingContext2D,
	b: BlockState,
	x: number,
	y: number,
	sw: number,
	sh: number,
	cols: number,
	color: string,
	decode?: (id: number) => string
): void {
	ctx.fillStyle = color;
	ctx.font = `${Math.floor(Math.min(sw, sh) * 0.42)}px ui-monospace, monospace`;
	ctx.textAlign = 'center';
	ctx.textBaseline = 'middle';
	for (let s = 0; s < b.tokens.length; s++) {
		const id = b.tokens[s];
		const text = decode ? decode(id).replace(/\s/g, '·').slice(0, 3) : String(id % 1000);
		ctx.fillText(text, x + (s % cols) * sw + sw / 2, y + Math.floor(s / cols) * sh + sh / 2, sw - 2);
	}
}

function drawRef(ctx: CanvasRenderingContext2D, ref: number, x: number, y: number, size: number, p: Palette): void {
	if (size < 14) {
		ctx.fillStyle = p.background;
		ctx.fillRect(x + size - 4, y, 4, 4);
		return;
	}
	// A small pill in the top-right corner, over the gap, so it hides as little as possible.
	const r = Math.max(5, Math.min(7, size / 7));
	const cx = x + size - r + 1;
	const cy = y + r - 1;
	ctx.fillStyle = p.text;
	ctx.beginPath();
	ctx.arc(cx, cy, r, 0, Math.PI * 2);
	ctx.fill();
	ctx.fillStyle = p.background;
	ctx.font = `bold ${Math.floor(r * 1.45)}px system-ui, sans-serif`;
	ctx.textAlign = 'center';
	ctx.textBaseline = 'middle';
	ctx.fillText(String(ref), cx, cy + 0.5);
}

function drawCowArrows(ctx: CanvasRenderingContext2D, d: DrawInput): void {
	ctx.strokeStyle = TRANSITION_STYLE.cow.color;
	ctx.lineWidth = 2;
	ctx.globalAlpha = 1 - d.progress;
	const half = d.grid.cell / 2;
	for (const t of d.transitions) {
		if (t.kind !== 'cow' || t.from === undefined) continue;
		const a = cellOrigin(d.grid, t.from);
		const b = cellOrigin(d.grid, t.block);
		ctx.beginPath();
		ctx.moveTo(a.x + half, a.y + half);
		ctx.lineTo(a.x + half + (b.x - a.x) * d.progress, a.y + half + (b.y - a.y) * d.progress);
		ctx.stroke();
	}
	ctx.globalAlpha = 1;
}
