/**
 * /learn in a real browser: every chapter in both languages renders with no console errors
 * and no missing-translation sentinel, next/back and the arrow keys move chapters, the
 * language toggle switches text and the URL, the KV-cache chapter's picture shows the real
 * model's K and V (checked against the same trace computed in Node), and the chapter measures
 * the real model (a number appears; its size is not checked).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hydrated, skip, useApp } from './use-app';
import { en } from '../../src/lib/i18n/en';
import { zh } from '../../src/lib/i18n/zh';
import { CHAPTERS } from '../../src/lib/learn/chapters';
import { answerVars } from '../../src/lib/learn/answers';
import { calloutsFor } from '../../src/lib/learn/callouts';
import { generateWorkload } from '../../src/lib/workload/workload';
import { KV_PROMPT, KV_SHOWN } from '../../src/lib/learn/kv-steps';
import { kvTraceOfText } from '../../src/lib/model/kv-trace';
import { disposeWeights } from '../../src/lib/model/params';
import { loadShippedModel } from '../../scripts/model-node';
import { setupBackend } from '../model/helpers';

const app = useApp();

const CATALOG = { en, zh } as const;
const chapterOf = (page: Page) => page.locator('[data-chapter]').getAttribute('data-chapter').then(Number);
/** Chapter `n` on screen, hydrated: its buttons and keys work. */
const waitChapter = async (page: Page, n: number) => {
	await page.waitForSelector(`[data-chapter="${n}"]`);
	await hydrated(page);
};

describe.skipIf(skip)('/learn', () => {
	it.each(['en', 'zh'] as const)('every chapter renders in %s, with its answer, no errors and no missing keys', async (lang) => {
		const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
		const cat = CATALOG[lang];
		for (let n = 1; n <= 10; n++) {
			await page.goto(app.url(`/learn/${n}/?lang=${lang}`));
			await waitChapter(page, n);
			await page.waitForFunction(
				(title) => document.querySelector('h1')?.textContent?.includes(title),
				cat[`learn.c${n}.title` as keyof typeof en]
			);
			await page.click('[data-reveal]');
			await page.waitForSelector('[data-answer]');
			const body = await page.locator('body').innerText();
			expect(body, `chapter ${n}`).not.toContain('⟦');
			expect(await page.locator('[data-answer]').innerText(), `chapter ${n} answer`).not.toMatch(/\{\w+\}/);
			expect(body).toContain(cat[`learn.c${n}.q` as keyof typeof en]);
			if (lang === 'zh') expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
		}
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it.each(['/', '/lab/', '/compare/', '/embed/player/?scenario=pool-runs-out&show=map,timeline,chart,stats', '/learn/'])(
		'%s renders in Chinese with no missing keys or errors',
		async (path) => {
			const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
			await page.goto(app.url(`${path}${path.includes('?') ? '&' : '?'}lang=zh`));
			await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
			await page.waitForSelector('h1');
			const body = await page.locator('body').innerText();
			expect(body).not.toContain('⟦');
			expect(body).toMatch(/[\u4e00-\u9fff]/);
			if (path.startsWith('/embed')) expect(await page.locator('h1').innerText()).toBe(zh['scenario.pool-runs-out.title']);
			expect(errors).toEqual([]);
			await page.context().close();
		}
	);

	it('next/back buttons and PageDown/PageUp move between chapters (← → step the player, as everywhere)', async () => {
		const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
		await page.goto(app.url('/learn/3/?lang=en'));
		await waitChapter(page, 3);
		await page.click('[data-next]');
		await waitChapter(page, 4);
		expect(new URL(page.url()).pathname).toBe('/learn/4/');
		await page.locator('h1').click();
		await page.keyboard.press('PageDown');
		await waitChapter(page, 5);
		await page.keyboard.press('PageUp');
		await waitChapter(page, 4);
		await page.click('[data-back]');
		await waitChapter(page, 3);
		expect(await chapterOf(page)).toBe(3);
		expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('the language toggle switches the text and updates the URL, on /learn and /lab', async () => {
		const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
		await page.goto(app.url('/learn/2/?lang=en'));
		await waitChapter(page, 2);
		expect(await page.locator('h1').innerText()).toContain(en['learn.c2.title']);
		await page.click('[data-lang="zh"]');
		await page.waitForFunction((title) => document.querySelector('h1')?.textContent?.includes(title), zh['learn.c2.title']);
		await page.waitForFunction(() => new URL(location.href).searchParams.get('lang') === 'zh');
		expect(await page.locator('header nav').innerText()).toContain(zh['nav.learn']);
		// The language survives moving on.
		await page.click('[data-next]');
		await waitChapter(page, 3);
		expect(await page.locator('h1').innerText()).toContain(zh['learn.c3.title']);

		await page.goto(app.url('/lab/?gpu=32&step=2&lang=zh'));
		await page.waitForSelector('canvas');
		// The prerendered HTML is English; the locale from the URL applies once the page hydrates.
		await page.waitForFunction((title) => document.querySelector('h1')?.textContent === title, zh['lab.title']);
		await page.click('[data-lang="en"]');
		await page.waitForFunction((title) => document.querySelector('h1')?.textContent === title, en['lab.title']);
		await page.waitForFunction(() => new URL(location.href).searchParams.get('lang') === 'en');
		expect(new URL(page.url()).searchParams.get('gpu')).toBe('32');
		expect(await page.locator('body').innerText()).not.toContain('⟦');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('back and forward follow the language in each history entry', async () => {
		const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
		await page.goto(app.url('/learn/1/?lang=en'));
		await waitChapter(page, 1);
		await page.click('[data-next]');
		await waitChapter(page, 2);
		await page.click('[data-lang="zh"]');
		await page.waitForFunction(() => new URL(location.href).searchParams.get('lang') === 'zh');
		await page.goBack();
		await page.waitForFunction((title) => document.querySelector('h1')?.textContent?.includes(title), en['learn.c1.title']);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('defaults to the browser language; the URL wins; an unknown lang gets a notice', async () => {
		const ctx = await app.browser.newContext({ locale: 'zh-CN', reducedMotion: 'reduce' });
		const page = await ctx.newPage();
		await page.goto(app.url('/learn/1/'));
		await page.waitForFunction((title) => document.querySelector('h1')?.textContent?.includes(title), zh['learn.c1.title']);
		await page.goto(app.url('/learn/1/?lang=en'));
		await page.waitForFunction((title) => document.querySelector('h1')?.textContent?.includes(title), en['learn.c1.title']);
		await page.goto(app.url('/learn/1/?lang=fr'));
		await page.waitForSelector('[data-url-notice]');
		expect(await page.locator('[data-url-notice]').innerText()).toContain('lang=fr');
		expect(await page.locator('h1').innerText()).toContain(zh['learn.c1.title']);
		await ctx.close();
	});

	it('chapter 10 hands off to the lab with its settings and the language', async () => {
		const { page } = await app.newPage({ reducedMotion: 'reduce' });
		await page.goto(app.url('/learn/10/?lang=zh'));
		await waitChapter(page, 10);
		// The prerendered link is English; the page's language applies once it hydrates.
		await page.waitForFunction(() => document.querySelector('[data-lab-link]')?.getAttribute('href')?.includes('lang=zh'));
		const href = await page.locator('[data-lab-link]').getAttribute('href');
		const url = new URL(href!, app.url('/learn/10/'));
		expect(url.pathname).toBe('/lab/');
		expect(url.searchParams.get('lang')).toBe('zh');
		expect(url.searchParams.get('gpu')).toBe('96');
		await page.click('[data-lab-link]');
		await page.waitForSelector('canvas');
		// The prerendered HTML is English; the locale from the URL applies once the page hydrates.
		await page.waitForFunction((title) => document.querySelector('h1')?.textContent === title, zh['lab.title']);
		await page.context().close();
	});

	it.each(['en', 'zh'] as const)(
		'chapter 10 in %s: the question says grow the pool, and the answer is reached with the lab’s own GPU-blocks control',
		{ timeout: 240_000 },
		async (lang) => {
			const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
			const vars = answerVars(CHAPTERS[9]);
			const blocks = Number(vars.blocks);
			expect(blocks).toBeGreaterThan(CHAPTERS[9].config.numGpuBlocks);
			await page.goto(app.url(`/learn/10/?lang=${lang}`));
			await waitChapter(page, 10);
			await page.click('[data-reveal]');
			const answer = await page.locator('[data-answer]').innerText();
			expect(answer).toContain(String(blocks));
			expect(answer).toContain(String(vars.belowPreemptions));
			expect(await page.locator('.question').innerText()).toContain(CATALOG[lang]['learn.c10.q']);
			await page.click('[data-lab-link]');
			const slider = page.locator('#c-numGpuBlocks');
			await slider.waitFor();
			expect(Number(await slider.getAttribute('max'))).toBeGreaterThanOrEqual(blocks);
			const preemptions = () =>
				page
					.locator('[data-stat="preemptions"] dd')
					.first()
					.innerText()
					.then((s) => Number(s.replace(/\D/g, '')));
			await slider.fill(String(blocks - 1));
			await page.waitForFunction((b) => document.querySelector('canvas')?.getAttribute('data-blocks') === String(b), blocks - 1);
			await page.waitForFunction(
				(n) => Number(document.querySelector('[data-stat="preemptions"] dd')?.textContent?.replace(/\D/g, '')) === n,
				Number(vars.belowPreemptions)
			);
			await slider.fill(String(blocks));
			await page.waitForFunction((b) => document.querySelector('canvas')?.getAttribute('data-blocks') === String(b), blocks);
			await page.waitForFunction(() => document.querySelector('[data-stat="preemptions"] dd')?.textContent?.trim() === '0');
			expect(await preemptions()).toBe(0);
			expect(errors).toEqual([]);
			await page.context().close();
		}
	);

	it.each([
		[8, 'preempted'],
		[7, 'cow'],
		[7, 'prefix_hit']
	] as const)('chapter %i: the callout’s jump lands on the step of the first %s', { timeout: 120_000 }, async (n, kind) => {
		const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
		await page.goto(app.url(`/learn/${n}/?lang=en`));
		await waitChapter(page, n);
		const c = CHAPTERS[n - 1];
		const [want] = calloutsFor(c.config, generateWorkload({ ...c.workload }), [kind]);
		expect(want).not.toBeNull();
		if (kind === 'preempted') expect(want).toMatchObject({ req: answerVars(c).req, step: answerVars(c).step });
		const item = page.locator(`[data-callout="${kind}"]`);
		expect(Number(await item.getAttribute('data-callout-step'))).toBe(want!.step);
		await page.click(`[data-jump="${kind}"]`);
		await page.waitForSelector(`[data-callout="${kind}"][data-here="true"]`);
		expect(Number(await page.locator('[data-session-chapter] .where').first().getAttribute('data-step'))).toBe(want!.step);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('chapter 9 draws static and continuous batching from the engine, Orca credited', { timeout: 120_000 }, async () => {
		const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
		await page.goto(app.url('/learn/9/?lang=en'));
		await waitChapter(page, 9);
		const end = (mode: string) => page.locator(`[data-batch-mode="${mode}"]`).getAttribute('data-batch-end').then(Number);
		const [stat, orca, paged] = [await end('static'), await end('orca'), await end('paged')];
		expect(stat).toBeGreaterThan(orca);
		expect(orca).toBeGreaterThan(paged);
		expect(await page.locator('[data-batch-mode="static"] .req').count()).toBe(8);
		expect(await page.locator('[data-batch-mode="orca"] .req').count()).toBe(8);
		expect(await page.locator('body').innerText()).toContain('Orca (OSDI ’22)');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it.each(['en', 'zh'] as const)(
		'chapter 8’s paper-vs-v1 section in %s runs both rule sets in lockstep',
		{ timeout: 120_000 },
		async (lang) => {
			const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
			await page.goto(app.url(`/learn/8/?lang=${lang}`));
			await waitChapter(page, 8);
			const section = page.locator('[data-paper-v1]');
			expect(await section.locator('h2').innerText()).toBe(CATALOG[lang]['learn.v1.title']);
			for (const sem of ['paper', 'v1']) expect(await section.locator(`[data-semantics="${sem}"] canvas`).count()).toBeGreaterThan(0);
			const figure = (sem: string, key: string) => section.locator(`[data-semantics="${sem}"] [data-figure="${key}"] dd`).innerText();
			expect(Number(await figure('paper', 'cow'))).toBeGreaterThan(0);
			expect(await figure('v1', 'cow')).toBe('0');
			expect(await figure('paper', 'preemptions')).toContain('swap');
			expect(await figure('v1', 'preemptions')).toContain('recompute');
			expect(await figure('v1', 'cpu')).toBe(CATALOG[lang]['learn.v1.none']);
			const text = await section.innerText();
			expect(text).toContain('#18115');
			expect(text).toContain('#10980');
			const steps = () => section.locator('[data-semantics]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-step'))));
			const before = await steps();
			await section.locator('.player button').nth(3).click();
			await page.waitForFunction(
				(s) => [...document.querySelectorAll('[data-paper-v1] [data-semantics]')].every((e) => Number(e.getAttribute('data-step')) === s),
				before[0] + 1
			);
			expect(errors).toEqual([]);
			await page.context().close();
		}
	);

	it('the new pictures’ own text is at least 14 px at 1366×768', { timeout: 180_000 }, async () => {
		const { page } = await app.newPage({ width: 1366, height: 768, reducedMotion: 'reduce' });
		const sel =
			'[data-kv-anim], [data-hash-chain], [data-batch-lanes], [data-callouts], [data-paper-v1] > h2, [data-paper-v1] > .text, [data-paper-v1] dl, [data-paper-v1] h3';
		for (const n of [3, 7, 8, 9]) {
			await page.goto(app.url(`/learn/${n}/?lang=zh`));
			await waitChapter(page, n);
			// The pictures drawn from the chapter's runs (they come from the worker).
			await page.waitForFunction(() => !document.querySelector('[data-run-loading], [data-run-pending]'), undefined, { timeout: 120_000 });
			if (n === 3) await page.waitForSelector('[data-kv-real="ready"]', { timeout: 240_000 }); // the model's numbers and their readout too
			const small = await page.locator(sel).evaluateAll((roots) => {
				const out: string[] = [];
				for (const root of roots)
					for (const el of [root, ...root.querySelectorAll('*')]) {
						const own = [...el.childNodes].some((c) => c.nodeType === 3 && c.textContent!.trim());
						const px = parseFloat(getComputedStyle(el).fontSize);
						if (own && px < 14) out.push(`${el.tagName} ${px}px “${el.textContent!.trim().slice(0, 20)}”`);
					}
				return out;
			});
			expect(small, `chapter ${n}`).toEqual([]);
		}
		await page.context().close();
	});

	it('chapter 6: a bigger block size keeps the memory (64 blocks of 8 become 16 of 32)', { timeout: 120_000 }, async () => {
		const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
		await page.goto(app.url('/learn/6/?lang=en'));
		await waitChapter(page, 6);
		await page.waitForFunction(() => document.querySelector('canvas')?.getAttribute('data-blocks') === '64');
		await page.selectOption('#c-blockSize', '32');
		await page.waitForFunction(() => document.querySelector('canvas')?.getAttribute('data-blocks') === '16');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('chapter 3: the cache picture steps with the one key map and counts what each way computes', { timeout: 120_000 }, async () => {
		const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
		await page.goto(app.url('/learn/3/?lang=en'));
		await waitChapter(page, 3);
		const anim = page.locator('[data-kv-anim]');
		const step = () => anim.getAttribute('data-step').then(Number);
		const s0 = await step();
		await page.locator('h1').click();
		await page.keyboard.press('ArrowRight');
		await page.waitForFunction((s) => Number(document.querySelector('[data-kv-anim]')?.getAttribute('data-step')) === s + 1, s0);
		expect(Number(await anim.locator('[data-kv-way="with"]').getAttribute('data-computed'))).toBe(1);
		expect(Number(await anim.locator('[data-kv-way="without"]').getAttribute('data-computed'))).toBe(6 + s0 + 1);
		expect(await chapterOf(page)).toBe(3);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it(
		'chapter 3: once the model loads, the picture shows its own K and V (the forward pass’s numbers) and the cached way computes 1 row per step',
		{ timeout: 300_000 },
		async () => {
			await setupBackend();
			const loaded = await loadShippedModel('kjv');
			const text = en['learn.kv.text'];
			const node = kvTraceOfText(loaded, text, KV_SHOWN);
			disposeWeights(loaded.model.weights);
			const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
			await page.goto(app.url('/learn/3/?lang=en'));
			await waitChapter(page, 3);
			const anim = page.locator('[data-kv-anim]');
			await page.waitForSelector('[data-kv-real="ready"], [data-kv-real="failed"]', { timeout: 240_000 });
			const failure = (await page.locator('[data-kv-failed]').count()) ? await page.locator('[data-kv-failed]').innerText() : '';
			expect(failure).toBe('');
			await page.locator('h1').click();
			await page.keyboard.press('Home');
			await page.waitForFunction(() => document.querySelector('[data-kv-anim]')?.getAttribute('data-step') === '0');
			const computed = (way: string) => anim.locator(`[data-kv-way="${way}"]`).getAttribute('data-computed').then(Number);
			expect([await computed('without'), await computed('with')]).toEqual([KV_PROMPT, KV_PROMPT]);
			const last = [...text].length - KV_PROMPT;
			for (let step = 1; step <= last; step++) {
				await page.keyboard.press('ArrowRight');
				await page.waitForFunction((s) => document.querySelector('[data-kv-anim]')?.getAttribute('data-step') === String(s), step);
				expect(await computed('with'), `step ${step}`).toBe(1);
				expect(await computed('without'), `step ${step}`).toBe(KV_PROMPT + step);
				// The cached way's earlier cells are drawn as read (K and V rows), its newest as computed.
				expect(await anim.locator('[data-kv-way="with"] [data-kv-cell="read"]').count()).toBe(2 * (KV_PROMPT + step - 1));
			}
			// The readout (the newest position at the last step): the numbers the forward pass gives in Node, both ways.
			const rows: Record<string, number[]> = await anim
				.locator('[data-kv-row]')
				.evaluateAll((els) =>
					Object.fromEntries(
						els.map((r) => [
							r.getAttribute('data-kv-row'),
							[...r.querySelectorAll('[data-kv-num]')].map((e) => Number(e.getAttribute('data-kv-num')))
						])
					)
				);
			const want = node.steps.at(-1)!;
			const p = want.n - 1;
			expect(Number(await anim.locator('[data-kv-readout]').getAttribute('data-kv-position'))).toBe(p);
			for (const kv of ['k', 'v'] as const)
				for (const way of ['without', 'with'] as const) {
					const got = rows[`${kv}-${way}`];
					expect(got, `${kv}-${way}`).toHaveLength(KV_SHOWN.dims);
					got.forEach((x, d) => expect(Math.abs(x - want.without[kv][p][d]), `${kv}-${way} dim ${d}`).toBeLessThan(1e-3));
				}
			expect(Math.max(...rows['k-with'].map(Math.abs))).toBeGreaterThan(0.05);
			// The cells are coloured by those numbers: bands in more than one colour.
			const fills = await anim
				.locator('[data-kv-cell] i')
				.evaluateAll((is) => new Set(is.map((i) => getComputedStyle(i).backgroundColor)).size);
			expect(fills).toBeGreaterThan(10);
			// Switching to Chinese asks for the zh model's trace of the Chinese text; the step stays within its 14 characters.
			await page.click('[data-lang="zh"]');
			await page.waitForFunction(() => document.querySelector('[data-kv-anim] button.tok')?.textContent === '起', undefined, {
				timeout: 240_000
			});
			const zhLast = [...zh['learn.kv.text']].length - KV_PROMPT;
			expect(Number(await anim.getAttribute('data-step'))).toBe(zhLast);
			expect([await computed('without'), await computed('with')]).toEqual([KV_PROMPT + zhLast, 1]);
			expect(errors).toEqual([]);
			await page.context().close();
		}
	);

	it(
		'chapter 3: when the model cannot load, the picture says so and keeps stepping from the token sequence',
		{ timeout: 120_000 },
		async () => {
			const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
			await page.context().route('**/models/kjv/weights.bin', (route) => route.fulfill({ status: 404, body: 'gone' }));
			await page.goto(app.url('/learn/3/?lang=en'));
			await waitChapter(page, 3);
			await page.waitForSelector('[data-kv-real="failed"]', { timeout: 90_000 });
			expect(await page.locator('[data-kv-failed]').innerText()).toMatch(/could not load .*weights\.bin.*positions only/);
			const anim = page.locator('[data-kv-anim]');
			const s0 = Number(await anim.getAttribute('data-step'));
			await page.locator('h1').click();
			await page.keyboard.press('ArrowRight');
			await page.waitForFunction((s) => Number(document.querySelector('[data-kv-anim]')?.getAttribute('data-step')) === s + 1, s0);
			expect(Number(await anim.locator('[data-kv-way="with"]').getAttribute('data-computed'))).toBe(1);
			expect(await anim.locator('[data-kv-cell]').count()).toBe(0);
			expect(await anim.locator('[data-kv-readout]').count()).toBe(0);
			// The only console error is the refused file itself.
			expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
			await page.context().close();
		}
	);

	it('the KV-cache chapter measures decode speed with and without the cache on the real model', { timeout: 300_000 }, async () => {
		const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
		await page.goto(app.url('/learn/3/?lang=en'));
		await waitChapter(page, 3);
		expect(await page.locator('[data-measure-status]').getAttribute('data-measure-status')).toBe('idle');
		await page.click('[data-measure]');
		await page.waitForSelector('[data-measure-status="done"], [data-measure-status="failed"]', { timeout: 280_000 });
		const error = (await page.locator('[data-measure-error]').count()) ? await page.locator('[data-measure-error]').innerText() : '';
		expect(error).toBe('');
		const values = await page.locator('td[data-measured]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-measured'))));
		expect(values.length).toBe(6);
		for (const v of values) expect(v).toBeGreaterThan(0);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it(
		'chapter 3 shows progress and a time-left estimate, and Stop ends the measurement with the page still usable',
		{ timeout: 300_000 },
		async () => {
			const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
			await page.goto(app.url('/learn/3/?lang=en'));
			await waitChapter(page, 3);
			await page.click('[data-measure]');
			await page.waitForSelector('[data-measure-progress]', { timeout: 280_000 });
			expect(await page.locator('[data-measure-progress]').innerText()).toMatch(/\d+ of \d+ measurements, about \d+ s left/);
			await page.click('[data-measure-stop]');
			await page.waitForSelector('[data-measure-status="stopped"]', { timeout: 10_000 });
			expect(await page.locator('[data-measure-stopped]').count()).toBe(1);
			expect(await page.locator('[data-measure]').isEnabled()).toBe(true);
			// The page still answers: the chapter's own controls work after the stop.
			await page.goto(app.url('/learn/4/?lang=en'));
			await waitChapter(page, 4);
			expect(errors).toEqual([]);
			await page.context().close();
		}
	);
});
