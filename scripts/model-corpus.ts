/** Training corpora, prepared from Debian packages at training time (nothing large is committed). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The King James Bible (bible-kjv), one verse a line, references stripped. */
export function kjvCorpus(): string {
	const raw = execFileSync('bible', ['-f', 'Gen1:1-Rev22:21'], { encoding: 'utf8', maxBuffer: 64 << 20 });
	return (
		raw
			.split('\n')
			.map((line) => line.replace(/^\S+\d+:\d+\s+/, '').trim())
			.filter((line) => line.length > 0)
			.join('\n') + '\n'
	);
}

const FORTUNES = '/usr/share/games/fortunes';

/**
 * Tang 300 + Song 100 from the fortune files: colour codes, "题目:" prefixes and the
 * authors' dates removed; each poem is "《title》\n作者：name\nlines…" and poems are
 * separated by a blank line.
 */
export function poemsCorpus(): string {
	const poems: string[] = [];
	for (const file of ['tang300.u8', 'song100.u8']) {
		const text = readFileSync(`${FORTUNES}/${file}`, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
		for (const chunk of text.split(/^%$/m)) {
			const lines = chunk
				.split('\n')
				.map((l) => l.trim())
				.filter((l) => l.length > 0)
				.map((l) =>
					l
						.replace(/^题目[:：]/, '')
						.replace(/^作者[:：]/, '作者：')
						.replace(/（[０-９\d－\-?？]*）$/, '')
				);
			if (lines.length > 2) poems.push(lines.join('\n'));
		}
	}
	return poems.join('\n\n') + '\n';
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const BOX_DRAWING = /[\u2500-\u257f]/;
const DATES = /（[０-９\d－\-?？]*）$/;

/**
 * One fortune of `fortune-zh`'s `chinese` file, cleaned: colour codes already gone; tables
 * (lines with box drawing) dropped; no-break and ideographic spaces made plain; an indented
 * paragraph (the Debian reference manual's wrapped prose) joined back into one line, with no
 * space where the line before ends in a Chinese character or the next starts with one (or
 * with full-width punctuation); paragraphs with no Chinese character (commands, URLs)
 * dropped; the attribution line "    -- 《论语》" becomes "——《论语》". '' if nothing is left.
 */
export function cleanFortune(chunk: string): string {
	const text = chunk
		.split('\n')
		.filter((l) => !BOX_DRAWING.test(l))
		.join('\n');
	const paragraphs = text.replace(/[\u00a0\u3000]/g, ' ').split(/\n\s*\n/);
	const kept: string[] = [];
	for (const paragraph of paragraphs) {
		const raw = paragraph.split('\n').filter((l) => l.trim().length > 0);
		if (raw.length === 0 || !CJK.test(paragraph)) continue;
		const lines = raw.map((l) =>
			l
				.trim()
				.replace(/ {2,}/g, ' ')
				.replace(/^--\s*/, '——')
				.replace(DATES, '')
		);
		const indented = raw.every((l) => /^\s{2,}/.test(l)) && !raw.some((l) => /^\s*--/.test(l));
		if (!indented) {
			kept.push(lines.join('\n'));
			continue;
		}
		let joined = lines[0];
		for (const line of lines.slice(1)) {
			const glue = CJK.test(joined.at(-1) ?? '') || /^[\u3000-\u303f\uff00-\uffef]/.test(line) || CJK.test(line[0]) ? '' : ' ';
			joined += glue + line;
		}
		kept.push(joined);
	}
	return kept.join('\n');
}

/** A seeded Fisher–Yates shuffle (mulberry32), so the corpus is the same on every run. */
function shuffled<T>(items: T[], seed: number): T[] {
	const out = items.slice();
	let s = seed >>> 0;
	const next = () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/**
 * The Chinese corpus: every fortune of `fortune-zh`'s modern `chinese` file (proverbs, the
 * Analects, 菜根谭, 增广贤文, the Debian reference manual and code of conduct, quotations),
 * cleaned by `cleanFortune`, plus the Tang 300 and Song 100 poems of `poemsCorpus`. The
 * documents are shuffled (seeded) before they are joined by blank lines, so the last 5% — the
 * validation split — is a random 5% of the documents, drawn from the same mix as the rest.
 */
export function zhCorpus(): string {
	const docs: string[] = [];
	const text = readFileSync(`${FORTUNES}/chinese`, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
	for (const chunk of text.split(/^%$/m)) {
		const doc = cleanFortune(chunk);
		if (doc.length > 0) docs.push(doc);
	}
	docs.push(...poemsCorpus().trim().split('\n\n'));
	return shuffled(docs, 13).join('\n\n') + '\n';
}
