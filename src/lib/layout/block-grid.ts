/**
 * Where each block of a pool sits on screen: a grid of cells, each a block drawn as exactly
 * `blockSize` slots (`slotGrid`), so a full block has no empty-looking cell. A cell is as
 * wide as its slot grid is: 8 slots are 4 × 2, a 2:1 cell.
 */

export interface GridOptions {
	/** Available width in px. */
	width: number;
	/** Wanted cell size in px; 0 = fit the pool into `fitHeight`. */
	cell?: number;
	/** Height to fit into when `cell` is 0. */
	fitHeight?: number;
	gap?: number;
	minCell?: number;
	maxCell?: number;
	/** Cell width over height (a block's slot columns over its rows); 1 = square. */
	aspect?: number;
	/** Tallest cell when fitting (px): a small pool stays compact instead of filling the box. */
	maxCellH?: number;
}

export interface Grid {
	cols: number;
	rows: number;
	/** Cell width in px (without the gap). */
	cell: number;
	/** Cell height in px (without the gap). */
	cellH: number;
	gap: number;
	width: number;
	height: number;
}

/** Choose columns and cell size for `count` blocks. */
export function layoutBlockGrid(count: number, opts: GridOptions): Grid {
	const width = Math.max(1, opts.width);
	const minCell = opts.minCell ?? 3;
	const maxCell = opts.maxCell ?? 72;
	const aspect = opts.aspect && opts.aspect > 0 ? opts.aspect : 1;
	const heightOf = (c: number) => Math.max(1, Math.round(c / aspect));
	const gapFor = (c: number) => opts.gap ?? (heightOf(c) >= 12 ? 2 : heightOf(c) >= 6 ? 1 : 0);
	const heightFor = (c: number) => {
		const g = gapFor(c);
		const cols = Math.max(1, Math.floor((width + g) / (c + g)));
		return Math.ceil(count / cols) * (heightOf(c) + g) - g;
	};
	let cell: number;
	if (opts.cell && opts.cell > 0) cell = Math.max(minCell, opts.cell);
	else {
		// Largest cell (with its gap) such that all blocks fit in width × fitHeight.
		const fitHeight = opts.fitHeight ?? width;
		cell = Math.min(
			maxCell * Math.max(1, aspect),
			Math.max(minCell, Math.floor(Math.sqrt((width * fitHeight * aspect) / Math.max(1, count))))
		);
		cell = Math.min(cell, width, Math.floor((opts.maxCellH ?? Infinity) * aspect));
		while (cell > minCell && heightFor(cell) > fitHeight) cell--;
	}
	const cellH = heightOf(cell);
	const gap = gapFor(cell);
	const pitch = cell + gap;
	const cols = Math.max(1, Math.min(Math.max(1, count), Math.floor((width + gap) / pitch)));
	const rows = Math.ceil(Math.max(0, count) / cols);
	return { cols, rows, cell, cellH, gap, width: cols * pitch - gap, height: Math.max(0, rows * (cellH + gap) - gap) };
}

/** Top-left corner of block `i`. */
export function cellOrigin(grid: Grid, i: number): { x: number; y: number } {
	return { x: (i % grid.cols) * (grid.cell + grid.gap), y: Math.floor(i / grid.cols) * (grid.cellH + grid.gap) };
}

/** Block under a point, or -1. */
export function cellAt(grid: Grid, count: number, x: number, y: number): number {
	const px = grid.cell + grid.gap;
	const py = grid.cellH + grid.gap;
	const col = Math.floor(x / px);
	const row = Math.floor(y / py);
	if (x < 0 || y < 0 || col >= grid.cols || x - col * px > grid.cell || y - row * py > grid.cellH) return -1;
	const i = row * grid.cols + col;
	return i < count ? i : -1;
}

/**
 * Slots of one block as a sub-grid of exactly `blockSize` cells (cols × rows = blockSize):
 * the smallest divisor at or above √blockSize as columns, so 16 → 4 × 4, 8 → 4 × 2,
 * 32 → 8 × 4, and a prime such as 7 → one row of 7.
 */
export function slotGrid(blockSize: number): { cols: number; rows: number } {
	const n = Math.max(1, Math.floor(blockSize));
	let cols = Math.ceil(Math.sqrt(n));
	while (n % cols !== 0) cols++;
	return { cols, rows: n / cols };
}

/**
 * A fitted block is at most this tall: slots stay readable (8 slots of 20 px), and a chapter's
 * pool leaves room for its timeline above the fold; the lab's zoom draws larger blocks.
 */
export const POOL_MAX_CELL_H = 40;

/** The pool's grid for blocks of `blockSize` slots: cells shaped like their slot grid. */
export function layoutPool(count: number, blockSize: number, opts: Omit<GridOptions, 'aspect'>): Grid {
	const s = slotGrid(blockSize);
	return layoutBlockGrid(count, { maxCellH: POOL_MAX_CELL_H, ...opts, aspect: s.cols / s.rows });
}
