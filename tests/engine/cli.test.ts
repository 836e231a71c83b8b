import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMORY_CATEGORIES } from '../../src/lib/engine/memory/categories';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
let dir: string;

/** `npx tsx scripts/<script>.ts ...args` in the temp dir (the local tsx binary, without npm's start-up). */
function run(script: string, ...args: string[]) {
	const r = spawnSync(TSX, [join(ROOT, 'scripts', script), ...args], { cwd: dir, encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const sim = (...args: string[]) => run('sim.ts', ...args);
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const files = () => readdirSync(dir).sort();
const clean = () => {
	for (const f of files()) rmSync(join(dir, f));
};

const CONFIG = JSON.stringify({ blockSize: 4, numGpuBlocks: 16, maxNumSeqs: 4, maxNumBatchedTokens: 64, maxModelLen: 64 }, null, 2);
const TRACE = [
	{ id: 'a', arrivalStep: 0, promptTokens: [1, 2, 3, 4, 5, 6], outputLen: 5 },
	{ id: 'b', arrivalStep: 0, promptLen: 9, outputLen: 7, n: 2 },
	{ id: 'c', arrivalStep: 2, promptTokens: [1, 2, 3, 4, 9], outputLen: 3, beamWidth: 2 },
	{ id: 'd', arrivalStep: 4, promptLen: 20, outputLen: 12 }
]
	.map((o) => JSON.stringify(o))
	.join('\n');

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'pagedkv-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sim', () => {
	it('semantics v1: prints vLLM’s start-up lines, and the summary carries vLLM’s figures', () => {
		clean();
		write(
			'cfg.json',
			JSON.stringify({ semantics: 'v1', blockSize: 4, numGpuBlocks: 17, maxNumSeqs: 4, maxNumBatchedTokens: 64, maxModelLen: 64 })
		);
		write(
			'trace.jsonl',
			[
				{ id: 'a', arrivalStep: 0, promptTokens: [1, 2, 3, 4, 5, 6, 7, 8, 9], outputLen: 3, n: 2 },
				{ id: 'b', arrivalStep: 3, promptTokens: [1, 2, 3, 4, 5, 6, 7, 8, 9], outputLen: 3 }
			]
				.map((o) => JSON.stringify(o))
				.join('\n')
		);
		const r = sim('--config', 'cfg.json', '--trace', 'trace.jsonl', '--summary', 'summary.json');
		expect(r.stderr).toBe('');
		expect(r.stdout).toContain('GPU KV cache size: 68 tokens');
		expect(r.stdout).toContain('Maximum concurrency for 64 tokens per request: 1.06x');
		const s = JSON.parse(read('summary.json'));
		// a fans out into 0_a and 1_a; 1_a and b hit a's two full prompt blocks.
		expect(s.finished).toBe(3);
		expect(s.prefixCacheQueries).toBe(27);
		expect(s.prefixCacheHits).toBe(16);
		expect(s.kvCacheUsage.peak).toBeGreaterThan(0);
		expect(s.kvCacheUsage.mean).toBeLessThanOrEqual(s.kvCacheUsage.peak);
		expect(s.kvCacheTokens).toBe(68);
		expect(s.maxConcurrency).toBeCloseTo(17 / 16);
	});

	it('semantics v1 with swap is a clear config error', () => {
		clean();
		write('cfg.json', JSON.stringify({ semantics: 'v1', preemptionMode: 'swap' }));
		write('trace.jsonl', TRACE);
		const r = sim('--config', 'cfg.json', '--trace', 'trace.jsonl', '--summary', 'summary.json');
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/cfg\.json.*preemptionMode.*recompute only/);
		expect(files()).toEqual(['cfg.json', 'trace.jsonl']);
	});

	it('writes events and summary for a hand-written trace', () => {
		clean();
		write('cfg.json', CONFIG);
		write('trace.jsonl', TRACE + '\n\n');
		const r = sim('--config', 'cfg.json', '--trace', 'trace.jsonl', '--events', 'events.jsonl', '--summary', 'summary.json');
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(files()).toEqual(['cfg.json', 'events.jsonl', 'summary.json', 'trace.jsonl']);
		expect(r.stdout).toContain('4 finished');

		const events = read('events.jsonl')
			.trimEnd()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(events[0].type).toBe('run_start');
		for (const e of events) {
			expect(Number.isInteger(e.step)).toBe(true);
			expect(typeof e.type).toBe('string');
		}
		expect(
			events
				.filter((e) => e.type === 'finished')
				.map((e) => e.req)
				.sort()
		).toEqual(['a', 'b', 'c', 'd']);
		expect(events.some((e) => e.type === 'forked')).toBe(true);

		const s = JSON.parse(read('summary.json'));
		for (const key of [
			'steps',
			'finished',
			'rejected',
			'preemptions',
			'prefixHitTokens',
			'peakGpuBlocksUsed',
			'avgBatchSize',
			'memory',
			'simulatedMs',
			'throughputTokensPerSec',
			'ttftMs',
			'tpotMs'
		])
			expect(s).toHaveProperty(key);
		expect(s.finished).toBe(4);
		expect(s.events).toBe(events.length);
		expect(events.filter((e) => e.type === 'step_end')).toHaveLength(s.steps);
		expect(MEMORY_CATEGORIES.reduce((a, k) => a + s.memory[k], 0)).toBeCloseTo(1, 9);
		for (const k of ['mean', 'p50', 'p99']) expect(typeof s.ttftMs[k]).toBe('number');
	});

	it('is deterministic, and without --events only counts them', () => {
		clean();
		write('cfg.json', CONFIG);
		write('trace.jsonl', TRACE);
		expect(sim('--config', 'cfg.json', '--trace', 'trace.jsonl', '--events', 'e1.jsonl').code).toBe(0);
		expect(sim('--config', 'cfg.json', '--trace', 'trace.jsonl', '--events', 'e2.jsonl', '--summary', 's.json').code).toBe(0);
		expect(read('e1.jsonl')).toBe(read('e2.jsonl'));
		expect(sim('--config', 'cfg.json', '--trace', 'trace.jsonl', '--summary', 's2.json').code).toBe(0);
		expect(files()).toEqual(['cfg.json', 'e1.jsonl', 'e2.jsonl', 's.json', 's2.json', 'trace.jsonl']);
		const counted = JSON.parse(read('s2.json'));
		expect(counted).toEqual(JSON.parse(read('s.json')));
	});

	it('runs an Orca baseline from the config, and a generated workload', () => {
		clean();
		write('cfg.json', JSON.stringify({ ...JSON.parse(CONFIG), allocator: 'orca-pow2' }));
		write('trace.jsonl', TRACE);
		const r = sim('--config', 'cfg.json', '--trace', 'trace.jsonl', '--events', 'ev.jsonl', '--summary', 's.json');
		expect(r.code).toBe(0);
		expect(read('ev.jsonl')).toContain('"type":"span_reserved"');
		expect(JSON.parse(read('s.json')).allocator).toBe('orca-pow2');
		const w = sim(
			'--config',
			'cfg.json',
			'--workload',
			'alpaca',
			'--requests',
			'30',
			'--rate',
			'2',
			'--allocator',
			'paged',
			'--cost-model',
			'tiny-webgl',
			'--summary',
			'w.json'
		);
		expect(w.stderr).toBe('');
		expect(w.code).toBe(0);
		const s = JSON.parse(read('w.json'));
		expect(s).toMatchObject({ allocator: 'paged', requests: 30, costModel: 'tiny-webgl' });
		expect(s.finished + s.rejected).toBe(30);
	});

	const badTraces: [string, string, RegExp][] = [
		[
			'an unknown key',
			`${TRACE.split('\n')[0]}\n\n{"id":"x","arrivalStep":0,"promptLen":3,"outputLen":1,"temperature":1}`,
			/^error: trace\.jsonl:3: temperature: unknown key/
		],
		['a malformed line', `${TRACE.split('\n')[0]}\n{"id": "x", "arrivalStep": 0,`, /^error: trace\.jsonl:2: \(json\): malformed JSON/],
		['a wrong type', `{"id":"x","arrivalStep":"0","promptLen":3,"outputLen":1}`, /^error: trace\.jsonl:1: arrivalStep: must be an integer/],
		[
			'a negative size',
			`${TRACE}\n{"id":"y","arrivalStep":0,"promptLen":3,"outputLen":-2}`,
			/^error: trace\.jsonl:5: outputLen: must be ≥ 1/
		],
		['a duplicate id', `${TRACE}\n${TRACE.split('\n')[1]}`, /^error: trace\.jsonl:5: id: duplicate id "b"/]
	];
	it.each(badTraces)('a trace with %s exits 1, names file, line and field, and writes nothing', (_what, trace, message) => {
		clean();
		write('cfg.json', CONFIG);
		write('trace.jsonl', trace);
		const r = sim('--config', 'cfg.json', '--trace', 'trace.jsonl', '--events', 'events.jsonl', '--summary', 'summary.json');
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(message);
		expect(r.stdout).toBe('');
		expect(files()).toEqual(['cfg.json', 'trace.jsonl']);
	});

	it.each([
		['a negative size', '"numGpuBlocks": -3', /^error: cfg\.json:3: numGpuBlocks: must be ≥ 1/],
		['an unknown key', '"blockSz": 16', /^error: cfg\.json:3: blockSz: unknown key/],
		['a wrong type', '"enablePrefixCaching": "yes"', /^error: cfg\.json:3: enablePrefixCaching: must be true or false/]
	])('a config with %s exits 1 naming its line and field', (_what, entry, message) => {
		clean();
		write('cfg.json', `{\n  "blockSize": 4,\n  ${entry}\n}\n`);
		write('trace.jsonl', TRACE);
		const r = sim('--config', 'cfg.json', '--trace', 'trace.jsonl', '--summary', 'summary.json');
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(message);
		expect(files()).toEqual(['cfg.json', 'trace.jsonl']);
	});

	it.each([
		[['--trace', 'missing.jsonl'], /^error: missing\.jsonl: \(file\): can’t read: ENOENT/],
		[['--workload', 'sharegpt', '--requests=-1'], /^error: command line: --requests: must be ≥ 0/],
		[['--workload', 'lmsys'], /^error: command line: --workload: must be one of/],
		[['--trace', 'trace.jsonl', '--rate', '2'], /^error: command line: --rate: only applies with --workload/],
		[['--trace', 'trace.jsonl', '--cost-model', 'h100'], /^error: command line: --cost-model: must be one of/],
		[['--trace', 'trace.jsonl', '--bogus'], /^error: command line: \(flags\): Unknown option '--bogus'/],
		[[], /^error: command line: --trace: missing/],
		[['--trace', 'trace.jsonl', '--events', 'no/such/dir/events.jsonl'], /^error: no\/such\/dir\/events\.jsonl: \(file\): can’t write/]
	])('bad command line %j exits 1 with nothing written', (args, message) => {
		clean();
		write('cfg.json', CONFIG);
		write('trace.jsonl', TRACE);
		const r = sim('--config', 'cfg.json', ...args, '--summary', 'summary.json');
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(message);
		expect(files()).toEqual(['cfg.json', 'trace.jsonl']);
	});
});

describe('compare', () => {
	it('prints the four allocators side by side', () => {
		clean();
		write('cfg.json', CONFIG);
		write('trace.jsonl', TRACE);
		const r = run('compare.ts', '--config', 'cfg.json', '--trace', 'trace.jsonl', '--summary', 'all.json');
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const header = r.stdout.split('\n').find((l) => l.includes('orca-max'))!;
		expect(header.trim().split(/\s+/)).toEqual(['paged', 'orca-max', 'orca-pow2', 'orca-oracle']);
		for (const row of [
			'token states',
			'reserved',
			'internal frag',
			'external frag',
			'free',
			'avg batch',
			'preemptions',
			'throughput',
			'TTFT p50',
			'steps'
		])
			expect(r.stdout).toContain(row);
		const all = JSON.parse(read('all.json'));
		expect(Object.keys(all)).toEqual(['paged', 'orca-max', 'orca-pow2', 'orca-oracle']);
		expect(all['orca-max'].preemptions).toBe(0);
	});

	it('exits 1 on a bad trace with nothing written', () => {
		clean();
		write('cfg.json', CONFIG);
		write('trace.jsonl', '{"id": 1}');
		const r = run('compare.ts', '--config', 'cfg.json', '--trace', 'trace.jsonl', '--summary', 'all.json');
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/^error: trace\.jsonl:1: id: must be a non-empty string/);
		expect(files()).toEqual(['cfg.json', 'trace.jsonl']);
	});
});
