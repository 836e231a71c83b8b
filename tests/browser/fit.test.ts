/**
 * "Will it fit?" in a real browser, in both languages: the numbers on the page are planFit's
 * for the chosen model and GPU (and change when they change), the sliding-window saving
 * shows for a sliding-window model, and the lab opens with the pool's real block count and
 * the roofline cost model. No timing assertions.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hydrated, skip, useApp } from './use-app';
import { planFit, type FitRequest } from '../../src/lib/fit/plan';

const app = useApp();

async function open(path: string) {
	const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
	await page.goto(app.url(path));
	await page.waitForSelector('[data-fit-numbers]');
	await hydrated(page);
	return { page, errors };
}

/** The page shows what planFit computes for `req`. */
async function expectNumbers(page: Page, req: FitRequest) {
	const r = planFit(req);
	await page.waitForFunction((want) => document.querySelector('[data-vllm-log]')?.textContent === want, r.log.join('\n'));
	const numbers = page.locator('[data-fit-numbers]');
	expect(Number(await numbers.getAttribute('data-per-token'))).toBe(r.kvBytesPerToken);
	expect(Number(await numbers.getAttribute('data-blocks'))).toBe(r.pool.numGpuBlocks);
	return r;
}

describe.skipIf(skip)('/fit', () => {
	it.each([
		['en', 'Will it fit?', 'Fits: '],
		['zh', '放得下吗？', '放得下：']
	])('in %s: changing the model and the GPU changes the numbers', async (lang, title, verdict) => {
		const { page, errors } = await open(`/fit/?lang=${lang}`);
		expect(await page.locator('h1').innerText()).toBe(title);
		await expectNumbers(page, { model: 'llama-3.1-8b', gpu: 'h100-80gb' });
		expect(await page.locator('[data-verdict]').innerText()).toContain(verdict);
		expect(await page.locator('[data-fit-sliding]').count()).toBe(0);

		await page.selectOption('#fit-model', 'gpt-oss-20b');
		const r = await expectNumbers(page, { model: 'gpt-oss-20b', gpu: 'h100-80gb' });
		expect(r.kvBytesPerToken).toBe(49_152);
		const saved = 1 - r.pool.bytesPerRequest / r.allFull!.bytesPerRequest;
		expect(Number(await page.locator('[data-fit-sliding]').getAttribute('data-saved'))).toBeCloseTo(saved, 3);

		await page.selectOption('#fit-gpu', 'a100-80gb');
		await expectNumbers(page, { model: 'gpt-oss-20b', gpu: 'a100-80gb' });
		await page.selectOption('#fit-kv', 'fp8');
		await expectNumbers(page, { model: 'gpt-oss-20b', gpu: 'a100-80gb', kvDtype: 'fp8' });

		const html = await page.locator('main').innerText();
		expect(html).not.toContain('⟦');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('takes --kv-cache-memory, disables TP sizes the model cannot split into, and says when nothing fits', async () => {
		const { page, errors } = await open('/fit/?lang=en&model=qwen2.5-7b&gpu=l40s');
		expect(await page.locator('#fit-tp option[value="8"]').isDisabled()).toBe(true);
		expect(await page.locator('#fit-tp option[value="4"]').isDisabled()).toBe(false);
		await page.locator('input[name="fit-mode"][value="kv"]').check();
		await page.locator('#fit-kvmem').fill('2');
		await expectNumbers(page, { model: 'qwen2.5-7b', gpu: 'l40s', kvCacheMemory: 2 * 2 ** 30 });

		await page.selectOption('#fit-model', 'llama-3.1-70b');
		await page.selectOption('#fit-gpu', 'rtx-4090');
		await page.locator('input[name="fit-mode"][value="util"]').check();
		await page.waitForSelector('[data-verdict="no"]');
		expect(await page.locator('[data-vllm-log]').innerText()).toContain('ValueError: No available memory for the cache blocks');
		expect(await page.locator('[data-lab-link]').count()).toBe(0);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('opens the pool in the lab with its real block count and the roofline cost model', async () => {
		const { page, errors } = await open('/fit/?lang=en&model=llama-3.1-8b&gpu=l40s&kvmem=1&len=4096');
		const r = await expectNumbers(page, { model: 'llama-3.1-8b', gpu: 'l40s', kvCacheMemory: 2 ** 30, maxModelLen: 4096 });
		expect(r.pool.numGpuBlocks).toBe(512);
		const href = (await page.locator('[data-lab-link]').getAttribute('href'))!;
		expect(href).toContain('gpu=512');
		expect(href).toContain('cost=llama-3.1-8b_l40s_tp1_wbf16_kvbf16');
		await page.locator('[data-lab-link]').click();
		// The lab may draw its default pool first and the linked one once the run is in.
		await page.waitForFunction(() => document.querySelector('canvas[data-blocks]')?.getAttribute('data-blocks') === '512');
		expect(await page.locator('[data-cost-model]').innerText()).toContain('llama-3.1-8b_l40s_tp1_wbf16_kvbf16');
		expect(await page.locator('[data-url-notice]').count()).toBe(0);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
