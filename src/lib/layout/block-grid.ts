/** Where each block of a pool sits on screen: a grid of square cells. */

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
}

export interface Grid {
	cols: number;
	rows: number;
	/** Cell side in px (without the gap). */
	cell: number;
	gap: number;
	width: number;
	height: number;
}

/** Choose columns and cell size for `count` blocks. */
export function layoutBlockGrid(count: number, opts: GridOptions): Grid {
	const width = Math.max(1, opts.width);
	const minCell = opts.minCell ?? 3;
	const maxCell = opts.maxCell ?? 72;
	const gapFor = (c: number) => opts.gap ?? (c >= 12 ? 2 : c >= 6 ? 1 : 0);
	const heightFor = (c: number) => {
		const g = gapFor(c);
		const cols = Math.max(1, Math.floor((width + g) / (c + g)));
		return Math.ceil(count / cols) * (c + g) - g;
	};
	let cell: number;
	if (opts.cell && opts.cell > 0) cell = Math.max(minCell, opts.cell);
	else {
		// Largest cell (with its gap) such that all blocks fit in width × fitHeight.
		const fitHeight = opts.fitHeight ?? width;
		cell = Math.min(maxCell, Math.max(minCell, Math.floor(Math.sqrt((width * fitHeight) / Math.max(1, count)))));
		while (cell > minCell && heightFor(cell) > fitHeight) cell--;
	}
	const gap = gapFor(cell);
	const pitch = cell + gap;
	const cols = Math.max(1, Math.min(Math.max(1, count), Math.floor((width + gap) / pitch)));
	const rows = Math.ceil(Math.max(0, count) / cols);
	return { cols, rows, cell, gap, width: cols * pitch - gap, height: Math.max(0, rows * pitch - gap) };
}

/** Top-left corner of block `i`. */
export function cellOrigin(grid: Grid, i: number): { x: number; y: number } {
	const pitch = grid.cell + grid.gap;
	return { x: (i % grid.cols) * pitch, y: Math.floor(i / grid.cols) * pitch };
}

/** Block under a point, or -1. */
export function cellAt(grid: Grid, count: number, x: number, y: number): number {
	const pitch = grid.cell + grid.gap;
	const col = Math.floor(x / pitch);
	const row = Math.floor(y / pitch);
	if (x < 0 || y < 0 || col >= grid.cols || x - col * pitch > grid.cell || y - row * pitch > grid.cell) return -1;
	const i = row * grid.cols + col;
	return i < count ? i : -1;
}

/** Slots of one block as a near-square sub-grid (for drawing tokens inside a cell). */
export function slotGrid(blockSize: number): { cols: number; rows: number } {
	const cols = Math.ceil(Math.sqrt(blockSize));
	return { cols, rows: Math.ceil(blockSize / cols) };
}
