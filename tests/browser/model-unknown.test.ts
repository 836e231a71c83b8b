/**
 * /model names the characters a model can't read before anything is generated (issue 13):
 * the blog's prompt "我晚上吃什么好？" reads whole under the Chinese model; the English
 * model lists every Chinese character it would drop; an unknown character typed into a
 * Chinese prompt is named with its code point, read as �. Both languages, both blog presets.
 * Only vocab.json is fetched: no weights, no generation.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hydrated, skip, useApp } from './use-app';

const app = useApp();

async function open(page: Page, query: string): Promise<void> {
	await page.goto(app.url(`/model/${query}`));
	await page.waitForSelector('[data-generate]');
	await hydrated(page);
}

async function typePrompts(page: Page, text: string): Promise<void> {
	await page.fill('[data-prompts]', text);
}

/** The characters the page names as unknown, once the vocabulary has been checked. */
async function unknownChars(page: Page): Promise<string> {
	await page.waitForSelector('[data-unknown-chars]');
	return (await page.locator('[data-unknown-chars]').getAttribute('data-unknown-chars')) ?? '';
}

describe.skipIf(skip)('/model: unknown characters, the blog prompts', () => {
	it('Chinese: the blog prompt reads whole; an unknown character is shown and named', { timeout: 120_000 }, async () => {
		const { page, errors } = await app.newPage({ width: 390, height: 844 });
		await open(page, '?lang=zh');
		await page.click('[data-preset="blogZh"]');
		expect(await page.locator('[data-model-select]').inputValue()).toBe('zh');
		expect(await page.locator('[data-prompts]').inputValue()).toContain('我晚上吃什么好？');
		expect(await unknownChars(page)).toBe('');
		expect(await page.locator('[data-unknown-chars]').innerText()).toContain('认识');
		await typePrompts(page, '我晚上吃什么好？🍜');
		await page.waitForSelector('[data-unknown-chars="🍜"]');
		const warning = await page.locator('[data-unknown-chars]').innerText();
		expect(warning).toContain('U+1F35C');
		expect(warning).toContain('�');
		expect(await page.locator('body').innerText()).not.toContain('⟦');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('English: the blog prompts read whole under kjv; Chinese under kjv is named as dropped', { timeout: 120_000 }, async () => {
		const { page, errors } = await app.newPage();
		await open(page, '?lang=en');
		await page.click('[data-preset="blogEn"]');
		expect(await page.locator('[data-model-select]').inputValue()).toBe('kjv');
		expect(await page.locator('[data-prompts]').inputValue()).toContain('The future of AI is');
		expect(await unknownChars(page)).toBe('');
		await typePrompts(page, '我晚上吃什么好？');
		await page.waitForSelector('[data-unknown-chars="我晚上吃什么好？"]');
		expect(await page.locator('[data-unknown-chars]').innerText()).toMatch(/dropped/);
		expect(await page.locator('[data-unknown-chars]').innerText()).toContain('U+5403');
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
