/** Canvas painter for a block pool: one call draws every cell for one frame. */
import type { BlockState, RequestState } from '../engine/replay-state';
import { cellOrigin, slotGrid, type Grid } from '../layout/block-grid';
import { TRANSITION_STYLE, transitionScale, type BlockTransition } from '../layout/block-transitions';
import { requestColor } from '../layout/colors';

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
	const slotW = grid.cell / slots.cols;
	const slotH = grid.cell / slots.rows;
	const showTokens = slotW >= TOKEN_MIN_SLOT && slotH >= TOKEN_MIN_SLOT;
	const colorCache = new Map<string, string>();
	const colorOf = (owner: string | null) => {
		if (!owner) return palette.free;
		let c = colorCache.get(owner);
		if (!c) colorCache.set(owner, (c = requestColor(d.requests.get(owner)?.index ?? -1)));
		return c;
	};
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
		ctx.globalAlpha = 1;
		ctx.fillStyle = palette.free;
		ctx.fillRect(x, y, size, size);
		if (b.refCount > 0 || b.cached) {
			const color = colorOf(b.owner);
			const live = b.refCount > 0;
			// Tint the whole block (its reserved slots), then the filled slots row by row.
			ctx.globalAlpha = live ? 0.28 : 0.12;
			ctx.fillStyle = color;
			ctx.fillRect(x, y, size, size);
			ctx.globalAlpha = live ? 1 : 0.45;
			const sw = size / slots.cols;
			const sh = size / slots.rows;
			const full = Math.floor(b.fill / slots.cols);
			if (full > 0) ctx.fillRect(x, y, size, sh * full);
			const part = b.fill % slots.cols;
			if (part > 0) ctx.fillRect(x, y + sh * full, sw * part, sh);
			ctx.globalAlpha = 1;
			if (!live) {
				// Cached but free: a dashed outline says "reusable, not owned".
				ctx.setLineDash([2, 2]);
				ctx.strokeStyle = color;
				ctx.lineWidth = 1;
				ctx.strokeRect(x + 0.5, y + 0.5, size - 1, size - 1);
				ctx.setLineDash([]);
			}
			if (showTokens && !t) drawTokens(ctx, b, x, y, sw, sh, slots.cols, live ? '#ffffff' : palette.text, d.decode);
			if (b.refCount > 1) drawRef(ctx, b.refCount, x, y, size, palette);
		}
		if (d.highlight.has(i) || d.hovered === i) {
			ctx.strokeStyle = palette.highlight;
			ctx.lineWidth = d.hovered === i ? 3 : 2;
			ctx.strokeRect(o.x + 1, o.y + 1, grid.cell - 2, grid.cell - 2);
		}
		if (t) {
			ctx.strokeStyle = TRANSITION_STYLE[t.kind].color;
			ctx.lineWidth = Math.max(1.5, Math.min(4, grid.cell / 8));
			ctx.globalAlpha = 1 - 0.6 * d.progress;
			ctx.strokeRect(x, y, size, size);
			ctx.globalAlpha = 1;
		}
	}
	if (d.progress < 1) drawCowArrows(ctx, d);
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
	const r = Math.min(9, size / 4);
	ctx.fillStyle = p.background;
	ctx.beginPath();
	ctx.arc(x + size - r, y + r, r, 0, Math.PI * 2);
	ctx.fill();
	ctx.fillStyle = p.text;
	ctx.font = `bold ${Math.floor(r * 1.3)}px system-ui, sans-serif`;
	ctx.textAlign = 'center';
	ctx.textBaseline = 'middle';
	ctx.fillText(String(ref), x + size - r, y + r + 0.5);
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
