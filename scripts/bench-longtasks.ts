/**
 * Main-thread long tasks while the real model works in the browser: /model generating
 * (three prompts, the "batch" preset, default pacing) and chapter 3 measuring decode speed,
 * in headless Chromium against the built site. A PerformanceObserver for 'longtask' records
 * every task over 50 ms from the click to the end; the report gives the longest, how many
 * passed 200 ms, the backend the worker chose (and the timings it chose by), and any
 * request that left our own origin.
 *
 *   npx vite build && npx tsx scripts/bench-longtasks.ts
 *
 * `runLongTaskBench()` returns a {title, markdown} section like the other benches, so
 * scripts/bench.ts can call it.
 */
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { startApp } from '../tests/browser/harness';

interface Figures {
	scenario: string;
	seconds: number;
	longest: number;
	over50: number;
	over200: number;
	backend: string;
	note: string;
}

const OBSERVE = () => {
	const w = window as unknown as { __long: { start: number; duration: number }[] };
	w.__long = [];
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
	}).observe({ type: 'longtask', buffered: true });
};

async function tasksSince(page: Page, t0: number): Promise<number[]> {
	return page.evaluate(
		(t) =>
			(window as unknown as { __long: { start: number; duration: number }[] }).__long.filter((e) => e.start >= t).map((e) => e.duration),
		t0
	);
}

const summarise = (scenario: string, seconds: number, tasks: number[], backend: string, note: string): Figures => ({
	scenario,
	seconds,
	longest: Math.max(0, ...tasks),
	over50: tasks.length,
	over200: tasks.filter((d) => d > 200).length,
	backend,
	note
});

/** Run one scenario; a page that crashes (a loaded machine can kill a renderer) is reported as such. */
async function guarded(rows: Figures[], scenario: string, run: () => Promise<void>): Promise<void> {
	try {
		await run();
	} catch (e) {
		rows.push({
			scenario,
			seconds: NaN,
			longest: NaN,
			over50: NaN,
			over200: NaN,
			backend: '?',
			note: `failed: ${(e as Error).message.split('\n')[0]}`
		});
	}
}

export async function measureLongTasks(): Promise<{ rows: Figures[]; foreign: string[] }> {
	if (!existsSync('build/index.html')) execSync('npx vite build', { stdio: 'inherit' });
	const app = await startApp();
	const origin = new URL(app.url('/')).origin;
	const foreign: string[] = [];
	const rows: Figures[] = [];
	try {
		for (const lang of ['en'] as const)
			await guarded(rows, '/model generates', async () => {
				const { page } = await app.newPage({ reducedMotion: 'reduce' });
				page.on('request', (r) => {
					if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
				});
				await page.addInitScript(OBSERVE);

				await page.goto(app.url(`/model/?lang=${lang}`));
				await page.waitForSelector('[data-generate]');
				await page.waitForFunction(() => document.documentElement.dataset.theme !== undefined);
				await page.click('[data-preset="batch"]');
				const t0 = await page.evaluate(() => performance.now());
				const wall = Date.now();
				await page.click('[data-generate]');
				await page.waitForSelector('.page[data-status="done"], .page[data-status="failed"]', { timeout: 600_000 });
				const status = await page.locator('.page').getAttribute('data-status');
				const backend =
					(await page
						.locator('[data-stat="backend"] dd')
						.innerText()
						.catch(() => '?')) || '?';
				const timings =
					(await page
						.locator('[data-stat="backend"]')
						.getAttribute('title')
						.catch(() => '')) ?? '';
				rows.push(
					summarise(
						'/model generates (batch preset: 3 prompts × 40 tokens, including the backend choice and the weights download)',
						(Date.now() - wall) / 1000,
						await tasksSince(page, t0),
						backend,
						status === 'done' ? timings : `run ${status}`
					)
				);

				await page.context().close();
			});
		for (const lang of ['en'] as const)
			await guarded(rows, 'chapter 3 measures', async () => {
				const { page } = await app.newPage({ reducedMotion: 'reduce' });
				page.on('request', (r) => {
					if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
				});
				await page.addInitScript(OBSERVE);
				await page.goto(app.url(`/learn/3/?lang=${lang}`));
				await page.waitForSelector('[data-measure]');
				await page.waitForFunction(() => document.documentElement.dataset.theme !== undefined);
				const t0 = await page.evaluate(() => performance.now());
				const wall = Date.now();
				await page.click('[data-measure]');
				await page.waitForSelector('[data-measure-status="done"], [data-measure-status="failed"]', { timeout: 600_000 });
				const m = await page.locator('[data-measure-status]').getAttribute('data-measure-status');
				const unit = m === 'done' ? await page.locator('.unit').innerText() : `measure ${m}`;
				rows.push(
					summarise(
						'chapter 3 measures (contexts 32, 128, 256; 8 decode steps; 2 rounds; including model download)',
						(Date.now() - wall) / 1000,
						await tasksSince(page, t0),
						unit.match(/on (\w+)/)?.[1] ?? '?',
						unit
					)
				);
				await page.context().close();
			});
	} finally {
		await app.close();
	}
	return { rows, foreign };
}

export async function runLongTaskBench(): Promise<{ title: string; markdown: string }> {
	const { rows, foreign } = await measureLongTasks();
	const markdown = [
		'Headless Chromium on this machine, the built site, a PerformanceObserver for `longtask` (tasks over 50 ms) from the click until the run ends. The model runs in a Web Worker; the backend is the one the worker measured fastest.',
		'',
		'| while | wall s | longest main-thread task (ms) | tasks > 50 ms | tasks > 200 ms | backend |',
		'|---|---:|---:|---:|---:|---|',
		...rows.map((r) => `| ${r.scenario} | ${r.seconds.toFixed(1)} | ${r.longest.toFixed(0)} | ${r.over50} | ${r.over200} | ${r.backend} |`),
		'',
		...rows.filter((r) => r.note).map((r) => `- ${r.scenario.split(' (')[0]}: ${r.note}`),
		`- Requests to other origins: ${foreign.length ? foreign.join(', ') : 'none'} (the wasm binaries are served from the site's own assets).`
	].join('\n');
	return { title: 'Real model in the browser: main-thread long tasks (/model, chapter 3)', markdown };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	runLongTaskBench().then(({ title, markdown }) => console.log(`## ${title}\n\n${markdown}`));
}
