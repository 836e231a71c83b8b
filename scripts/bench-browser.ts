/**
 * Browser bench, the browser half of issue 9's "pages" figures: in headless Chromium against
 * the built site,
 *   - every page's HTML size in build/;
 *   - the longest main-thread task (PerformanceObserver 'longtask') and the longest gap
 *     between animation frames while /learn/9 and /compare load, and while a 10,000-request
 *     run on a 32,768-block pool loads in /lab (until its pool map shows that pool);
 *   - the pool map's frame rate at 32,768 blocks while the embed player plays at full speed
 *     (one engine step a frame), and the longest task meanwhile.
 *
 *   npx vite build && npx tsx scripts/bench-browser.ts          prints the section
 *   npx tsx scripts/bench-browser.ts --write                     also puts it in docs/performance.md
 *
 * `runBrowserBench()` returns a {title, markdown} section like the other benches (scripts/bench.ts).
 * --write replaces this section in docs/performance.md (or appends it), with its own date and
 * machine lines, and leaves the other sections as they are.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { BUILD_DIR, startApp, type App } from '../tests/browser/harness';

export const TITLE = 'Pages in the browser: HTML size, main-thread long tasks, pool map frame rate';
const HTML_LIMIT = 300 * 1024;
const TASK_LIMIT_MS = 200;
const FPS_TARGET = 50;
/** A 10,000-request ShareGPT-like run on a 32,768-block pool (URL keys from the parameter schema). */
export const LAB_QUERY = 'gpu=32768&bs=16&seqs=256&budget=8192&maxlen=2048&wl=sharegpt&reqs=10000&rate=8&wmax=2048&spl=0&spf=0&step=0';
export const FPS_QUERY =
	'gpu=32768&bs=16&seqs=256&budget=8192&maxlen=2048&wl=sharegpt&reqs=1000&rate=8&wmax=2048&spl=0&spf=0&show=map,stats&controls=0&bench=1';
const SAMPLE_MS = 8000;

/**
 * Installed before any page script: long tasks and animation-frame gaps from navigation on.
 * A string, not a function: tsx wraps named functions in a `__name` helper the page lacks.
 */
const OBSERVE = `(() => {
	window.__long = [];
	window.__starts = [];
	window.__gaps = [];
	window.__dcl = Infinity;
	document.addEventListener('DOMContentLoaded', () => { window.__dcl = performance.now(); });
	try {
		new PerformanceObserver((list) => { for (const e of list.getEntries()) { window.__long.push(e.duration); window.__starts.push(e.startTime); } }).observe({ type: 'longtask', buffered: true });
	} catch {}
	let last = 0;
	const tick = (now) => {
		if (last) window.__gaps.push(now - last);
		last = now;
		requestAnimationFrame(tick);
	};
	requestAnimationFrame(tick);
})();`;

interface Load {
	scenario: string;
	seconds: number;
	longest: number;
	/** The longest task of each visit. */
	longests: number[];
	/** The longest task that began before DOMContentLoaded (the browser parsing and laying out the prerendered page, before the app's modules run), per visit. */
	early: number[];
	over200: number;
	gap: number;
	note: string;
}

async function observed(page: Page): Promise<{ longest: number; early: number; over200: number; gap: number }> {
	return page.evaluate((limit) => {
		const w = window as unknown as { __long: number[]; __starts: number[]; __gaps: number[]; __dcl: number };
		const early = w.__long.filter((_, i) => w.__starts[i] < w.__dcl);
		return {
			longest: Math.max(0, ...w.__long),
			early: Math.max(0, ...early),
			over200: w.__long.filter((d) => d > limit).length,
			gap: Math.max(0, ...w.__gaps)
		};
	}, TASK_LIMIT_MS);
}
const resetObserved = (page: Page) =>
	page.evaluate(() => {
		const w = window as unknown as { __long: number[]; __gaps: number[] };
		w.__long = [];
		w.__gaps = [];
	});

/** Load `path`, wait for `ready`, then 2 s more (hydration's and the first run's tail), and read the figures. */
/** Visits per page load: each in a fresh browser context (a first visit: no caches), so the spread shows. */
const VISITS = 3;

/** A load measured VISITS times: the longest task of each visit, and the worst of the other figures. */
async function measureLoad(...args: Parameters<typeof visit>): Promise<Load> {
	const visits: Load[] = [];
	for (let v = 0; v < VISITS; v++) visits.push(await visit(...args));
	return {
		scenario: args[1],
		seconds: Math.max(...visits.map((l) => l.seconds)),
		longest: Math.max(...visits.map((l) => l.longest)),
		longests: visits.map((l) => l.longest),
		early: visits.map((l) => l.early[0]),
		over200: visits.reduce((n, l) => n + l.over200, 0),
		gap: Math.max(...visits.map((l) => l.gap)),
		note: visits[visits.length - 1].note
	};
}

async function visit(
	app: App,
	scenario: string,
	path: string,
	ready: (page: Page) => Promise<unknown>,
	note: (page: Page) => Promise<string>
): Promise<Load> {
	const { page, errors } = await app.newPage({ width: 1366, height: 768 });
	await page.addInitScript({ content: OBSERVE });
	const t0 = Date.now();
	await page.goto(app.url(path), { timeout: 300_000 });
	await ready(page);
	const seconds = (Date.now() - t0) / 1000;
	await page.waitForTimeout(2000);
	const f = await observed(page);
	const n = await note(page);
	await page.context().close();
	return {
		scenario,
		seconds,
		longests: [f.longest],
		...f,
		early: [f.early],
		note: [n, errors.length ? `${errors.length} console errors: ${errors[0].slice(0, 120)}` : ''].filter(Boolean).join('; ')
	};
}

async function measureFps(
	app: App
): Promise<{ median: number; p10: number; samples: number; blocks: number; used: number; longest: number; gap: number; errors: number }> {
	const { page, errors } = await app.newPage({ width: 1366, height: 900 });
	await page.addInitScript({ content: OBSERVE });
	await page.goto(app.url(`/embed/player/?${FPS_QUERY}`), { timeout: 300_000 });
	await page.waitForSelector('[data-pool-map] canvas[data-blocks="32768"]', { timeout: 300_000 });
	// The run itself (until it arrives from the worker the map shows the empty pool of its settings).
	await page.waitForFunction(() => !document.querySelector('[data-run-loading]'), undefined, { timeout: 300_000 });
	await page.waitForFunction(() => Number(document.body.dataset.frames) > 0, undefined, { timeout: 300_000 });
	await page.waitForTimeout(1000);
	await resetObserved(page);
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
	const canvas = page.locator('[data-pool-map] canvas').first();
	const blocks = Number(await canvas.getAttribute('data-blocks'));
	const used = Number(await canvas.getAttribute('data-used'));
	const f = await observed(page);
	await page.context().close();
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		median: sorted[Math.floor(sorted.length / 2)] ?? 0,
		p10: sorted[Math.floor(sorted.length * 0.1)] ?? 0,
		samples: samples.length,
		blocks,
		used,
		longest: f.longest,
		gap: f.gap,
		errors: errors.length
	};
}

function htmlSizes(dir = BUILD_DIR): { page: string; bytes: number }[] {
	const walk = (d: string): string[] =>
		readdirSync(d, { withFileTypes: true }).flatMap((e) =>
			e.isDirectory() ? (e.name === '_app' ? [] : walk(join(d, e.name))) : e.name.endsWith('.html') ? [join(d, e.name)] : []
		);
	return walk(dir)
		.map((f) => ({ page: relative(dir, f), bytes: statSync(f).size }))
		.sort((a, b) => b.bytes - a.bytes);
}

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const ms = (x: number) => x.toFixed(0);
const commit = () => {
	try {
		return execSync('git log -1 --format="%h %s"', { encoding: 'utf8' }).trim().slice(0, 100);
	} catch {
		return 'unknown commit';
	}
};

export async function runBrowserBench(): Promise<{ title: string; markdown: string }> {
	if (!existsSync(join(BUILD_DIR, 'index.html'))) execSync('npx vite build', { stdio: 'inherit' });
	const sizes = htmlSizes();
	const app = await startApp();
	const loads: Load[] = [];
	let fps: Awaited<ReturnType<typeof measureFps>> | null = null;
	let fpsError = '';
	try {
		const settled = (sel: string) => (page: Page) => page.waitForSelector(sel, { timeout: 300_000 });
		// Ready once chapter 9's three runs are in its table (prerendered before issue 9's worker runs, from the worker since).
		loads.push(
			await measureLoad(app, '/learn/9 loads', '/learn/9/', settled('[data-compare-table] tbody tr:nth-child(3)'), async () => '')
		);
		loads.push(await measureLoad(app, '/compare loads', '/compare/', settled('main canvas'), async () => ''));
		loads.push(
			await measureLoad(
				app,
				'/lab loads a 10,000-request run on a 32,768-block pool',
				`/lab/?${LAB_QUERY}`,
				(page) =>
					page.waitForFunction(
						() => {
							const c = document.querySelector('[data-pool-map] canvas[data-blocks="32768"]');
							const length = Number(
								document
									.querySelector('.where')
									?.textContent?.match(/\/\s*([\d,]+)/)?.[1]
									?.replace(/,/g, '') ?? 0
							);
							return !!c && !document.querySelector('[role="progressbar"]') && length > 100_000;
						},
						undefined,
						{ timeout: 600_000, polling: 500 }
					),
				async (page) => `ready: ${(await page.locator('.where').first().innerText()).replace(/\s+/g, ' ')}`
			)
		);
		try {
			fps = await measureFps(app);
		} catch (e) {
			fpsError = (e as Error).message.split('\n')[0];
		}
	} finally {
		await app.close();
	}
	const biggest = sizes[0];
	const overHtml = sizes.filter((s) => s.bytes > HTML_LIMIT);
	const markdown = [
		...machine(),
		'',
		`Headless Chromium on this machine (1366×768, software rendering), the built site at commit \`${commit()}\`. A PerformanceObserver for \`longtask\` (tasks over 50 ms) and a requestAnimationFrame loop are installed before the page's own scripts; figures run from navigation until the page is ready plus 2 s. Targets (issue 9): no task over ${TASK_LIMIT_MS} ms, every page's HTML ≤ 300 KB, the map ≥ ${FPS_TARGET} fps at 32,768 blocks.`,
		'',
		`**HTML size** (build/): largest \`${biggest?.page}\` ${kb(biggest?.bytes ?? 0)}; ${overHtml.length ? `over 300 KB: ${overHtml.map((s) => `${s.page} ${kb(s.bytes)}`).join(', ')}` : 'every page ≤ 300 KB (target met)'}.`,
		'',
		'| page | HTML |',
		'|---|---:|',
		...sizes.slice(0, 8).map((s) => `| ${s.page} | ${kb(s.bytes)} |`),
		'',
		`Each load is ${VISITS} first visits (a fresh browser context each: no HTTP or code cache); the longest task of each visit is listed, and the other columns give the worst visit. **Before the page's scripts**: the longest task that began before DOMContentLoaded: the browser parsing the prerendered page and laying it out for the first time, before the app hydrates (a Chromium trace puts most of a first layout in font lookups over the renderer's sandbox IPC, one per font size and weight).`,
		'',
		'| while | ready after s | longest task per visit (ms) | of which before the page’s scripts (ms) | tasks > 200 ms | longest frame gap (ms) | note |',
		'|---|---:|---:|---:|---:|---:|---|',
		...loads.map(
			(l) =>
				`| ${l.scenario} | ${l.seconds.toFixed(1)} | ${l.longests.map(ms).join(' / ')}${l.longest > TASK_LIMIT_MS ? ' (over target)' : ''} | ${l.early.map(ms).join(' / ')} | ${l.over200} | ${ms(l.gap)} | ${l.note.replace(/\|/g, '/')} |`
		),
		'',
		fps
			? [
					`**Pool map at ${fps.blocks.toLocaleString('en-US')} blocks while playing** (embed player, one engine step a frame, ShareGPT-like 1,000 requests, ${fps.used} blocks in use at the end): median **${fps.median.toFixed(1)} fps** (target ≥ ${FPS_TARGET}: ${fps.median >= FPS_TARGET ? 'met' : 'NOT met'}), 10th percentile ${fps.p10.toFixed(1)} fps over ${fps.samples} half-second windows; longest task while playing ${ms(fps.longest)} ms, longest frame gap ${ms(fps.gap)} ms; console errors ${fps.errors}.`,
					'',
					`Queries: \`/lab/?${LAB_QUERY}\`, \`/embed/player/?${FPS_QUERY}\`.`
				].join('\n')
			: `**Pool map frame rate**: failed (${fpsError}).`
	].join('\n');
	const worst = Math.max(...loads.map((l) => l.longest));
	return { title: `${TITLE}`, markdown: `${markdown}\n\nLongest task over the loads: ${ms(worst)} ms.` };
}

function machine(): string[] {
	const cpu = cpus();
	let browser = 'not available';
	try {
		browser = execSync('/usr/bin/chromium --version', { encoding: 'utf8', timeout: 20_000 }).trim();
	} catch {
		/* keep "not available" */
	}
	return [
		`- Date: ${new Date().toISOString()}`,
		`- Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${platform()} ${release()}; Node ${process.version}; ${browser}`
	];
}

/** Replace (or append) this section of docs/performance.md; the other sections stay as they are. */
export function writeSection(section: { title: string; markdown: string }, file = 'docs/performance.md'): void {
	const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
	const body = `## ${section.title}\n\n${section.markdown}\n`;
	const start = doc.indexOf(`## ${TITLE}`);
	let next = start < 0 ? -1 : doc.indexOf('\n## ', start + 3);
	if (next >= 0) next += 1;
	const out = start < 0 ? `${doc.trimEnd()}\n\n${body}` : doc.slice(0, start) + body + (next >= 0 ? `\n${doc.slice(next)}` : '');
	const tmp = `${file}.${process.pid}.tmp`;
	writeFileSync(tmp, out);
	renameSync(tmp, file);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const section = await runBrowserBench();
	console.log(`## ${section.title}\n\n${section.markdown}`);
	if (process.argv.includes('--write')) {
		writeSection(section);
		console.log('\nwrote docs/performance.md');
	}
}
