/**
 * The lab's sample-trace picker in a real browser: the Mooncake sample runs on the pool it
 * is sized for and the summary shows prefix hits equal to its shared tokens (6,640, as the
 * CLI reports); a CSV sample loads too. No timing assertions.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { en } from '../../src/lib/i18n/en';
import { hydrated, skip, useApp } from './use-app';

const app = useApp();

const summaryValue = (page: Page, key: keyof typeof en) => page.locator('tr', { hasText: en[key] }).locator('td').innerText();

describe.skipIf(skip)('lab: sample traces', () => {
	it('runs the Mooncake sample and shows its prefix hits', async () => {
		const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
		await page.goto(app.url('/lab/?lang=en'));
		await page.waitForSelector('[data-trace-sample]');
		await hydrated(page);
		await page.locator('[data-trace-sample]').selectOption('mooncake.jsonl');
		await page.waitForFunction(() => document.querySelector('#trace-msg')?.textContent?.includes('Mooncake JSONL'));
		expect(await page.locator('#trace-msg').innerText()).toContain('Imported 12 requests');
		await page.waitForFunction(() => document.querySelector('canvas')?.getAttribute('data-blocks') === '512');
		expect(await summaryValue(page, 'summary.prefixHitTokens')).toBe('6640');
		expect(await summaryValue(page, 'summary.rejected')).toBe('0');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('loads the BurstGPT CSV sample, saying what it skipped', async () => {
		const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
		await page.goto(app.url('/lab/?lang=en'));
		await page.waitForSelector('[data-trace-sample]');
		await hydrated(page);
		await page.locator('[data-trace-sample]').selectOption('burstgpt.csv');
		await page.waitForFunction(() => document.querySelector('#trace-msg')?.textContent?.includes('BurstGPT CSV'));
		expect(await page.locator('#trace-msg').innerText()).toContain('1 failed requests');
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
