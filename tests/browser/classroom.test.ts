/**
 * Issue 13 at a projector's 1366 × 768, in English and Chinese: a full block has no
 * empty-looking slot, no rendered text is under 14 px (also the event log, the trace import
 * and chapter 3's measurement once used), the live panels start above the fold at 125 % zoom,
 * chapter 7's hash chain fits a phone, the callouts' marks are one size in any font, the same keys do the same things on
 * /learn/N, /lab and the embed, shared blocks name every holder, the figures say "this step"
 * or "whole run", projector mode enlarges, and a finished embed offers Replay. No timing
 * assertions: every wait is for a state.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hydrated, skip, useApp } from './use-app';
import { en } from '../../src/lib/i18n/en';
import { zh } from '../../src/lib/i18n/zh';
import { CHAPTERS } from '../../src/lib/learn/chapters';

const app = useApp();

const LANGS = ['en', 'zh'] as const;
const CATALOG = { en, zh } as const;
const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

async function open(path: string, lang: string, opts: { reducedMotion?: 'reduce' | 'no-preference' } = {}) {
	const { page, errors } = await app.newPage({ width: 1366, height: 768, reducedMotion: opts.reducedMotion ?? 'reduce' });
	await page.goto(app.url(withLang(path, lang)));
	await page.waitForFunction((l) => document.documentElement.lang === (l === 'zh' ? 'zh-CN' : 'en'), lang);
	await page.waitForSelector('main');
	// The page's first run, from the worker.
	await page.waitForFunction(() => !document.querySelector('[data-run-loading]'), undefined, { timeout: 120_000 });
	return { page, errors };
}

/** Every visible text node and SVG <text> rendered under 14 px (an SVG's text at its font size times the SVG's scale on screen). */
function smallText(page: Page, within = 'body'): Promise<string[]> {
	return page.evaluate((sel) => {
		const out: string[] = [];
		for (const root of document.querySelectorAll(sel)) {
			const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const el = n.parentElement;
				if (!el || !n.textContent?.trim()) continue;
				if (el.closest('.visually-hidden, title, option, script, style')) continue;
				const r = el.getBoundingClientRect();
				const cs = getComputedStyle(el);
				if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden') continue;
				const m = el instanceof SVGGraphicsElement ? el.getScreenCTM() : null;
				const px = parseFloat(cs.fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
				if (px < 13.95)
					out.push(
						`${+px.toFixed(1)}px ${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}: ${n.textContent.trim().slice(0, 40)}`
					);
			}
		}
		return [...new Set(out)];
	}, within);
}

const stepOf = (page: Page) => page.locator('.where').first().getAttribute('data-step').then(Number);
const playing = (page: Page) => page.locator('[data-player] .play').first().getAttribute('data-playing');

describe.skipIf(skip)('classroom (issue 13)', () => {
	it.each(LANGS)('a full block renders no empty-looking slot (%s)', async (lang) => {
		const { page, errors } = await open('/lab/?step=12&bs=8', lang);
		const canvas = page.locator('canvas').first();
		await page.waitForFunction(() => !!document.querySelector('canvas')?.getAttribute('data-full-blocks'));
		const free = await page.evaluate(() => {
			const probe = document.createElement('div');
			probe.style.color = getComputedStyle(document.documentElement).getPropertyValue('--block-free');
			document.body.appendChild(probe);
			const c = getComputedStyle(probe).color;
			probe.remove();
			return c.match(/\d+/g)!.slice(0, 3).map(Number);
		});
		const result = await canvas.evaluate((el: HTMLCanvasElement) => {
			const [cols, cell, cellH, gap] = el.dataset.grid!.split(',').map(Number);
			const [sc, sr] = el.dataset.slots!.split('x').map(Number);
			const bs = Number(el.dataset.blockSize);
			const dpr = el.width / el.clientWidth;
			const ctx = el.getContext('2d')!;
			const blocks = el.dataset.fullBlocks!.split(',').map(Number);
			return {
				cellsPerBlock: sc * sr,
				bs,
				pixels: blocks.map((b) => {
					const x0 = (b % cols) * (cell + gap);
					const y0 = Math.floor(b / cols) * (cellH + gap);
					const out: number[][] = [];
					// Each slot's centre, nudged off the centre where a token id may be written.
					for (let s = 0; s < sc * sr; s++) {
						const x = x0 + ((s % sc) + 0.2) * (cell / sc);
						const y = y0 + (Math.floor(s / sc) + 0.8) * (cellH / sr);
						out.push([...ctx.getImageData(Math.floor(x * dpr), Math.floor(y * dpr), 1, 1).data].slice(0, 3));
					}
					return out;
				})
			};
		});
		expect(result.cellsPerBlock).toBe(result.bs);
		expect(result.pixels.length).toBeGreaterThan(0);
		const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) <= 6);
		for (const block of result.pixels) for (const px of block) expect(near(px, free), `slot colour ${px} looks free`).toBe(false);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	const PAGES = [
		'/lab/?step=12',
		'/compare/?step=10',
		...Array.from({ length: 10 }, (_, i) => `/learn/${i + 1}/`),
		'/embed/player/?scenario=pool-runs-out&show=map,timeline,chart,stats&step=20'
	];
	it.each(LANGS)('no rendered text under 14 px at 1366 × 768 (%s)', { timeout: 240_000 }, async (lang) => {
		const { page, errors } = await open('/', lang);
		const found: Record<string, string[]> = {};
		for (const path of PAGES) {
			await page.goto(app.url(withLang(path, lang)));
			await page.waitForSelector('main');
			await page.waitForFunction(() => document.querySelector('canvas, svg, [data-chapter]'));
			const small = await smallText(page);
			if (small.length) found[path] = small;
		}
		expect(found).toEqual({});
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it.each(LANGS)(
		'the event log, the trace import and chapter 3’s measurement have no text under 14 px once used (%s)',
		{ timeout: 300_000 },
		async (lang) => {
			const { page, errors } = await open('/lab/?step=12', lang);
			await page.waitForSelector('h1[data-lab-ready]');
			// A sample trace: the import's note, its message and the clear button show; the event log refills.
			await page.selectOption('[data-trace-sample]', 'pagedkv.jsonl');
			await page.waitForSelector('.import button');
			await page.waitForFunction(() => !!document.querySelector('#trace-msg')?.textContent?.trim());
			await page.selectOption('[data-event-log] select >> nth=0', 'scheduled');
			await page.waitForSelector('[data-event-log] li');
			const lab = await smallText(page, '.import, [data-event-log]');
			expect(await page.locator('[data-event-log] li').count()).toBeGreaterThan(0);
			expect(lab).toEqual([]);
			expect(await smallText(page)).toEqual([]);

			// Chapter 3: the note, then the progress line and the first measured row.
			await page.goto(app.url(withLang('/learn/3/', lang)));
			await page.waitForSelector('[data-measure-status="idle"]');
			await hydrated(page);
			expect(await smallText(page, '[data-measure-status]')).toEqual([]);
			await page.click('[data-measure]');
			await page.waitForSelector('[data-measure-progress]', { timeout: 280_000 });
			expect(await smallText(page, '[data-measure-status]')).toEqual([]);
			await page.waitForSelector('tr[data-context]', { timeout: 280_000 });
			expect(await smallText(page, '[data-measure-status]')).toEqual([]);
			if (await page.locator('[data-measure-stop]').count()) await page.click('[data-measure-stop]');
			expect(errors).toEqual([]);
			await page.context().close();
		}
	);

	// A projector laptop at 1366 × 768 zoomed to 125 % lays the page out in 1093 × 614 CSS pixels.
	it.each(LANGS)('at 125 % zoom every chapter’s map and timeline start above the fold (%s)', { timeout: 180_000 }, async (lang) => {
		const { page, errors } = await app.newPage({ width: 1093, height: 614, reducedMotion: 'reduce' });
		const below: string[] = [];
		const seen: string[] = [];
		for (const c of CHAPTERS) {
			await page.goto(app.url(`/learn/${c.n}/?lang=${lang}`));
			await page.waitForSelector(`[data-chapter="${c.n}"]`);
			const want = (c.panels ?? []).filter((p) => p === 'map' || p === 'timeline');
			if (!want.length) continue;
			await page.waitForSelector('[data-session-chapter] canvas, [data-session-chapter] [data-spans], [data-session-chapter] h3');
			const tops = await page.evaluate((title) => {
				const live = document.querySelector('[data-session-chapter]')!;
				const map = live.querySelector('canvas, [data-spans]');
				const timeline = [...live.querySelectorAll('h3')].find((h) => h.textContent?.trim() === title);
				return { map: map?.getBoundingClientRect().top, timeline: timeline?.getBoundingClientRect().top, fold: innerHeight };
			}, CATALOG[lang]['timeline.title']);
			for (const p of want) {
				const top = tops[p];
				expect(top, `chapter ${c.n} has no ${p}`).toBeTypeOf('number');
				seen.push(`${c.n}:${p}`);
				// Its top and at least 48 px of it on screen before any scrolling.
				if (top! + 48 > tops.fold) below.push(`chapter ${c.n} ${p} at ${Math.round(top!)} px (fold ${tops.fold})`);
			}
		}
		expect(seen).toContain('8:timeline');
		expect(seen).toContain('8:map');
		expect(below).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it.each(LANGS)('chapter 7’s hash chain fits a phone without scrolling sideways (%s)', async (lang) => {
		const { page, errors } = await app.newPage({ width: 390, height: 844, reducedMotion: 'reduce' });
		await page.goto(app.url(`/learn/7/?lang=${lang}`));
		await page.waitForSelector('[data-hash-chain] .cell');
		const m = await page.evaluate(() => {
			const chain = document.querySelector('[data-hash-chain]')!;
			const box = chain.getBoundingClientRect();
			const cells = [...chain.querySelectorAll('.cell, .label')].map((e) => e.getBoundingClientRect());
			return {
				page: document.documentElement.scrollWidth - innerWidth,
				scrollers: [...chain.querySelectorAll('*')].filter((e) => e.scrollWidth > e.clientWidth + 1).length,
				outside: cells.filter((r) => r.left < box.left - 0.5 || r.right > box.right + 0.5).length,
				cells: cells.length
			};
		});
		expect(m.cells).toBeGreaterThan(0);
		expect(m.page, 'the page scrolls sideways').toBeLessThanOrEqual(0);
		expect(m.scrollers, 'something in the chain scrolls sideways').toBe(0);
		expect(m.outside, 'cells outside the chain').toBe(0);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('the callouts’ marks are one box, whatever font draws them (a Chinese system font too)', async () => {
		const { page, errors } = await open('/learn/7/', 'zh');
		await page.waitForSelector('[data-callout="cow"] .mark');
		// Classroom machines draw Chinese pages in a CJK font, where a symbol like ◆ is full-width.
		for (const font of ['inherit', "'WenQuanYi Zen Hei'"]) {
			await page.addStyleTag({ content: `[data-callouts] li { font-family: ${font} !important }` });
			const boxes = await page.locator('[data-callouts] li[data-callout-step]:not(.none)').evaluateAll((lis) =>
				lis.map((li) => {
					const m = li.querySelector('.mark')!.getBoundingClientRect();
					const what = li.querySelector('.what')!.getBoundingClientRect();
					return { w: Math.round(m.width * 10) / 10, h: Math.round(m.height * 10) / 10, text: Math.round(what.left * 10) / 10 };
				})
			);
			expect(boxes.length, font).toBe(2);
			expect(boxes[1], font).toEqual(boxes[0]);
		}
		expect(errors).toEqual([]);
		await page.context().close();
	});

	const KEY_PAGES = ['/learn/5/', '/lab/?step=3', '/embed/player/?scenario=pool-runs-out&step=3'];
	it.each(KEY_PAGES.flatMap((p) => LANGS.map((l) => [p, l] as const)))('the key map on %s (%s)', async (path, lang) => {
		const { page, errors } = await open(path, lang);
		await page.waitForSelector('[data-player]');
		await page.locator('h1').first().click();
		const s0 = await stepOf(page);
		await page.keyboard.press('ArrowRight');
		await page.waitForFunction((s) => Number(document.querySelector('.where')?.getAttribute('data-step')) > s, s0);
		const s1 = await stepOf(page);
		await page.keyboard.press('ArrowLeft');
		await page.waitForFunction((s) => Number(document.querySelector('.where')?.getAttribute('data-step')) < s, s1);
		await page.keyboard.press(' ');
		await page.waitForFunction(() => document.querySelector('[data-player] .play')?.getAttribute('data-playing') === 'true');
		await page.keyboard.press(' ');
		await page.waitForFunction(() => document.querySelector('[data-player] .play')?.getAttribute('data-playing') === 'false');
		// With a player button focused, Space still plays/pauses (it does not press that button) and → still steps.
		const back = page.locator('[data-player] button').nth(1);
		await back.focus();
		const s2 = await stepOf(page);
		await page.keyboard.press(' ');
		await page.waitForFunction(() => document.querySelector('[data-player] .play')?.getAttribute('data-playing') === 'true');
		await page.keyboard.press(' ');
		await page.waitForFunction(() => document.querySelector('[data-player] .play')?.getAttribute('data-playing') === 'false');
		expect(await playing(page)).toBe('false');
		const s3 = await stepOf(page);
		expect(s3).toBeGreaterThanOrEqual(s2);
		await page.keyboard.press('ArrowRight');
		await page.waitForFunction((s) => Number(document.querySelector('.where')?.getAttribute('data-step')) > s, s3);
		expect(await page.locator('[data-keys-hint]').first().innerText()).toContain(lang === 'zh' ? '空格' : 'Space');
		if (path.startsWith('/learn/')) {
			expect(new URL(page.url()).pathname).toBe('/learn/5/');
			await page.keyboard.press('PageDown');
			await page.waitForSelector('[data-chapter="6"]');
			await page.keyboard.press('PageUp');
			await page.waitForSelector('[data-chapter="5"]');
		}
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it.each(LANGS)('shared blocks carry every holder, on the map and in the hover line (%s)', async (lang) => {
		const { page, errors } = await open('/learn/7/', lang);
		await page.waitForFunction(() => !!document.querySelector('canvas')?.getAttribute('data-shared'));
		const shared = (await page.locator('canvas').first().getAttribute('data-shared'))!.split(' ').map((e) => {
			const [b, who] = e.split(':');
			return { block: Number(b), holders: who.split('+') };
		});
		expect(shared.length).toBeGreaterThan(0);
		for (const s of shared) expect(s.holders.length).toBeGreaterThan(1);
		const { block, holders } = shared[0];
		const at = await page
			.locator('canvas')
			.first()
			.evaluate((el: HTMLCanvasElement, b: number) => {
				const [cols, cell, cellH, gap] = el.dataset.grid!.split(',').map(Number);
				const r = el.getBoundingClientRect();
				return { x: r.left + (b % cols) * (cell + gap) + cell / 2, y: r.top + Math.floor(b / cols) * (cellH + gap) + cellH / 2 };
			}, block);
		await page.mouse.move(at.x, at.y);
		await page.waitForFunction(
			(h) => h.every((x: string) => document.querySelector('[data-block-info]')?.textContent?.includes(x)),
			holders
		);
		const info = await page.locator('[data-block-info]').innerText();
		expect(info).toContain(CATALOG[lang]['map.sharedBy'].split('{holders}')[0].trim());
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it.each(LANGS)('every figure says whether it is this step or the whole run (%s)', async (lang) => {
		const want = lang === 'zh' ? { step: '本步', run: '整个运行' } : { step: 'This step', run: 'Whole run' };
		for (const path of ['/lab/?step=12', '/learn/8/', '/embed/player/?scenario=pool-runs-out&step=5']) {
			const { page, errors } = await open(path, lang);
			await page.waitForSelector('[data-stat]');
			const scopes = await page.locator('[data-stat]').evaluateAll((els) =>
				els.map((e) => {
					const g = e.closest('[data-scope]');
					return {
						stat: e.getAttribute('data-stat'),
						scope: g?.getAttribute('data-scope'),
						head: g?.querySelector('h3')?.textContent ?? ''
					};
				})
			);
			for (const s of scopes) {
				expect(s.scope, `${path} ${s.stat}`).toMatch(/^(step|run)$/);
				expect(s.head, `${path} ${s.stat}`).toContain(s.scope === 'step' ? want.step : want.run);
			}
			// The preemptions count is the whole run's, never under "this step".
			expect(scopes.find((s) => s.stat === 'preemptions')?.scope).toBe('run');
			expect(scopes.find((s) => s.stat === 'kvUsage')?.scope).toBe('step');
			expect(errors).toEqual([]);
			await page.context().close();
		}
	});

	it('projector mode enlarges the text, from the URL and from the header switch', async () => {
		const { page } = await open('/lab/?step=3', 'en');
		const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('dt')!).fontSize));
		await page.waitForSelector('dt');
		const normal = await size();
		expect(normal).toBeGreaterThanOrEqual(14);
		await page.click('[data-projector-toggle]');
		await page.waitForFunction(() => document.documentElement.hasAttribute('data-projector'));
		expect(await size()).toBeGreaterThan(normal);
		expect(new URL(page.url()).searchParams.get('projector')).toBe('1');
		await page.goto(app.url('/learn/8/?projector=1&lang=zh'));
		await page.waitForFunction(() => document.documentElement.hasAttribute('data-projector'));
		await page.click('[data-projector-toggle]');
		await page.waitForFunction(() => !document.documentElement.hasAttribute('data-projector'));
		await page.context().close();
	});

	it.each(LANGS)('a finished embed offers Replay, which plays again (%s)', async (lang) => {
		const { page, errors } = await open('/embed/player/?scenario=pool-runs-out&step=100000', lang);
		await page.waitForSelector('[data-replay]');
		expect(await page.locator('[data-finished]').innerText()).toContain(CATALOG[lang]['embed.replay']);
		await page.click('[data-replay]');
		await page.waitForFunction(() => !document.querySelector('[data-replay]'));
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('embeds fit the documented iframe heights and never scroll sideways on a phone', async () => {
		// docs/embed.md: the snippets' heights, at a blog column (720 px) and on a phone (390 px).
		const cases = [
			['/embed/player/?scenario=prefix-chat&show=map,timeline,stats&step=100000', 1060],
			['/embed/player/?scenario=pool-runs-out&show=map,timeline,chart&step=100000', 880],
			['/embed/player/?scenario=beam-search&zoom=56&show=map,stats&step=100000', 960]
		] as const;
		for (const [path, height] of cases) {
			for (const width of [720, 390]) {
				const { page } = await app.newPage({ width, height, reducedMotion: 'reduce' });
				await page.goto(app.url(path));
				// Pinned at the end: the tallest state (the Replay bar shows).
				await page.waitForSelector('[data-replay]');
				const m = await page.evaluate(() => ({
					h: Math.ceil(document.querySelector('main')!.getBoundingClientRect().height),
					over: document.documentElement.scrollWidth - innerWidth
				}));
				expect(m.over, `${path} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
				if (width === 720) expect(m.h, `${path} at ${width}px`).toBeLessThanOrEqual(height);
				await page.context().close();
			}
		}
	});
});
