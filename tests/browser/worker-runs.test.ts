/**
 * Runs simulated in the worker (issue 9): a heavy run shows progress while the previous run
 * stays on screen and the page keeps answering; a newer change cancels the run in flight (its
 * result never shows); Cancel goes back to the run on screen. No timing assertions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';

const skip = !!process.env.SKIP_BROWSER_TESTS;
let app: App;

beforeAll(async () => {
	if (!skip) app = await startApp();
});
afterAll(async () => {
	await app?.close();
});

/** A run of a few seconds in the worker: 2,500 ShareGPT-like requests on 981 blocks. */
const HEAVY = '/lab/?gpu=981&bs=16&seqs=256&budget=2048&maxlen=2048&wl=sharegpt&reqs=2500&rate=2&wmax=2048&step=5';

async function openHeavy() {
	const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
	// Every value the map's block count takes, in order, from the first paint on.
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { seenBlocks: string[] }).seenBlocks = seen;
		const note = () => {
			const v = document.querySelector('canvas')?.getAttribute('data-blocks');
			if (v && seen[seen.length - 1] !== v) seen.push(v);
		};
		new MutationObserver(note).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-blocks'] });
	});
	await page.goto(app.url(HEAVY));
	await page.waitForSelector('main');
	return { page, errors };
}

describe.skipIf(skip)('runs in the worker', () => {
	it('show progress, keep the old run on screen and interactive, and the newest change wins', async () => {
		const { page, errors } = await openHeavy();
		await page.waitForSelector('[data-run-progress]', { timeout: 120_000 });
		// The default run (24 blocks) is still drawn and still answers the player.
		expect(await page.locator('canvas').first().getAttribute('data-blocks')).toBe('24');
		const s0 = Number(await page.locator('.where').first().getAttribute('data-step'));
		await page.getByRole('button', { name: 'Step forward' }).click();
		await page.waitForFunction((s) => Number(document.querySelector('.where')?.getAttribute('data-step')) > s, s0);
		expect(await page.locator('[data-run-progress]').count()).toBe(1);

		// A second change while the heavy run is in flight: one block more, and a light workload.
		await page.locator('#w-numRequests').evaluate((el: HTMLInputElement) => {
			el.value = '40';
			el.dispatchEvent(new Event('input', { bubbles: true }));
		});
		const slider = page.locator('#c-numGpuBlocks');
		await slider.focus();
		await slider.press('ArrowRight');
		await page.waitForFunction(() => document.querySelector('canvas')?.getAttribute('data-blocks') === '982', undefined, {
			timeout: 120_000
		});
		await page.waitForFunction(() => !document.querySelector('[data-run-loading]'));
		const seen = await page.evaluate(() => (window as unknown as { seenBlocks: string[] }).seenBlocks);
		expect(seen[0]).toBe('24');
		expect(seen).not.toContain('981');
		expect(seen[seen.length - 1]).toBe('982');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('Cancel stops the run and leaves the one on screen', async () => {
		const { page, errors } = await openHeavy();
		await page.waitForSelector('[data-run-progress]', { timeout: 120_000 });
		await page.getByRole('button', { name: 'Cancel' }).click();
		await page.waitForFunction(() => !document.querySelector('[data-run-loading]'));
		expect(await page.locator('canvas').first().getAttribute('data-blocks')).toBe('24');
		expect(await page.locator('#c-numGpuBlocks').inputValue()).toBe('24');
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
