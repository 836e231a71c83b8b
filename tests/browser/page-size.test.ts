/**
 * Every prerendered page of the built site (build/, as the browser tests serve it) is at most
 * 300 KB of HTML: pages prerender their text and a light shell, and draw charts, timelines and
 * maps in the browser (issue 9: /learn/9 once shipped 8.3 MB and froze on arrival).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_DIR } from './harness';

const MAX_BYTES = 300 * 1024;
const skip = !!process.env.SKIP_BROWSER_TESTS;

function htmlFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = join(dir, e.name);
		if (e.isDirectory()) return e.name === '_app' ? [] : htmlFiles(p);
		return e.name.endsWith('.html') ? [p] : [];
	});
}

describe.skipIf(skip)('page size', () => {
	it('every built page’s HTML is at most 300 KB', () => {
		const files = htmlFiles(BUILD_DIR);
		expect(files.map((f) => relative(BUILD_DIR, f))).toContain('learn/9/index.html');
		const big = files.map((f) => ({ page: relative(BUILD_DIR, f), bytes: statSync(f).size })).filter((p) => p.bytes > MAX_BYTES);
		expect(big).toEqual([]);
	});
});
