/**
 * The few things only a real process shows: exit codes, no stack on stderr, an output
 * path that can't be written named before anything is written, and Ctrl-C removing the
 * temporaries of a run in progress.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { nested } from './corpus';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'pagedkv-hostile-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sim = (...args: string[]) => {
	const r = spawnSync(TSX, [join(ROOT, 'scripts/sim.ts'), ...args], { cwd: dir, encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('sim as a process', () => {
	it.each([
		['--seed -1', ['--workload', 'fixed', '--seed', '-1'], /^error: command line: --seed: must be ≥ 0/],
		['--requests 1e7', ['--workload', 'fixed', '--requests', '1e7'], /^error: command line: --requests: must be ≤ 100,000/],
		['--cost-model __proto__', ['--workload', 'fixed', '--cost-model', '__proto__'], /^error: command line: --cost-model: must be one of/]
	])('%s exits 1 with one line, no stack', (_, args, want) => {
		const r = sim(...args);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(want);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
	});

	it('a deeply nested config value exits 1 naming the field', () => {
		writeFileSync(join(dir, 'deep.json'), `{"numGpuBlocks": ${nested(100_000)}}`);
		const r = sim('--config', 'deep.json', '--workload', 'fixed');
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/^error: deep\.json:1: numGpuBlocks: must be an integer, got \[+…\]+$/m);
	});

	it('an output path that is a directory is named, and nothing is written', () => {
		mkdirSync(join(dir, 'out'), { recursive: true });
		const before = readdirSync(dir).sort();
		const r = sim('--workload', 'fixed', '--requests', '3', '--events', 'ev.jsonl', '--summary', 'out');
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/^error: out: \(file\): is a directory/);
		expect(readdirSync(dir).sort()).toEqual(before);
	});

	// npm run sim runs `node --import tsx` (not the tsx wrapper, which SIGKILLs a child that is busy for 30 ms).
	it.each([
		['SIGINT', 130],
		['SIGTERM', 143]
	] as const)(
		'%s during a run removes its temporaries and exits %i',
		async (signal, want) => {
			const work = mkdtempSync(join(dir, 'signal-'));
			const loader = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/esm/index.mjs')).href;
			const args = [
				'--import',
				loader,
				join(ROOT, 'scripts/sim.ts'),
				'--workload',
				'sharegpt',
				'--requests',
				'50000',
				'--rate',
				'4',
				'--events',
				'ev.jsonl',
				'--summary',
				's.json'
			];
			const child = spawn(process.execPath, args, { cwd: work });
			let stderr = '';
			child.stderr.on('data', (d) => (stderr += d));
			const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
			// Wait until the run is writing its temporaries, then interrupt.
			while (!readdirSync(work).some((f) => f.endsWith('.tmp'))) await new Promise((r) => setTimeout(r, 50));
			await new Promise((r) => setTimeout(r, 200));
			child.kill(signal);
			expect(await exited).toBe(want);
			expect(stderr).toContain(`interrupted (${signal}); no output written`);
			expect(readdirSync(work)).toEqual([]);
		},
		60_000
	);
});
