/**
 * Traces at the limits in the lab (issue 9): a file with a 10 MB line and a trace past the
 * page's token limit each get a message naming what was wrong and leave the run on screen
 * as it was; a 100,000-request trace is read (in a worker) and run. No timing assertions.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skip, useApp } from './use-app';

const app = useApp();
let dir: string;

beforeAll(() => {
	if (!skip) dir = mkdtempSync(join(tmpdir(), 'pagedkv-limits-'));
});

async function lab() {
	const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
	await page.goto(app.url('/lab/?lang=en&gpu=256&reqs=40'));
	await page.waitForSelector('[data-lab-ready]', { timeout: 120_000 });
	return { page, errors };
}

/** What the run on screen shows: the summary table and the map's size. */
const onScreen = (page: Page) =>
	page.evaluate(() => [
		document.querySelector('table')?.textContent ?? '',
		document.querySelector('[data-blocks]')?.getAttribute('data-blocks')
	]);

function file(name: string, text: string): string {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
}

describe.skipIf(skip)('lab: traces at the limits', () => {
	it.each([
		[
			'a 10 MB line',
			() =>
				file(
					'long-line.jsonl',
					JSON.stringify({ id: 'x', arrivalStep: 0, promptTokens: Array.from({ length: 1_500_000 }, (_, i) => i % 997), outputLen: 4 })
				),
			/long-line\.jsonl:1: promptTokens: must hold ≤ 131,072 tokens/
		],
		[
			'a trace past the page’s token limit',
			() =>
				file(
					'too-many-tokens.jsonl',
					Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `r${i}`, arrivalStep: i, promptLen: 1000, outputLen: 1000 })).join(
						'\n'
					)
				),
			/too-many-tokens\.jsonl:2501: .*more than 5,000,000 prompt \+ output tokens/
		]
	])(
		'%s: a message naming it, and the run on screen stays',
		async (_, make, want) => {
			const { page, errors } = await lab();
			const before = await onScreen(page);
			await page.setInputFiles('#trace-file', make());
			await expect
				.poll(() => page.locator('#trace-msg, [role=alert]').allTextContents(), { timeout: 120_000 })
				.toEqual(expect.arrayContaining([expect.stringMatching(want)]));
			expect(await onScreen(page)).toEqual(before);
			expect(errors).toEqual([]);
			await page.context().close();
		},
		300_000
	);

	it('reads and runs a 100,000-request trace', async () => {
		const { page, errors } = await lab();
		const lines = Array.from({ length: 100_000 }, (_, i) =>
			JSON.stringify({ id: `r${i}`, arrivalStep: Math.floor(i / 50), promptLen: 8, outputLen: 4 })
		);
		await page.setInputFiles('#trace-file', file('big.jsonl', lines.join('\n')));
		await page.waitForFunction(() => /100,?000 requests/.test(document.querySelector('#trace-msg')?.textContent ?? ''), undefined, {
			timeout: 120_000
		});
		// The run arrives from the worker (or a message says why not).
		await page.waitForFunction(() => !document.querySelector('[data-run-loading]'), undefined, { timeout: 300_000 });
		expect(await page.locator('[role=alert]').count()).toBe(0);
		expect(errors).toEqual([]);
		await page.context().close();
	}, 600_000);
});
