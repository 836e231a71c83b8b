/** `npm run sim -- --trace FILE` on the samples: the format is detected and prefix hits reported. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_CONFIG } from '../../src/lib/workload/trace-samples';

const ROOT = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'traces-cli-'));
const config = join(dir, 'cfg.json');
writeFileSync(config, JSON.stringify(SAMPLE_CONFIG));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sim(...args: string[]) {
	const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/sim.ts'), ...args], { cwd: dir, encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sim --trace', () => {
	it('detects the Mooncake sample and reports its prefix hits', () => {
		const r = sim('--trace', join(ROOT, 'static/traces/mooncake.jsonl'), '--config', config);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('(Mooncake JSONL)');
		expect(r.stdout).toMatch(/12 finished, 0 rejected of 12/);
		expect(r.stdout).toMatch(/prefix\s+6640 cached tokens hit/);
	});

	it('names the file, line and field of a bad line', () => {
		const bad = join(dir, 'bad.csv');
		writeFileSync(bad, 'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46,12,3\n2023-11-16 18:15:47,twelve,3\n');
		const r = sim('--trace', bad);
		expect(r.code).toBe(1);
		expect(r.stderr.trim()).toBe(`error: ${bad}:3: ContextTokens: must be an integer, got "twelve"`);
	});
});
