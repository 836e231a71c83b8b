/**
 * The pages in a real browser (Debian's chromium, headless): they load without console
 * errors, controls change what is drawn, the player moves, links reproduce a view, and a
 * bad trace is refused with a visible error. No timing assertions.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skip, useApp } from './use-app';

const app = useApp();

const stepOf = (page: Page) => page.locator('.where').first().getAttribute('data-step').then(Number);
const blocksOf = (page: Page) => page.locator('canvas').first().getAttribute('data-blocks').then(Number);

async function open(path: string) {
	const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
	await page.goto(app.url(path));
	await page.waitForSelector('main');
	// Every page's first run comes from the worker; the lab marks its title when the URL's is on screen.
	if (path.startsWith('/lab/')) await page.waitForSelector('[data-lab-ready]', { timeout: 120_000 });
	await page.waitForFunction(() => !document.querySelector('[data-run-loading]'), undefined, { timeout: 120_000 });
	return { page, errors };
}

describe.skipIf(skip)('pages', () => {
	it.each(['/', '/lab/', '/compare/', '/embed/player/', '/embed/player/?scenario=beam-search&show=map,timeline,chart,stats'])(
		'%s loads with no console errors',
		async (path) => {
			const { page, errors } = await open(path);
			await page.waitForSelector('canvas, [data-spans]');
			await page.waitForFunction(() => document.documentElement.dataset.theme);
			expect(errors).toEqual([]);
			await page.context().close();
		}
	);

	it('clamps bad URL values with a visible notice instead of a blank page', async () => {
		const { page, errors } = await open('/lab/?gpu=999999&bs=banana&zzz=1');
		await page.waitForSelector('[data-url-notice]');
		const text = await page.locator('[data-url-notice]').innerText();
		expect(text).toContain('gpu=999999');
		expect(text).toContain('banana');
		expect(text).toContain('zzz');
		expect(await blocksOf(page)).toBe(131072);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('moving a slider re-runs the simulation and changes the map', async () => {
		const { page } = await open('/lab/?step=3');
		expect(await blocksOf(page)).toBe(24);
		const slider = page.locator('#c-numGpuBlocks');
		await slider.focus();
		for (let i = 0; i < 4; i++) await slider.press('ArrowRight');
		await page.waitForFunction(() => document.querySelector('canvas')?.getAttribute('data-blocks') === '28');
		expect(await stepOf(page)).toBe(3);
		await page.context().close();
	});

	it('play, step, keys and scrub move the step', async () => {
		const { page } = await open('/lab/?step=0');
		const s0 = await stepOf(page);
		await page.getByRole('button', { name: 'Step forward' }).click();
		await page.waitForFunction((s) => Number(document.querySelector('.where')?.getAttribute('data-step')) > s, s0);
		const s1 = await stepOf(page);
		await page.getByRole('button', { name: 'Step back' }).click();
		await page.waitForFunction((s) => Number(document.querySelector('.where')?.getAttribute('data-step')) < s, s1);

		await page.getByRole('button', { name: 'Play' }).click();
		await page.waitForFunction((s) => Number(document.querySelector('.where')?.getAttribute('data-step')) > s + 1, s1);
		await page.getByRole('button', { name: 'Pause' }).click();

		await page.locator('h1').click();
		await page.keyboard.press('End');
		const end = await stepOf(page);
		await page.keyboard.press('Home');
		await page.waitForFunction((s) => Number(document.querySelector('.where')?.getAttribute('data-step')) < s, end);
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		expect(await stepOf(page)).toBeGreaterThan(0);

		await page.locator('.scrub').evaluate((el: HTMLInputElement) => {
			el.value = String(Math.floor(Number(el.max) / 2));
			el.dispatchEvent(new Event('input', { bubbles: true }));
		});
		const mid = await stepOf(page);
		expect(mid).toBeGreaterThan(1);
		expect(mid).toBeLessThan(end);
		await page.context().close();
	});

	it('a copied link reproduces the run and the step', async () => {
		const { page } = await open('/lab/?step=2');
		const slider = page.locator('#c-numGpuBlocks');
		await slider.focus();
		await slider.press('ArrowLeft');
		await slider.press('ArrowLeft');
		await page.waitForFunction(() => document.querySelector('canvas')?.getAttribute('data-blocks') === '22');
		await page.locator('h1').click();
		for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
		await page.getByRole('button', { name: 'Copy link' }).click();
		await page.waitForFunction(() => document.body.dataset.copiedLink);
		const link = (await page.evaluate(() => document.body.dataset.copiedLink)) as string;
		const want = {
			step: await stepOf(page),
			blocks: await blocksOf(page),
			used: await page.locator('canvas').first().getAttribute('data-used'),
			where: await page.locator('.where').first().innerText()
		};
		expect(want.blocks).toBe(22);
		const again = await app.newPage({ reducedMotion: 'reduce' });
		await again.page.goto(link);
		// The link's run itself (the map shows the empty pool of its settings until it arrives).
		await again.page.waitForSelector('[data-lab-ready]', { timeout: 120_000 });
		await again.page.waitForFunction((b) => document.querySelector('canvas')?.getAttribute('data-blocks') === String(b), want.blocks);
		expect(await stepOf(again.page)).toBe(want.step);
		expect(await again.page.locator('canvas').first().getAttribute('data-used')).toBe(want.used);
		expect(await again.page.locator('.where').first().innerText()).toBe(want.where);
		await page.context().close();
		await again.page.context().close();
	});

	it('importing a bad trace shows the error and changes nothing', async () => {
		const { page } = await open('/lab/?step=4');
		const before = {
			step: await stepOf(page),
			blocks: await blocksOf(page),
			used: await page.locator('canvas').first().getAttribute('data-used')
		};
		await page.locator('#trace-file').setInputFiles({
			name: 'bad.jsonl',
			mimeType: 'application/jsonl',
			buffer: Buffer.from(
				'{"id":"a","arrivalStep":0,"promptLen":8,"outputLen":4}\n{"id":"b","arrivalStep":"soon","promptLen":8,"outputLen":4}\n'
			)
		});
		await page.waitForSelector('[data-trace-error]');
		const msg = await page.locator('[data-trace-error]').innerText();
		expect(msg).toContain('bad.jsonl');
		expect(msg).toContain('2');
		expect(msg).toContain('arrivalStep');
		expect(await stepOf(page)).toBe(before.step);
		expect(await blocksOf(page)).toBe(before.blocks);
		expect(await page.locator('canvas').first().getAttribute('data-used')).toBe(before.used);

		await page.locator('#trace-file').setInputFiles({
			name: 'good.jsonl',
			mimeType: 'application/jsonl',
			buffer: Buffer.from(
				'{"id":"x","arrivalStep":0,"promptLen":30,"outputLen":10}\n{"id":"y","arrivalStep":1,"promptLen":20,"outputLen":10}\n'
			)
		});
		await page.waitForFunction(() => document.querySelector('#trace-msg')?.textContent?.includes('Imported 2'));
		await page.context().close();
	});

	it('the compare page draws four allocators and the paper preset', async () => {
		const { page, errors } = await open('/compare/?step=10');
		await page.waitForSelector('[data-allocator="orca-oracle"]');
		expect(await page.locator('[data-allocator]').count()).toBe(4);
		await page.locator('[data-paper-preset]').click();
		// The paper's runs arrive from the worker: paged keeps > 90% of its memory in token states, the others < 60%.
		await page.waitForFunction(
			() => {
				const ts = [...document.querySelectorAll('[data-token-states]')].map((e) => Number(e.getAttribute('data-token-states')));
				return ts.length === 4 && ts[0] > 0.9 && ts.slice(1).every((x) => x < 0.6);
			},
			undefined,
			{ timeout: 120_000 }
		);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
