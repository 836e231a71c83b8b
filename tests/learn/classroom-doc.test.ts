/**
 * docs/classroom.md stays true: every lab/compare link parses without a notice, every
 * /learn link names a chapter, and the answers the plan quotes are the ones the chapters compute.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseViewParams } from '../../src/lib/url/url-state';
import { CHAPTERS } from '../../src/lib/learn/chapters';
import { answerVars } from '../../src/lib/learn/answers';
import { locale } from '../../src/lib/i18n';

const doc = readFileSync(new URL('../../docs/classroom.md', import.meta.url), 'utf8');
const links = [...doc.matchAll(/\/(lab|compare|learn(?:\/\d+)?)\/\?([^`)\s]+)/g)].map((m) => ({ page: m[1], query: m[2] }));

describe('docs/classroom.md', () => {
	it('has links in both languages', () => {
		expect(links.filter((l) => l.query.includes('lang=en')).length).toBeGreaterThan(10);
		expect(links.filter((l) => l.query.includes('lang=zh')).length).toBe(links.filter((l) => l.query.includes('lang=en')).length);
	});
	it.each(links.filter((l) => l.page === 'lab' || l.page === 'compare').map((l) => [l.page, l.query]))(
		'/%s/?%s parses without a notice',
		(_, query) => {
			locale.current = 'en';
			expect(parseViewParams(new URLSearchParams(query)).notices).toEqual([]);
		}
	);
	it('links only chapters that exist', () => {
		for (const l of links.filter((x) => x.page.startsWith('learn/')))
			expect(Number(l.page.split('/')[1])).toBeLessThanOrEqual(CHAPTERS.length);
	});
	it('quotes the answers the chapters compute', () => {
		const v = (n: number) => answerVars(CHAPTERS[n - 1]);
		expect(doc).toContain(`≈${v(2).share}; still ≈${v(2).share16}`);
		expect(doc).toContain(`(${v(4).long}; ${v(4).short}.)`);
		expect(doc).toContain(`${v(8).req} at step ${v(8).step}`);
		expect(doc).toContain(`${v(9).pagedBatch} vs ${v(9).orcaBatch}; ≈${v(9).ratio}×`);
		expect(doc).toContain(`reserves ${v(9).maxLen} of the pool's ${v(9).slots} slots`);
		expect(doc).toContain(`(${v(10).blocks} blocks: at ${v(10).below} the lab shows ${v(10).belowPreemptions} preemption`);
		expect(doc).toContain(`at 96 it shows ${v(10).startPreemptions}`);
		expect(doc).toContain(
			`${v(10).blocks} 块：${v(10).below} 块时实验室显示抢占 ${v(10).belowPreemptions} 次，96 块时 ${v(10).startPreemptions} 次`
		);
	});
});
