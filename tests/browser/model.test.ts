/**
 * /model in a real browser: the real model generates through the engine in the model worker,
 * on the backend the worker measured fastest (wasm here: headless Chromium's WebGL is
 * software), text appears, the map shows used blocks, the attention and K/V views draw;
 * Chinese renders with no missing keys; forcing the CPU backend also works; a stalled
 * weights download can be cancelled, and times out with a message naming the file.
 * No timing assertions: generous timeouts only.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hydrated, skip, useApp } from './use-app';

const app = useApp();

const RUN_TIMEOUT = 240_000;

async function open(page: Page, query: string): Promise<void> {
	await page.goto(app.url(`/model/${query}`));
	await page.waitForSelector('[data-generate]');
	await hydrated(page);
}

/** No pause between steps, fewer tokens: the run is about what it shows, not its pace. */
async function quick(page: Page, maxTokens: number): Promise<void> {
	await page.evaluate(() => {
		const range = document.querySelector<HTMLInputElement>('input[type=range]')!;
		range.value = '0';
		range.dispatchEvent(new Event('input', { bubbles: true }));
	});
	const max = page.locator('input[type=number]').nth(1);
	await max.fill(String(maxTokens));
	await max.dispatchEvent('change');
}

const stat = (page: Page, key: string) => page.locator(`[data-stat="${key}"] dd`).innerText();

describe.skipIf(skip)('/model', () => {
	it(
		'generates English text on the backend it measured fastest, filling blocks, with attention and K/V views',
		{ timeout: RUN_TIMEOUT + 60_000 },
		async () => {
			const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
			await open(page, '?lang=en');
			await page.click('[data-preset="batch"]');
			await quick(page, 16);
			await page.click('[data-generate]');
			await page.waitForFunction(() => Number(document.querySelector('canvas[data-used]')?.getAttribute('data-used')) > 0, null, {
				timeout: RUN_TIMEOUT
			});
			await page.waitForSelector('[data-status="done"], [data-status="failed"]', { timeout: RUN_TIMEOUT });
			expect(await page.locator('[data-model-error]').count()).toBe(0);
			const backend = await page.locator('.page').getAttribute('data-backend');
			expect(['wasm', 'webgl']).toContain(backend);
			expect(await page.locator('[data-stat="backend"]').getAttribute('title')).toMatch(/wasm [\d.]+ ms\/step/);
			const generated = await page.locator('[data-generated]').allInnerTexts();
			expect(generated).toHaveLength(3);
			for (const g of generated) expect(g.length).toBeGreaterThan(0);
			expect(await page.locator('[data-attention]').count()).toBe(1);
			// The K cells are painted on a canvas: most of its pixels carry a colour (rows are 1 px apart).
			const painted = await page.locator('canvas[data-heatmap-cells="K"]').evaluate((c: HTMLCanvasElement) => {
				const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
				let n = 0;
				for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
				return n / (c.width * c.height);
			});
			expect(painted).toBeGreaterThan(0.5);
			expect(await stat(page, 'backend')).toBe(backend);
			expect(await stat(page, 'tps')).toMatch(/^[\d,.]+$/);
			expect(await stat(page, 'generated')).toBe('48');
			expect(await page.locator('body').innerText()).not.toContain('⟦');
			expect(errors).toEqual([]);
			await page.context().close();
		}
	);

	it('renders in Chinese and forks n = 3 poem samples with copy-on-write', { timeout: RUN_TIMEOUT + 60_000 }, async () => {
		const { page, errors } = await app.newPage({ reducedMotion: 'reduce', width: 390, height: 844 });
		await open(page, '?lang=zh');
		expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
		expect(await page.locator('body').innerText()).not.toContain('⟦');
		await page.click('[data-preset="poemsFork"]');
		await quick(page, 12);
		await page.click('[data-generate]');
		await page.waitForSelector('[data-status="done"], [data-status="failed"]', { timeout: RUN_TIMEOUT });
		expect(await page.locator('[data-model-error]').count()).toBe(0);
		const generated = await page.locator('[data-generated]').allInnerTexts();
		expect(generated).toHaveLength(3);
		for (const g of generated) expect(g).toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
		expect(await stat(page, 'cow')).toMatch(/^2 \/ [1-9]/);
		const body = await page.locator('body').innerText();
		expect(body).not.toContain('⟦');
		expect(body).toContain('注意力');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it.each(['en', 'zh'])('its controls stay inside their panel at 1366 × 768 (%s)', async (lang) => {
		const { page, errors } = await app.newPage({ width: 1366, height: 768 });
		await page.goto(app.url(`/model/?lang=${lang}`));
		await page.waitForSelector('[data-generate]');
		// A select is as wide as its longest option unless its column says otherwise: the model's pushed the controls under the figures.
		const out = await page.evaluate(() => {
			const aside = document.querySelector('aside')!.getBoundingClientRect();
			return [...document.querySelectorAll('aside *')]
				.filter((el) => el.getBoundingClientRect().right > aside.right + 1)
				.map((el) => `${el.tagName.toLowerCase()} ${Math.round(el.getBoundingClientRect().right - aside.right)} px over`);
		});
		expect(out).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('runs on the CPU backend when asked (?backend=cpu) and says which backend runs', { timeout: RUN_TIMEOUT + 60_000 }, async () => {
		const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
		await open(page, '?lang=en&backend=cpu');
		await page.click('[data-preset="fork"]');
		await quick(page, 4);
		await page.click('[data-generate]');
		await page.waitForSelector('[data-status="done"], [data-status="failed"]', { timeout: RUN_TIMEOUT });
		expect(await page.locator('[data-model-error]').count()).toBe(0);
		expect(await stat(page, 'backend')).toBe('cpu');
		expect((await page.locator('[data-generated]').allInnerTexts()).every((g) => g.length > 0)).toBe(true);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it(
		'a stalled weights download can be cancelled, and otherwise times out naming the file',
		{ timeout: RUN_TIMEOUT + 60_000 },
		async () => {
			const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
			await page.context().route('**/weights.bin', () => {}); // never answers: a stalled download
			await open(page, '?lang=en');
			await page.click('[data-generate]');
			await page.waitForSelector('[data-cancel-load]', { timeout: RUN_TIMEOUT });
			await page.click('[data-cancel-load]');
			await page.waitForSelector('.page[data-status="idle"]', { timeout: 30_000 });
			expect(await page.locator('[data-model-error]').count()).toBe(0);
			// Again, left alone: three attempts of 15 s without a byte, then a message naming the file.
			await page.click('[data-generate]');
			await page.waitForSelector('[data-model-error]', { timeout: RUN_TIMEOUT });
			expect(await page.locator('[data-model-error]').innerText()).toMatch(/models\/kjv\/weights\.bin: no data for 15 s \(tried 3 times\)/);
			expect(errors).toEqual([]);
			await page.context().close();
		}
	);
});
