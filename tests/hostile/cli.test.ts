/**
 * The CLI's input path under the generated corpus, in-process: the same parseFlags and
 * loadInputs that `sim` and `compare` run, so hundreds of cases cost no child process.
 * Every case must end in an InputError that names the file, its line where there is one,
 * and the field, echoes at most 80 characters of the bad value, and carries no stack.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadInputs, parseFlags, PendingFile } from '../../scripts/cli-args';
import { InputError, MAX_ECHO } from '../../src/lib/params/input-error';
import { configCases, flagCases, foreignTraceCases, traceCases } from './corpus';

const dir = mkdtempSync(join(tmpdir(), 'pagedkv-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const OUTPUTS = { events: { type: 'string' }, summary: { type: 'string' }, allocator: { type: 'string' } } as const;

/** Run the CLI's input path; returns the InputError it must throw. */
function refusal(argv: string[]): InputError {
	try {
		loadInputs(parseFlags(argv, OUTPUTS));
	} catch (e) {
		if (e instanceof InputError) return e;
		throw new Error(`not an InputError: ${String(e).slice(0, 200)}`);
	}
	throw new Error('accepted');
}

/** Names the field, no stack, short echoes. */
function expectNamed(e: InputError, field: string): void {
	expect(e.message).toContain(field.slice(0, MAX_ECHO - 1));
	expect(e.message).not.toMatch(/\n\s+at /);
	expect(e.message.length).toBeLessThan(700);
	for (const echoed of e.message.split(/got /).slice(1)) expect(echoed.length, echoed.slice(0, 100)).toBeLessThanOrEqual(MAX_ECHO + 40);
}

describe('config files', () => {
	const cases = configCases();
	it(`the corpus has ${cases.length} cases`, () => expect(cases.length).toBeGreaterThan(100));
	it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
		const path = join(dir, 'cfg.json');
		writeFileSync(path, c.text);
		const e = refusal(['--config', path, '--workload', 'fixed', '--requests', '2']);
		expect(e.source).toBe(path);
		expectNamed(e, c.field);
	});

	it('a UTF-8 byte-order mark and CRLF line ends are read', () => {
		const path = join(dir, 'bom.json');
		writeFileSync(path, '\uFEFF{\r\n  "numGpuBlocks": 32,\r\n  "blockSize": 8\r\n}\r\n');
		const { config } = loadInputs(parseFlags(['--config', path, '--workload', 'fixed', '--requests', '2'], OUTPUTS));
		expect(config.numGpuBlocks).toBe(32);
	});

	it('names the line of a bad key', () => {
		const path = join(dir, 'cfg.json');
		writeFileSync(path, '{\n  "blockSize": 16,\n  "numGpuBlocks": 1e12\n}\n');
		expect(refusal(['--config', path, '--workload', 'fixed']).message).toMatch(
			/cfg\.json:3: numGpuBlocks: must be ≤ 131,072 \(the pool’s arrays/
		);
	});
});

describe('traces', () => {
	const cases = traceCases();
	it(`the corpus has ${cases.length} cases`, () => expect(cases.length).toBeGreaterThan(50));
	it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
		const path = join(dir, 'trace.jsonl');
		writeFileSync(path, c.text);
		const e = refusal(['--trace', path]);
		expect(e.message.startsWith(`${path}:2: `), e.message.slice(0, 200)).toBe(true);
		expectNamed(e, c.field);
	});

	it.each(foreignTraceCases().map((c) => [c.name, c] as const))('%s', (_, c) => {
		const path = join(dir, c.name.startsWith('azure') ? 'trace.csv' : 'trace.jsonl');
		writeFileSync(path, c.text);
		const e = refusal(['--trace', path]);
		expect(e.message.startsWith(`${path}:`), e.message.slice(0, 200)).toBe(true);
		expectNamed(e, c.field);
	});

	it('a trace whose total tokens × samples passes the run limit is refused, naming the limit and why', () => {
		const path = join(dir, 'wide.jsonl');
		const lines = Array.from({ length: 12 }, (_, i) =>
			JSON.stringify({ id: `r${i}`, arrivalStep: 0, promptLen: 131_072, outputLen: 131_072, n: 16 })
		);
		writeFileSync(path, lines.join('\r\n'));
		expect(refusal(['--trace', path]).message).toMatch(/is more than the limit of 50,000,000: a run holds every token id in memory/);
	});
});

describe('flags', () => {
	const cases = flagCases();
	it(`the corpus has ${cases.length} cases`, () => expect(cases.length).toBeGreaterThan(60));
	it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
		const e = refusal(c.argv);
		expect(e.source).toBe('command line');
		expectNamed(e, c.field);
	});

	it.each([
		['--seed', '-1', /--seed: must be ≥ 0/],
		['--requests', '-1', /--requests: must be ≥ 0/],
		['--rate', '-1', /--rate: must be ≥ 0/]
	])('%s %s is read as a value and refused', (flag, v, want) => {
		expect(refusal(['--workload', 'fixed', flag, v]).message).toMatch(want);
	});
});

describe('output paths', () => {
	it.each([
		['a directory', () => dir, /is a directory/],
		['a missing folder', () => join(dir, 'no', 'such', 'out.json'), /can’t write: ENOENT/]
	])('%s is named before anything is written', (_, path, want) => {
		const before = readdirSync(dir);
		let err: unknown;
		try {
			new PendingFile(path());
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(InputError);
		expect((err as Error).message).toMatch(want);
		expect(readdirSync(dir)).toEqual(before);
	});
});
