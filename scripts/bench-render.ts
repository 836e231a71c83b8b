/**
 * Render bench: frames per second while the embed player plays a 4,096-block pool at full
 * speed (one engine step per frame) in headless Chromium, transitions on.
 *
 *   npx tsx scripts/bench-render.ts        (builds first if build/ is missing)
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { startApp } from '../tests/browser/harness';

export const BENCH_QUERY =
	'gpu=4096&bs=16&seqs=256&budget=8192&maxlen=2048&wl=sharegpt&reqs=400&rate=8&wmax=2048&spl=0&spf=0&show=map,stats&controls=0&bench=1';
const TARGET_FPS = 50;
const SAMPLE_MS = 8000;

export async function runRenderBench(): Promise<{ title: string; markdown: string }> {
	if (!existsSync('build/index.html')) execSync('npx vite build', { stdio: 'inherit' });
	const app = await startApp();
	try {
		const { page, errors } = await app.newPage({ width: 1366, height: 900 });
		const loadStart = Date.now();
		await page.goto(app.url(`/embed/player/?${BENCH_QUERY}`));
		await page.waitForFunction(() => Number(document.body.dataset.frames) > 0, undefined, { timeout: 120_000 });
		const loadMs = Date.now() - loadStart;
		const blocks = Number(await page.locator('canvas').first().getAttribute('data-blocks'));
		const samples: number[] = [];
		const until = Date.now() + SAMPLE_MS;
		let lastFrames = 0;
		while (Date.now() < until) {
			await page.waitForTimeout(500);
			const { fps, frames } = await page.evaluate(() => ({
				fps: Number(document.body.dataset.fps),
				frames: Number(document.body.dataset.frames)
			}));
			if (frames !== lastFrames && Number.isFinite(fps)) samples.push(fps);
			lastFrames = frames;
		}
		const steps = Number(
			await page
				.locator('.where')
				.first()
				.getAttribute('data-step')
				.catch(() => null)
		);
		const used = Number(await page.locator('canvas').first().getAttribute('data-used'));
		const sorted = [...samples].sort((a, b) => a - b);
		const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
		const p10 = sorted[Math.floor(sorted.length * 0.1)] ?? 0;
		const pass = median >= TARGET_FPS;
		const markdown = [
			`Embed player at full speed (one engine step per frame, transitions on), headless Chromium 1366×900, ${blocks} GPU blocks of 16 slots, ShareGPT-like workload of 400 requests.`,
			'',
			'| metric | value |',
			'|---|---|',
			`| median fps | **${median.toFixed(1)}** (target ≥ ${TARGET_FPS}: ${pass ? 'met' : 'NOT met'}) |`,
			`| 10th percentile fps | ${p10.toFixed(1)} |`,
			`| samples (0.5 s windows) | ${samples.length} |`,
			`| blocks in use at the end of sampling | ${used} / ${blocks} |`,
			`| page load incl. simulation + replay index | ${loadMs} ms |`,
			`| console errors | ${errors.length} |`,
			'',
			`Query: \`/embed/player/?${BENCH_QUERY}\`${Number.isFinite(steps) && steps > 0 ? ` (reached step ${steps})` : ''}`
		].join('\n');
		await page.context().close();
		return { title: `Render bench: ${median.toFixed(0)} fps at ${blocks} blocks`, markdown };
	} finally {
		await app.close();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const { title, markdown } = await runRenderBench();
	console.log(`## ${title}\n\n${markdown}`);
}
