import { describe, expect, it } from 'vitest';
import {
	blockAt,
	blockKind,
	blockRect,
	clampView,
	fitView,
	layoutPoolMap,
	mixPacked,
	packColor,
	panBy,
	poolColors,
	poolKey,
	rasterize,
	revealBlock,
	usePoolMap,
	visibleBlocks,
	zoomAt,
	zoomStep,
	MAX_CELL,
	type PoolPalette
} from '../../src/lib/layout/pool-map';
import { planesOf } from '../../src/lib/layout/pool-planes';
import type { BlockState } from '../../src/lib/replay/state';

describe('layoutPoolMap', () => {
	it.each([
		// count, width, maxHeight → cols, rows, fit, height
		[32_768, 900, 340, 300, 110, 3, 330],
		[131_072, 900, 340, 900, 146, 1, 146],
		[131_072, 700, 170, 700, 188, 1, 170], // taller than the box at one pixel a block: it pans
		[8192, 1200, 680, 133, 62, 9, 558],
		[10, 900, 340, 9, 2, 96, 192], // capped at MAX_CELL
		[0, 900, 340, 1, 1, 96, 96]
	])('%i blocks in %i × %i px: %i cols, %i rows, cell %i, height %i', (count, w, h, cols, rows, fit, height) => {
		const l = layoutPoolMap(count, w, h);
		expect({ cols: l.cols, rows: l.rows, fit: l.fit, height: l.height }).toEqual({ cols, rows, fit, height });
		expect(l.cols * l.rows).toBeGreaterThanOrEqual(count);
	});

	it('the whole pool is on screen at fit when a pixel a block fits', () => {
		for (const count of [4097, 20_000, 32_768, 65_536]) {
			const l = layoutPoolMap(count, 1000, 400);
			expect(l.rows * l.fit).toBeLessThanOrEqual(400);
			expect(l.cols * l.fit).toBeLessThanOrEqual(1000);
		}
	});

	it.each([
		[4096, false],
		[4097, true],
		[131_072, true]
	])('%i blocks use the pool map: %s', (n, big) => expect(usePoolMap(n)).toBe(big));
});

describe('zoom and pan', () => {
	const l = layoutPoolMap(32_768, 900, 340); // 300 × 110 blocks of 3 px

	it('zooming keeps the block under the pointer', () => {
		const v0 = fitView(l);
		const at = blockAt(l, v0, 301, 77);
		let v = v0;
		for (let k = 0; k < 4; k++) {
			v = zoomAt(l, v, zoomStep(l, v.cell, 1), 301, 77);
			expect(blockAt(l, v, 301, 77)).toBe(at);
		}
		expect(v.cell).toBeGreaterThan(v0.cell);
	});

	it.each([
		[1, 6],
		[-1, 3]
	])('zoomStep(%i) from 4 px', (dir, cell) => expect(zoomStep(l, 4, dir)).toBe(cell));

	it('zoomStep stays within fit and MAX_CELL', () => {
		expect(zoomStep(l, l.fit, -1)).toBe(l.fit);
		expect(zoomStep(l, MAX_CELL, 1)).toBe(MAX_CELL);
	});

	it('pan stays over the content', () => {
		const v = clampView(l, { cell: 10, x: 0, y: 0 });
		expect(panBy(l, v, -50, -50)).toEqual({ cell: 10, x: 0, y: 0 });
		const far = panBy(l, v, 1e9, 1e9);
		expect(far).toEqual({ cell: 10, x: 300 * 10 - 900, y: 110 * 10 - 330 });
		expect(blockAt(l, far, 899, 329)).toBe(-1); // past the last block of a ragged last row
		expect(blockAt(l, far, 899, 319)).toBe(108 * 300 + 299);
	});

	it('at fit nothing pans', () => expect(panBy(l, fitView(l), 40, 40)).toEqual(fitView(l)));

	it('revealBlock brings a block whole into view and blockRect finds it there', () => {
		const v = clampView(l, { cell: 20, x: 0, y: 0 });
		for (const i of [0, 299, 300 * 40 + 200, 32_767]) {
			const r = blockRect(l, revealBlock(l, v, i), i);
			expect(r.x).toBeGreaterThanOrEqual(0);
			expect(r.y).toBeGreaterThanOrEqual(0);
			expect(r.x + r.size).toBeLessThanOrEqual(l.width);
			expect(r.y + r.size).toBeLessThanOrEqual(l.height);
			expect(blockAt(l, revealBlock(l, v, i), r.x + 1, r.y + 1)).toBe(i);
		}
	});

	it('visibleBlocks narrows as the view zooms', () => {
		expect(visibleBlocks(l, fitView(l))).toEqual({ first: 0, last: 32_767 });
		const v = clampView(l, { cell: 30, x: 300, y: 60 });
		expect(visibleBlocks(l, v)).toEqual({ first: 2 * 300 + 10, last: 12 * 300 + 39 });
	});
});

const block = (over: Partial<BlockState> & { nullBlock?: boolean }): BlockState => ({
	id: 0,
	refCount: 0,
	cached: false,
	owner: null,
	fill: 0,
	tokens: [],
	...over
});
const PAL: PoolPalette = { free: 1, used: 2, shared: 3, cached: 4, null: 5, background: 9 };

describe('colours', () => {
	it.each([
		[{}, 'free'],
		[{ refCount: 1, owner: 'a' }, 'used'],
		[{ refCount: 3, owner: 'a' }, 'shared'],
		[{ cached: true, owner: 'a' }, 'cached'],
		[{ nullBlock: true }, 'null']
	] as const)('%o is %s', (b, kind) => expect(blockKind(block(b))).toBe(kind));

	it('packColor is little-endian RGBA', () => {
		expect(packColor('#4e79a7')).toBe(0xff * 2 ** 24 + (0xa7 << 16) + (0x79 << 8) + 0x4e);
		expect(mixPacked(packColor('#000000'), packColor('#ffffff'), 0.5)).toBe(packColor('#808080'));
	});

	it('zoomed out: by kind; zoomed in: used blocks in their request colour, fill as a fraction', () => {
		const blocks = [
			block({}),
			block({ refCount: 1, owner: 'r1', fill: 8 }),
			block({ refCount: 2, owner: 'r1', fill: 16 }),
			block({ nullBlock: true })
		];
		const planes = planesOf(blocks, new Map([['r1', { index: 0 }]]));
		const out = poolColors(planes, { palette: PAL, byRequest: false, requestColor: () => 77 }, undefined, 16);
		expect([...out.main]).toEqual([1, 2, 3, 5]);
		expect([...out.fill]).toEqual([1, 0.5, 1, 1]);
		const zoomed = poolColors(planes, { palette: PAL, byRequest: true, requestColor: () => 77 }, out, 16);
		expect(zoomed).toBe(out); // buffers reused
		expect([...zoomed.main]).toEqual([1, 77, 3, 5]);
	});
});

describe('rasterize', () => {
	const blocks = 10;
	const main = Uint32Array.from({ length: blocks }, (_, i) => 100 + i);

	it('one pixel a block: the pixels are the blocks, the ragged tail is background', () => {
		const l = layoutPoolMap(blocks, 4, 3); // 4 cols × 3 rows, cell 1
		const out = new Uint32Array(l.width * l.height);
		rasterize(out, { layout: l, view: fitView(l), main, background: 9 });
		expect([...out]).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 9, 9]);
	});

	it('zoomed in: cells of `cell` px with a one-pixel gap, the empty part on top', () => {
		const l = layoutPoolMap(blocks, 12, 12);
		const v = clampView(l, { cell: 6, x: 0, y: 0 });
		const out = new Uint32Array(l.width * l.height);
		const empty = new Uint32Array(blocks).fill(50);
		const fill = new Float32Array(blocks).fill(1);
		fill[0] = 0.4; // 3 of the 5 inner rows are empty
		rasterize(out, { layout: l, view: v, main, empty, fill, background: 9 });
		const column0 = Array.from({ length: 6 }, (_, y) => out[y * l.width]);
		expect(column0).toEqual([50, 50, 50, 100, 100, 9]);
		expect(out[5]).toBe(9); // the gap column
		expect(out[6]).toBe(101);
	});
});

describe('poolKey', () => {
	const l = layoutPoolMap(32_768, 900, 340);
	const v = clampView(l, { cell: 30, x: 0, y: 0 });
	it.each([
		['ArrowRight', 5, 6],
		['ArrowLeft', 0, 0],
		['ArrowDown', 5, 305],
		['ArrowUp', 305, 5],
		['End', 5, 32_767],
		['Home', 900, 0],
		['PageDown', 0, 300 * 11]
	])('%s from %i goes to %i, in view', (key, from, to) => {
		const r = poolKey(l, v, from, key)!;
		expect(r.at).toBe(to);
		expect(blockAt(l, r.view, blockRect(l, r.view, to).x + 1, blockRect(l, r.view, to).y + 1)).toBe(to);
	});
	it('the first arrow picks the first block in view', () =>
		expect(poolKey(l, clampView(l, { cell: 30, x: 60, y: 0 }), -1, 'ArrowRight')!.at).toBe(2));
	it('+ and − zoom, 0 fits, other keys are the player’s', () => {
		expect(poolKey(l, v, 7, '+')!.view.cell).toBe(45);
		expect(poolKey(l, v, 7, '-')!.view.cell).toBe(20);
		expect(poolKey(l, v, 7, '0')!.view).toEqual(fitView(l));
		expect(poolKey(l, v, 7, ' ')).toBeNull();
		expect(poolKey(l, v, 7, 'a')).toBeNull();
	});
});
