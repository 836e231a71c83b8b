/** The message catalogues: same keys, nothing empty, zh really translated, placeholders match. */
import { describe, expect, it } from 'vitest';
import { en } from '../../src/lib/i18n/en';
import { zh } from '../../src/lib/i18n/zh';
import { t, locale, detectLocale, resolveLocale, hasMessage } from '../../src/lib/i18n';

/** Keys whose zh text may equal the en text: names and pure symbols. */
const SAME_ALLOWED = new Set(['app.title']);

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
	it('have the same keys', () => {
		expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
	});
	it('have no empty strings', () => {
		for (const [k, v] of [...Object.entries(en), ...Object.entries(zh)]) expect(v.trim(), k).not.toBe('');
	});
	it('translate every zh string (except the allowlist)', () => {
		const same = Object.keys(en).filter((k) => zh[k as keyof typeof en] === en[k as keyof typeof en] && !SAME_ALLOWED.has(k));
		expect(same).toEqual([]);
	});
	it('use the same placeholders in both languages', () => {
		for (const k of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(zh[k]), k).toEqual(placeholders(en[k]));
	});
	it('zh chapter text is Chinese, and each chapter names its key terms in English once', () => {
		for (const [k, v] of Object.entries(zh)) if (k.startsWith('learn.c') && /\.p\d$/.test(k)) expect(v, k).toMatch(/[\u4e00-\u9fff]/);
		const chapterText = (n: number) =>
			Object.entries(zh)
				.filter(([k]) => k.startsWith(`learn.c${n}.p`))
				.map(([, v]) => v)
				.join('');
		expect(chapterText(2)).toContain('预填充（prefill）');
		expect(chapterText(2)).toContain('解码（decode）');
		expect(chapterText(3)).toContain('KV 缓存（KV cache）');
		expect(chapterText(6)).toContain('块表（block table）');
		expect(chapterText(6)).toContain('分页（paging）');
		expect(chapterText(7)).toContain('写时复制（copy-on-write）');
		expect(chapterText(7)).toContain('前缀缓存（prefix caching）');
		expect(chapterText(8)).toContain('抢占（preemption）');
		expect(chapterText(8)).toContain('换出（swap）');
	});
	it('split chapter 1 word lists into the same number of tokens', () => {
		expect(zh['learn.c1.prompt'].split('|').length).toBe(en['learn.c1.prompt'].split('|').length);
		expect(zh['learn.c1.output'].split('|').length).toBe(en['learn.c1.output'].split('|').length);
	});
});

describe('t() and the locale', () => {
	it('follows the current locale and fills placeholders', () => {
		locale.current = 'en';
		expect(t('learn.progress', { n: 3, total: 10 })).toBe('Chapter 3 of 10');
		locale.current = 'zh';
		expect(t('learn.progress', { n: 3, total: 10 })).toBe('第 3 章，共 10 章');
		locale.current = 'en';
	});
	it('marks a missing key instead of failing', () => {
		expect(hasMessage('no.such.key')).toBe(false);
		expect(t('no.such.key' as never)).toBe('⟦no.such.key⟧');
	});
	it.each([
		[['zh-CN', 'en'], 'zh'],
		[['zh-TW'], 'zh'],
		[['fr-FR', 'en-GB'], 'en'],
		[['de'], 'en'],
		[[], 'en']
	] as const)('detects %j as %s', (langs, want) => expect(detectLocale(langs)).toBe(want));
	it('lets ?lang= win over the browser, and ignores unknown values', () => {
		expect(resolveLocale('en', ['zh-CN'])).toBe('en');
		expect(resolveLocale('zh', ['en-US'])).toBe('zh');
		expect(resolveLocale('fr', ['zh-CN'])).toBe('zh');
		expect(resolveLocale(null, ['en-US'])).toBe('en');
	});
});
