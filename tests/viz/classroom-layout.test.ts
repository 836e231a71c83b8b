/**
 * Issue 13's pure pieces: a block is drawn as exactly `blockSize` slots, shared blocks name
 * every holder, one key map, and exports carry the step, the config and the legend.
 */
import { describe, expect, it } from 'vitest';
import { cellAt, cellOrigin, layoutPool, slotGrid } from '../../src/lib/layout/block-grid';
import { sharedHolders } from '../../src/lib/layout/block-holders';
import { keyAction, type TargetLike } from '../../src/lib/controls/keymap';
import { blockMapSvg, configCaption } from '../../src/lib/io/export';
import { DEFAULT_CONFIG } from '../../src/lib/engine/config';
import type { BlockState, ReplayState, RequestState } from '../../src/lib/replay/state';

describe('slotGrid: a full block has no empty-looking cell', () => {
	it.each(Array.from({ length: 256 }, (_, i) => i + 1))('block size %i', (bs) => {
		const s = slotGrid(bs);
		expect(s.cols * s.rows).toBe(bs);
		expect(s.cols).toBeGreaterThanOrEqual(s.rows);
	});
});

describe('layoutPool', () => {
	it.each([
		// count, block size, width, fit height
		[24, 8, 600, 340],
		[4096, 16, 1000, 600],
		[64, 32, 390, 260],
		[7, 7, 300, 200],
		[1, 256, 1200, 300]
	])('%i blocks of %i slots fit %ipx × %ipx, cells shaped like their slot grid', (count, bs, width, height) => {
		const g = layoutPool(count, bs, { width, fitHeight: height });
		const s = slotGrid(bs);
		expect(g.cols * g.rows).toBeGreaterThanOrEqual(count);
		expect(g.width).toBeLessThanOrEqual(width);
		expect(g.height).toBeLessThanOrEqual(Math.max(height, g.cellH));
		expect(Math.abs(g.cell / g.cellH - s.cols / s.rows)).toBeLessThan((s.cols / s.rows) * 0.5 + 0.5);
	});
	it('maps points back to rectangular cells', () => {
		const g = layoutPool(10, 8, { width: 300, cell: 40 });
		expect([g.cell, g.cellH]).toEqual([40, 20]);
		for (let i = 0; i < 10; i++) {
			const { x, y } = cellOrigin(g, i);
			expect(cellAt(g, 10, x + 2, y + g.cellH - 2)).toBe(i);
		}
		expect(cellAt(g, 10, 5, g.cellH + g.gap / 2 + 0.1)).toBe(g.gap > 0 ? -1 : cellAt(g, 10, 5, g.cellH + 0.1));
	});
});

const block = (id: number, refCount: number, owner: string | null): BlockState => ({
	id,
	refCount,
	cached: false,
	owner,
	fill: 4,
	tokens: []
});
const req = (id: string, index: number, table: number[][]): RequestState =>
	({
		id,
		index,
		status: 'running',
		seqs: table.map((blockTable, seq) => ({ seq, blockTable, tokens: [], numComputed: 0 }))
	}) as unknown as RequestState;

describe('sharedHolders', () => {
	const state = {
		config: DEFAULT_CONFIG,
		gpu: [block(0, 2, 'r2'), block(1, 1, 'r0'), block(2, 3, 'r2'), block(3, 2, 'r1')],
		cpu: [],
		running: ['r2', 'r0', 'r1'],
		swapped: [],
		requests: new Map([
			['r0', req('r0', 0, [[0, 1]])],
			['r1', req('r1', 1, [[3], [3]])],
			['r2', req('r2', 2, [[0, 2], [2]])]
		])
	} as unknown as ReplayState;
	it('lists every request holding a shared block, in arrival order, not just the last owner', () => {
		const h = sharedHolders(state);
		expect(h.get(0)).toEqual(['r0', 'r2']);
	});
	it('leaves out blocks one request holds (even through two sequences)', () => {
		const h = sharedHolders(state);
		expect(h.has(1)).toBe(false);
		expect(h.has(2)).toBe(false);
		expect(h.has(3)).toBe(false);
	});
});

/** A fake focus target: matches the selectors of the elements it sits inside. */
const inside = (...sel: string[]): TargetLike => ({
	closest: (q: string) => (q.split(',').some((p) => sel.includes(p.trim())) ? {} : null)
});

describe('keyAction: one key map', () => {
	it.each([
		[' ', null, 'toggle'],
		['ArrowRight', null, 'forward'],
		['ArrowLeft', null, 'back'],
		['Home', null, 'start'],
		['End', null, 'end'],
		['PageDown', null, 'nextChapter'],
		['PageUp', null, 'prevChapter'],
		['x', null, null]
	])('%j on the page → %s', (key, _t, want) => expect(keyAction({ key }, null)).toBe(want));
	it('a focused player button takes every key (Space plays rather than pressing the button)', () => {
		const t = inside('button', '[data-player]');
		expect(keyAction({ key: ' ' }, t)).toBe('toggle');
		expect(keyAction({ key: 'ArrowRight' }, t)).toBe('forward');
		expect(keyAction({ key: 'PageDown' }, t)).toBe('nextChapter');
	});
	it('another button keeps Space, but arrows still step', () => {
		const t = inside('button');
		expect(keyAction({ key: ' ' }, t)).toBeNull();
		expect(keyAction({ key: 'ArrowLeft' }, t)).toBe('back');
	});
	it('typing fields and selects keep their keys; modifiers never act', () => {
		expect(keyAction({ key: 'ArrowRight' }, inside('input'))).toBeNull();
		expect(keyAction({ key: ' ' }, inside('select'))).toBeNull();
		expect(keyAction({ key: ' ' }, inside('input', '[data-player]'))).toBe('toggle');
		expect(keyAction({ key: 'ArrowRight', ctrlKey: true }, null)).toBeNull();
	});
});

describe('exports carry the step, the config and the legend', () => {
	const state = {
		config: { ...DEFAULT_CONFIG, numGpuBlocks: 4, blockSize: 8, semantics: 'v1' },
		step: 7,
		gpu: [{ ...block(0, 0, null), fill: 0 }, { ...block(1, 1, 'a'), fill: 8 }, block(2, 0, null), block(3, 0, null)],
		requests: new Map([['a', req('a', 0, [[1]])]])
	} as unknown as ReplayState;
	const grid = layoutPool(4, 8, { width: 400, fitHeight: 100 });
	const svg = blockMapSvg(state, grid, 'map', {
		caption: `step 7 · ${configCaption(state.config)}`,
		legend: [
			{ label: 'free', color: '#eee' },
			{ label: 'null block', color: '#666', pattern: 'hatched' }
		]
	});
	it('caption and legend', () => {
		expect(svg).toContain('step 7');
		expect(svg).toContain('4 GPU blocks × 8 slots');
		expect(svg).toContain('>free<');
		expect(svg).toContain('>null block<');
	});
	it('the null block (block 0 under v1) is hatched, not drawn as free', () => {
		expect(svg).toMatch(/<rect x="0\.5" y="0\.5"[^>]*stroke="#5d6670"/);
	});
	it('a full block is its 8 slots, all filled', () => {
		expect(svg.match(/fill="#4e79a7" fill-opacity="1"/g)?.length).toBe(8);
	});
	it('no text under 14 px', () => {
		for (const m of svg.matchAll(/font-size="(\d+)"/g)) expect(Number(m[1])).toBeGreaterThanOrEqual(14);
	});
});
