/** Canvas painter for a block pool: one call draws every cell for one frame. */
import type { BlockState, RequestState } from '../replay/state';
import { cellOrigin, slotGrid, type Grid } from '../layout/block-grid';
import { TRANSITION_STYLE, transitionScale, type BlockTransition } from '../layout/block-transitions';
import { MEMORY_COLORS, requestColor } from '../layout/colors';
import type { Holders } from '../layout/block-holders';
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
	/** Hatching of vLLM V1's null block. */
	muted: string;
}

/** What a cell's colour means: its holders (the lab, chapters) or its memory category (/compare). */
export type ColorBy = 'request' | 'memory';

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
	/** Shared blocks → every request holding them (layout/block-holders.ts). */
	holders?: Holders;
	colorBy?: ColorBy;
	/** vLLM V1's null block (layout/block-holders.ts `nullBlockId`), or -1. */
	nullBlock?: number;
}

/** Smallest slot (px) that draws token text, and the smallest font it may use. */
const TOKEN_MIN_SLOT_W = 18;
const TOKEN_MIN_SLOT_H = 16;
const TOKEN_MIN_FONT = 10;

export function drawBlocks(ctx: CanvasRenderingContext2D, d: DrawInput): void {
	const { grid, blocks, palette } = d;
	const byMemory = d.colorBy === 'memory';
	ctx.clearRect(0, 0, grid.width + 8, grid.height + 8);
	const trans = new Map<number, BlockTransition>();
	if (d.progress < 1) for (const t of d.transitions) trans.set(t.block, t);
	const slots = slotGrid(d.blockSize);
	const sw0 = grid.cell / slots.cols;
	const sh0 = grid.cellH / slots.rows;
	const tokenFont = sw0 >= TOKEN_MIN_SLOT_W && sh0 >= TOKEN_MIN_SLOT_H ? tokenFontFor(ctx, blocks, sw0, sh0, d.decode) : 0;
	const showTokens = tokenFont > 0;
	const colorCache = new Map<string, string>();
	const colorOf = (owner: string | null) => {
		if (byMemory) return MEMORY_COLORS.tokenStates;
		if (!owner) return palette.free;
		let c = colorCache.get(owner);
		if (!c) colorCache.set(owner, (c = requestColor(d.requests.get(owner)?.index ?? -1)));
		return c;
	};
	// Batched passes: one path per colour, so 4,096 blocks cost a handful of fill calls.
	const bg = new Path2D();
	const hatch = new Path2D();
	const tint = new Map<string, Path2D>();
	const filled = new Map<string, Path2D>();
	const dashed = new Map<string, Path2D>();
	const path = (m: Map<string, Path2D>, key: string) => {
		let p = m.get(key);
		if (!p) m.set(key, (p = new Path2D()));
		return p;
	};
	const boxes: { i: number; x: number; y: number; w: number; h: number }[] = [];
	const nulls: { x: number; y: number; w: number; h: number }[] = [];
	for (let i = 0; i < blocks.length; i++) {
		const b = blocks[i];
		const o = cellOrigin(grid, i);
		const t = trans.get(i);
		let { x, y } = o;
		let w = grid.cell;
		let h = grid.cellH;
		if (t) {
			const s = transitionScale(t.kind, d.progress);
			x += (w * (1 - s)) / 2;
			y += (h * (1 - s)) / 2;
			w *= s;
			h *= s;
		}
		if (i === d.nullBlock) {
			bg.rect(x, y, w, h);
			nulls.push({ x, y, w, h });
			continue;
		}
		const live = b.refCount > 0;
		if (live || (b.cached && !byMemory)) {
			const key = `${colorOf(b.owner)}|${live ? 1 : 0}`;
			if (byMemory) path(tint, `${MEMORY_COLORS.internalFragmentation}|m`).rect(x, y, w, h);
			else path(tint, key).rect(x, y, w, h);
			fillSlots(path(filled, key), b.fill, slots, x, y, w, h);
			if (!live) path(dashed, colorOf(b.owner)).rect(x + 0.5, y + 0.5, w - 1, h - 1);
			if ((showTokens && !t) || b.refCount > 1) boxes.push({ i, x, y, w, h });
		} else {
			bg.rect(x, y, w, h);
			if (b.cached) path(dashed, palette.muted).rect(x + 0.5, y + 0.5, w - 1, h - 1);
		}
	}
	ctx.fillStyle = palette.free;
	ctx.fill(bg);
	// Tints are pre-blended over the free colour: opaque fills rasterise faster than alpha.
	for (const [key, p] of tint) {
		const [color, live] = key.split('|');
		ctx.fillStyle = live === 'm' ? color : blend(color, palette.free, live === '1' ? 0.28 : 0.12);
		ctx.fill(p);
	}
	for (const [key, p] of filled) {
		const [color, live] = key.split('|');
		ctx.fillStyle = live === '1' ? color : blend(color, palette.free, 0.45);
		ctx.fill(p);
	}
	// A shared block is striped in the colours of all its holders, not its last owner's.
	if (!byMemory && d.holders)
		for (const { i, x, y, w, h } of boxes) {
			const who = d.holders.get(i);
			if (who && who.length > 1) drawStripes(ctx, who.map(colorOf), blocks[i].fill, slots, x, y, w, h);
		}
	if (sw0 >= 5 && sh0 >= 5) drawSlotLines(ctx, grid, blocks.length, slots, palette.background);
	// Cached but free: a dashed outline says "reusable, not owned".
	ctx.setLineDash([2, 2]);
	ctx.lineWidth = 1;
	for (const [color, p] of dashed) {
		ctx.strokeStyle = color;
		ctx.stroke(p);
	}
	ctx.setLineDash([]);
	for (const n of nulls) drawNull(hatch, n.x, n.y, n.w, n.h);
	ctx.strokeStyle = palette.muted;
	ctx.lineWidth = 1;
	ctx.stroke(hatch);
	for (const { i, x, y, w, h } of boxes) {
		const b = blocks[i];
		const badge = b.refCount > 1;
		if (showTokens && !trans.has(i))
			drawTokens(
				ctx,
				b,
				x,
				y,
				w / slots.cols,
				h / slots.rows,
				slots.cols,
				b.refCount > 0 ? '#ffffff' : palette.text,
				tokenFont,
				badge,
				d.decode
			);
		if (badge) drawRef(ctx, b.refCount, x, y, w, h, showTokens ? Math.min(w / slots.cols, h / slots.rows) : Infinity, palette);
	}
	ctx.strokeStyle = palette.highlight;
	for (const i of d.highlight) outline(ctx, grid, i, 2);
	if (d.hovered >= 0) outline(ctx, grid, d.hovered, 3);
	if (d.progress < 1) {
		ctx.lineWidth = Math.max(1.5, Math.min(4, grid.cellH / 8));
		ctx.globalAlpha = 1 - 0.6 * d.progress;
		for (const t of trans.values()) {
			const o = cellOrigin(grid, t.block);
			const s = transitionScale(t.kind, d.progress);
			ctx.strokeStyle = TRANSITION_STYLE[t.kind].color;
			ctx.strokeRect(o.x + (grid.cell * (1 - s)) / 2, o.y + (grid.cellH * (1 - s)) / 2, grid.cell * s, grid.cellH * s);
		}
		ctx.globalAlpha = 1;
	}
	if (d.progress < 1) drawCowArrows(ctx, d);
}

/** The first `fill` slots of a block, row by row, as rectangles. */
function fillSlots(p: Path2D, fill: number, slots: { cols: number; rows: number }, x: number, y: number, w: number, h: number): void {
	const sh = h / slots.rows;
	const full = Math.floor(fill / slots.cols);
	if (full > 0) p.rect(x, y, w, sh * full);
	const part = fill % slots.cols;
	if (part > 0 && full < slots.rows) p.rect(x, y + sh * full, (w / slots.cols) * part, sh);
}

function drawStripes(
	ctx: CanvasRenderingContext2D,
	colors: string[],
	fill: number,
	slots: { cols: number; rows: number },
	x: number,
	y: number,
	w: number,
	h: number
): void {
	const clip = new Path2D();
	fillSlots(clip, fill, slots, x, y, w, h);
	ctx.save();
	ctx.clip(clip);
	// Diagonal bands, one colour per holder in turn.
	const band = Math.max(3, Math.min(w, h) / 4);
	ctx.lineWidth = band;
	for (let k = 0, j = 0; k < w + h + band; k += band, j++) {
		ctx.strokeStyle = colors[j % colors.length];
		ctx.beginPath();
		ctx.moveTo(x + k, y - band);
		ctx.lineTo(x + k - h - 2 * band, y + h + band);
		ctx.stroke();
	}
	ctx.restore();
}

/** Thin lines between slots so a block reads as its `blockSize` slots. */
function drawSlotLines(
	ctx: CanvasRenderingContext2D,
	grid: Grid,
	count: number,
	slots: { cols: number; rows: number },
	color: string
): void {
	const p = new Path2D();
	const sw = grid.cell / slots.cols;
	const sh = grid.cellH / slots.rows;
	for (let i = 0; i < count; i++) {
		const { x, y } = cellOrigin(grid, i);
		for (let c = 1; c < slots.cols; c++) {
			p.moveTo(x + c * sw, y);
			p.lineTo(x + c * sw, y + grid.cellH);
		}
		for (let r = 1; r < slots.rows; r++) {
			p.moveTo(x, y + r * sh);
			p.lineTo(x + grid.cell, y + r * sh);
		}
	}
	ctx.strokeStyle = color;
	ctx.globalAlpha = 0.55;
	ctx.lineWidth = 1;
	ctx.stroke(p);
	ctx.globalAlpha = 1;
}

/** vLLM V1's null block: hatched, never drawn as free. */
function drawNull(hatch: Path2D, x: number, y: number, w: number, h: number): void {
	const step = Math.max(3, Math.min(w, h) / 3);
	for (let k = step; k < w + h; k += step) {
		const x0 = x + Math.min(k, w);
		const y0 = y + Math.max(0, k - w);
		const x1 = x + Math.max(0, k - h);
		const y1 = y + Math.min(k, h);
		hatch.moveTo(x0, y0);
		hatch.lineTo(x1, y1);
	}
	hatch.rect(x + 0.5, y + 0.5, w - 1, h - 1);
}

function outline(ctx: CanvasRenderingContext2D, grid: Grid, i: number, width: number): void {
	const o = cellOrigin(grid, i);
	ctx.lineWidth = width;
	ctx.strokeRect(o.x + 1, o.y + 1, grid.cell - 2, grid.cellH - 2);
}

/** A slot's text: the whole token id, or the decoded word; never cut. */
export function tokenLabel(id: number, decode?: (id: number) => string): string {
	return decode ? decode(id).replace(/\s/g, '·') : String(id);
}

/**
 * One font size for every slot of the map: the largest (≤ 16 px, ≤ half a slot) at which the
 * widest token in the pool fits whole; 0 when that is under TOKEN_MIN_FONT, so either every
 * token shows in full or none does (never a cut id, never a map where only short ids show).
 */
function tokenFontFor(
	ctx: CanvasRenderingContext2D,
	blocks: readonly BlockState[],
	sw: number,
	sh: number,
	decode?: (id: number) => string
): number {
	const base = Math.floor(Math.min(16, sh * 0.5));
	ctx.font = `${base}px ui-monospace, monospace`;
	let widest = 0;
	for (const b of blocks) {
		if (b.refCount === 0 && !b.cached) continue;
		for (const id of b.tokens) widest = Math.max(widest, ctx.measureText(tokenLabel(id, decode)).width);
	}
	const size = widest > sw - 4 ? Math.floor((base * (sw - 4)) / widest) : base;
	return size >= TOKEN_MIN_FONT ? size : 0;
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
	size: number,
	badge: boolean,
	decode?: (id: number) => string
): void {
	ctx.fillStyle = color;
	ctx.textAlign = 'center';
	ctx.textBaseline = 'middle';
	ctx.font = `${size}px ui-monospace, monospace`;
	for (let s = 0; s < b.tokens.length; s++) {
		// The ref-count badge sits on the top-right slot: that slot's token is in the hover line.
		if (badge && s === cols - 1) continue;
		ctx.fillText(tokenLabel(b.tokens[s], decode), x + (s % cols) * sw + sw / 2, y + Math.floor(s / cols) * sh + sh / 2);
	}
}

/** The ref-count pill; `slot` bounds it to the top-right slot when tokens are shown. */
function drawRef(ctx: CanvasRenderingContext2D, ref: number, x: number, y: number, w: number, h: number, slot: number, p: Palette): void {
	if (h < 12 || w < 12) {
		ctx.fillStyle = p.text;
		ctx.fillRect(x + w - 4, y, 4, 4);
		return;
	}
	// A pill in the top-right corner (its slot's token text is left out, never overlapped).
	const r = Math.max(6, Math.min(10, h * 0.3, slot / 2 - 1));
	const cx = x + w - r - 1;
	const cy = y + r + 1;
	ctx.fillStyle = p.text;
	ctx.beginPath();
	ctx.arc(cx, cy, r, 0, Math.PI * 2);
	ctx.fill();
	ctx.strokeStyle = p.background;
	ctx.lineWidth = 1.5;
	ctx.stroke();
	ctx.fillStyle = p.background;
	ctx.font = `bold ${Math.floor(r * (ref > 9 ? 1.1 : 1.5))}px system-ui, sans-serif`;
	ctx.textAlign = 'center';
	ctx.textBaseline = 'middle';
	ctx.fillText(String(ref), cx, cy + 0.5);
}

function drawCowArrows(ctx: CanvasRenderingContext2D, d: DrawInput): void {
	ctx.strokeStyle = TRANSITION_STYLE.cow.color;
	ctx.lineWidth = 2;
	ctx.globalAlpha = 1 - d.progress;
	const hx = d.grid.cell / 2;
	const hy = d.grid.cellH / 2;
	for (const t of d.transitions) {
		if (t.kind !== 'cow' || t.from === undefined) continue;
		const a = cellOrigin(d.grid, t.from);
		const b = cellOrigin(d.grid, t.block);
		ctx.beginPath();
		ctx.moveTo(a.x + hx, a.y + hy);
		ctx.lineTo(a.x + hx + (b.x - a.x) * d.progress, a.y + hy + (b.y - a.y) * d.progress);
		ctx.stroke();
	}
	ctx.globalAlpha = 1;
}
