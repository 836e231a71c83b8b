/**
 * Screenshots of every /learn chapter in both languages (1366×800, and a phone size for a
 * few) into /tmp/shots/learn/, from the built app: `npx vite build && npx tsx scripts/shots-learn.ts [chapters…]`.
 */
import { mkdirSync } from 'node:fs';
import { startApp } from '../tests/browser/harness';

const OUT = process.env.SHOTS_DIR ?? '/tmp/shots/learn';
mkdirSync(OUT, { recursive: true });
const only = process.argv.slice(2).map(Number).filter(Boolean);
const chapters = only.length ? only : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

const app = await startApp();
try {
	for (const lang of ['en', 'zh']) {
		for (const [name, width, height, list] of [
			['desk', 1366, 800, chapters],
			['phone', 390, 844, chapters.filter((n) => [1, 6, 8].includes(n))]
		] as const) {
			const { page, errors } = await app.newPage({ width, height, reducedMotion: 'reduce' });
			for (const n of list) {
				await page.goto(app.url(`/learn/${n}/?lang=${lang}`));
				await page.waitForSelector(`[data-chapter="${n}"]`);
				if (process.env.REVEAL) await page.click('[data-reveal]');
				await page.waitForTimeout(400);
				await page.screenshot({ path: `${OUT}/c${n}-${lang}-${name}.png`, fullPage: name === 'phone' || !!process.env.FULL });
			}
			if (errors.length) console.log(lang, name, errors);
			await page.context().close();
		}
	}
	for (const lang of ['en', 'zh']) {
		const { page } = await app.newPage({ reducedMotion: 'reduce' });
		for (const p of ['/', '/lab/', '/compare/', '/learn/']) {
			await page.goto(app.url(`${p}?lang=${lang}`));
			await page.waitForTimeout(500);
			await page.screenshot({ path: `${OUT}/page${p.replaceAll('/', '_')}-${lang}.png` });
		}
		await page.context().close();
	}
} finally {
	await app.close();
}
console.log('shots in', OUT);
