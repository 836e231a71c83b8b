/**
 * Hostile URLs and files through the built site (issue 14): a repeated key, an 8,000-character
 * title or trace id, every parameter at its maximum, unknown chapters and pages, the dev
 * pages. Each ends in a visible notice or page, with no page error and no sideways scroll.
 */
import { writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_DIR } from './harness';
import { skip, useApp } from './use-app';

const app = useApp();

async function open(path: string, width = 1366) {
	const { page, errors } = await app.newPage({ width, reducedMotion: 'reduce' });
	await page.goto(app.url(path));
	await page.waitForSelector('main, .embed, [data-error]');
	return { page, errors };
}
const overflow = (page: import('playwright-core').Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const LONG = 'x'.repeat(8000);

describe.skipIf(skip)('hostile input in the browser', () => {
	it('a repeated key: the last value wins, one notice, no page error', async () => {
		const { page, errors } = await open('/lab/?gpu=40&foo=1&foo=2');
		await page.waitForSelector('[data-blocks]');
		expect(await page.locator('[data-blocks]').first().getAttribute('data-blocks')).toBe('40');
		expect(await page.getByText('foo', { exact: false }).count()).toBeGreaterThan(0);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it.each([
		['an 8,000-character embed title', `/embed/player/?title=${LONG}`, 1366],
		['the same at 390 px', `/embed/player/?title=${LONG}`, 390],
		// (two 8,000-character parts would pass the test server's 16 KB header limit)
		['a 6,000-character selection and key in the lab', `/lab/?sel=${LONG.slice(0, 6000)}&${LONG.slice(0, 6000)}=1`, 390]
	])('%s does not widen the page', async (_, path, width) => {
		const { page, errors } = await open(path, width);
		await page.waitForSelector('canvas, [data-spans]');
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('every parameter at its maximum is refused with a visible error, not a dead tab', async () => {
		const { page, errors } = await open(
			'/lab/?reqs=100000&gpu=131072&cpu=131072&wl=fixed&plen=60000&olen=60000&wmax=131072&maxlen=131072&n=16&seqs=1024&budget=131072'
		);
		await expect
			.poll(() => page.locator('[role=alert]').first().textContent(), { timeout: 30_000 })
			.toMatch(/more than the limit of 5,000,000/);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('a trace with an 8,000-character id does not widen the page', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'pagedkv-trace-'));
		const file = join(dir, 'long-id.jsonl');
		writeFileSync(
			file,
			JSON.stringify({ id: LONG, arrivalStep: 0, promptLen: 8, outputLen: 4 }) +
				'\n' +
				JSON.stringify({ id: 'b', arrivalStep: 1, promptLen: 8, outputLen: 4 }) +
				'\n'
		);
		const { page, errors } = await open('/lab/');
		await page.setInputFiles('#trace-file', file);
		await page.waitForSelector('[data-blocks]');
		await page.waitForTimeout(300);
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it.each([
		['/learn/99/', /There is no chapter “99”/],
		['/learn/<500 nines>/', /There is no chapter/],
		['/no/such/page/', /Page not found/],
		['/no/such/page/?lang=zh', /找不到这个页面/],
		['/learn/99/?lang=zh', /没有“99”这一章/],
		['/dev/model-bench/?rounds=1e9', /Page not found|There is no page/]
	])('%s shows the friendly 404', async (path, want) => {
		const { page, errors } = await open(path.replace('<500 nines>', '9'.repeat(500)));
		await page.waitForSelector('[data-error="404"]');
		expect(await page.locator('[data-error]').textContent()).toMatch(want);
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		expect(
			errors.filter((e) => !/404|Failed to load resource|Not found/.test(e)),
			errors.join('\n')
		).toEqual([]);
		await page.context().close();
	});

	it('the production build has no development pages', () => {
		expect(existsSync(join(BUILD_DIR, 'dev'))).toBe(false);
	});
});
