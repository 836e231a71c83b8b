/**
 * The pool map of a real GPU's pool (PoolMap.canvas.svelte) in Chromium: a 32,768-block pool
 * draws as pixels, zooming changes which blocks are shown (and the pixels), pointing at a block
 * or moving to it with the keys names it, in English and Chinese. No timing assertions.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skip, useApp } from './use-app';

const app = useApp();

const BIG = '/lab/?gpu=32768&reqs=300&rate=8&step=100';
const map = (page: Page) => page.locator('[data-pool-map] canvas').first();
const attr = async (page: Page, name: string) => Number(await map(page).getAttribute(name));
/** Distinct colours and a checksum of the canvas' pixels. */
const pixels = (page: Page) =>
	map(page).evaluate((c: HTMLCanvasElement) => {
		const d = new Uint32Array(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.buffer);
		let sum = 0;
		for (let i = 0; i < d.length; i++) sum = (sum * 31 + d[i]) >>> 0;
		return { colours: new Set(d).size, sum };
	});

async function open(path: string) {
	const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
	await page.goto(app.url(path));
	await page.waitForSelector('[data-pool-map] canvas[data-blocks]', { timeout: 120_000 });
	// The run itself, from the worker (until then the map shows the empty pool).
	await page.waitForFunction(() => !document.querySelector('[data-run-loading]'), undefined, { timeout: 120_000 });
	return { page, errors };
}

describe.skipIf(skip)('pool map (32,768 blocks)', () => {
	it('draws the whole pool as pixels, zoom shows fewer blocks larger, hover and keys name a block', async () => {
		const { page, errors } = await open(BIG);
		expect(await attr(page, 'data-blocks')).toBe(32_768);
		expect(await attr(page, 'data-first')).toBe(0);
		expect(await attr(page, 'data-last')).toBe(32_767);
		expect(await page.locator('[data-pool-map]').count()).toBe(1); // the detailed map is not drawn
		const before = await pixels(page);
		expect(before.colours).toBeGreaterThan(1);

		const cell0 = await attr(page, 'data-cell');
		for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
		expect(await attr(page, 'data-cell')).toBeGreaterThan(cell0);
		expect(await attr(page, 'data-last')).toBeLessThan(32_767);
		expect((await pixels(page)).sum).not.toBe(before.sum);
		await page.getByRole('button', { name: 'Whole pool' }).click();
		expect(await attr(page, 'data-last')).toBe(32_767);

		// Point at the middle of the map, zoomed in so a block is easy to hit.
		for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
		const box = (await map(page).boundingBox())!;
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.waitForFunction(() => document.querySelector('[data-pool-map] canvas')?.getAttribute('data-inspected') !== '-1');
		const inspected = await attr(page, 'data-inspected');
		expect(inspected).toBeGreaterThan(await attr(page, 'data-first'));
		expect(inspected).toBeLessThan(await attr(page, 'data-last'));
		expect(await page.locator('[data-pool-readout]').innerText()).toMatch(new RegExp(`^Block ${inspected}: `));

		// Keys on the focused map move the read-out and are not the player's.
		const step = await page.locator('.where').first().getAttribute('data-step');
		await map(page).focus();
		await page.keyboard.press('ArrowRight');
		expect(await attr(page, 'data-inspected')).toBe(inspected + 1);
		expect(await page.locator('[data-pool-readout]').innerText()).toMatch(new RegExp(`^Block ${inspected + 1}: `));
		expect(await page.locator('.where').first().getAttribute('data-step')).toBe(step);
		await page.keyboard.press('0');
		expect(await attr(page, 'data-last')).toBe(32_767);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('reads a block out in Chinese', async () => {
		const { page, errors } = await open(`${BIG}&lang=zh`);
		await map(page).focus();
		await page.keyboard.press('ArrowRight');
		expect(await page.locator('[data-pool-readout]').innerText()).toMatch(/^块 \d+：/);
		expect(await page.getByRole('button', { name: '放大' }).count()).toBe(1);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('follows the theme: paused, a theme change repaints free blocks and the background in its colours', async () => {
		const { page, errors } = await open(BIG);
		// The canvas' colours as CSS hex (pixels are little-endian RGBA).
		const colours = () =>
			map(page).evaluate((c: HTMLCanvasElement) => {
				const d = new Uint32Array(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.buffer);
				const hex = (v: number) => '#' + [v & 255, (v >>> 8) & 255, (v >>> 16) & 255].map((x) => x.toString(16).padStart(2, '0')).join('');
				return [...new Set(d)].map(hex);
			});
		// app.css: --block-free and --panel, light then dark.
		expect(await colours()).toEqual(expect.arrayContaining(['#e4e7eb', '#f6f7f9']));
		await page.getByRole('button', { name: 'Toggle light/dark theme' }).click();
		await expect.poll(colours, { timeout: 10_000 }).toEqual(expect.arrayContaining(['#2a3039', '#1d2229']));
		expect(await colours()).not.toContain('#e4e7eb');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('a small pool keeps the detailed map', async () => {
		const { page } = await app.newPage({ reducedMotion: 'reduce' });
		await page.goto(app.url('/lab/?gpu=64&step=3'));
		await page.waitForSelector('canvas[data-grid]');
		expect(await page.locator('[data-pool-map]').count()).toBe(0);
		await page.context().close();
	});
});
