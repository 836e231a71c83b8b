/** Training corpora, prepared from Debian packages at training time (nothing large is committed). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The King James Bible (bible-kjv), one verse a line, references stripped. */
export function kjvCorpus(): string {
	const raw = execFileSync('bible', ['-f', 'Gen1:1-Rev22:21'], { encoding: 'utf8', maxBuffer: 64 << 20 });
	return raw
		.split('\n')
		.map((line) => line.replace(/^\S+\d+:\d+\s+/, '').trim())
		.filter((line) => line.length > 0)
		.join('\n') + '\n';
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
				.map((l) => l.replace(/^题目[:：]/, '').replace(/^作者[:：]/, '作者：').replace(/（[０-９\d－\-?？]*）$/, ''));
			if (lines.length > 2) poems.push(lines.join('\n'));
		}
	}
	return poems.join('\n\n') + '\n';
}
