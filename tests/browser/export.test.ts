/**
 * The lab's events export in a real browser: the button writes the run's events in slices
 * (progress, Cancel) and the file it downloads is the whole stream, one JSON event a line,
 * from run_start to the last step_end. No timing assertions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { skip, useApp } from './use-app';

const app = useApp();

describe.skipIf(skip)('lab: events export', () => {
	it('downloads every event as JSONL', async () => {
		const { page, errors } = await app.newPage({ reducedMotion: 'reduce' });
		await page.goto(app.url('/lab/?lang=en&gpu=256&reqs=60&rate=2&wl=sharegpt'));
		await page.waitForSelector('[data-lab-ready]', { timeout: 120_000 });
		const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-export-events]')]);
		expect(download.suggestedFilename()).toMatch(/\.events\.jsonl$/);
		const lines = readFileSync((await download.path())!, 'utf8')
			.trimEnd()
			.split('\n');
		const events = lines.map((l) => JSON.parse(l) as { type: string });
		expect(events[0].type).toBe('run_start');
		expect(events.at(-1)!.type).toBe('step_end');
		expect(events.filter((e) => e.type === 'arrived').length).toBe(60);
		// The button is back once the file is written.
		await page.waitForSelector('[data-export-events]');
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
