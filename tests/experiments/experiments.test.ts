import { describe, expect, it } from 'vitest';
import { MEMORY_CATEGORIES } from '../../src/lib/engine/memory/categories';
import { parseConfig } from '../../src/lib/engine/config';
import { validateWorkload } from '../../src/lib/workload/workload';
import { toCsv } from '../../src/lib/io/csv';
import { EXPERIMENTS, LAB_KEYS, labQuery, labSettings, type ExperimentResult } from '../../src/lib/experiments/index';
import { lineChart, stackedBarChart } from '../../src/lib/experiments/svg-chart';
import { PARAMS } from '../../src/lib/url/url-state';
import { parseCsv, xmlErrors } from './xml';

const tiny = new Map<string, ExperimentResult>();
function run(name: string): ExperimentResult {
	if (!tiny.has(name)) tiny.set(name, EXPERIMENTS.find((e) => e.name === name)!.run({ size: 'tiny' }));
	return tiny.get(name)!;
}

const SERIES: Record<string, string[]> = {
	'memory-waste': ['token states', 'reserved', 'internal fragmentation', 'external fragmentation', 'free'],
	'batch-size': ['Orca (Max)', 'Orca (Pow2)', 'Orca (Oracle)', 'vLLM (paged)'],
	'throughput-vs-rate': ['Orca (Max)', 'Orca (Pow2)', 'Orca (Oracle)', 'vLLM (paged)'],
	sharing: ['parallel sampling, Alpaca-like', 'beam search, Alpaca-like', 'parallel sampling, ShareGPT-like', 'beam search, ShareGPT-like'],
	'block-size': ['ShareGPT-like', 'Alpaca-like'],
	preemption: ['recompute', 'swap (PCIe bandwidth only)']
};

describe.each(EXPERIMENTS.map((e) => e.name))('experiment %s (tiny sweep)', (name) => {
	it('gives a CSV with a header and one line per row, every line as wide as the header', () => {
		const r = run(name);
		expect(r.rows.length).toBeGreaterThan(0);
		const csv = parseCsv(toCsv(r.columns, r.rows));
		expect(csv[0]).toEqual(r.columns);
		expect(csv.length).toBe(r.rows.length + 1);
		for (const line of csv) expect(line.length).toBe(r.columns.length);
		for (const row of r.rows) for (const v of Object.values(row)) if (typeof v === 'number') expect(Number.isNaN(v)).toBe(false);
	});

	it('draws well-formed SVG with a title and the expected series', () => {
		const r = run(name);
		expect(r.charts.length).toBeGreaterThan(0);
		const all = r.charts.map((c) => c.svg).join('\n');
		for (const c of r.charts) {
			expect(xmlErrors(c.svg)).toEqual([]);
			expect(c.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
			expect(c.file).toMatch(/^[a-z0-9-]+$/);
		}
		for (const s of SERIES[name]) expect(all).toContain(`data-series="${s}"`);
	});

	it('is deterministic: the same sweep gives the same CSV and SVG', () => {
		const again = EXPERIMENTS.find((e) => e.name === name)!.run({ size: 'tiny' });
		const r = run(name);
		expect(toCsv(again.columns, again.rows)).toBe(toCsv(r.columns, r.rows));
		expect(again.charts.map((c) => c.svg)).toEqual(r.charts.map((c) => c.svg));
	});

	it('offers lab settings that are valid and fit the lab’s URL parameters', () => {
		const settings = labSettings(name);
		expect(settings.length).toBeGreaterThan(0);
		for (const s of settings) {
			expect(() => parseConfig(s.config)).not.toThrow();
			expect(() => validateWorkload(s.workload)).not.toThrow();
			const { query, unsupported } = labQuery(s);
			expect(unsupported).toEqual([]);
			const q = new URLSearchParams(query);
			expect(q.get('alloc')).toBe(s.config.allocator);
			expect(Number(q.get('reqs'))).toBe(s.workload.numRequests);
		}
	});
});

describe('memory-waste', () => {
	it('puts every slot in exactly one category: the five sum to 100% per allocator', () => {
		const r = run('memory-waste');
		expect(r.rows.map((x) => x.allocator)).toEqual(['orca-max', 'orca-pow2', 'orca-oracle', 'paged']);
		for (const row of r.rows) {
			for (const suffix of ['Pct', 'AllStepsPct']) {
				const sum = MEMORY_CATEGORIES.reduce((s, k) => s + (row[`${k}${suffix}`] as number), 0);
				expect(sum).toBeCloseTo(1, 9);
			}
		}
	});

	it('orca-max reserves maxModelLen, so it wastes more than paging', () => {
		const r = run('memory-waste');
		const ts = (a: string) => r.rows.find((x) => x.allocator === a)!.tokenStatesPct as number;
		expect(ts('paged')).toBeGreaterThan(ts('orca-max'));
	});
});

describe('sharing', () => {
	it('saves memory only through sharing: saved is within [0, 1) and physical ≤ logical', () => {
		for (const row of run('sharing').rows) {
			expect(row.physicalBlockSteps as number).toBeLessThanOrEqual(row.logicalBlockSteps as number);
			expect(row.memorySavedPct as number).toBeGreaterThanOrEqual(0);
			expect(row.memorySavedPct as number).toBeLessThan(1);
		}
	});
});

describe('lab URL keys', () => {
	it('match src/lib/url/url-state.ts PARAMS (key, field, range)', () => {
		for (const k of LAB_KEYS) {
			const p = PARAMS.find((x) => x.key === k.key);
			expect(p, k.key).toBeDefined();
			expect(p!.field).toBe(k.field);
			expect(p!.scope).toBe(k.scope);
			if (p!.type.kind === 'int' || p!.type.kind === 'num') expect([k.min, k.max]).toEqual([p!.type.min, p!.type.max]);
		}
	});
});

describe('svg charts', () => {
	it('escape text and mark each series', () => {
		const svg = stackedBarChart({ title: 'a < b & "c"', bars: ['x'], series: [{ name: 'R&D', values: [1] }], xLabel: 'x', yLabel: 'y' });
		expect(xmlErrors(svg)).toEqual([]);
		expect(svg).toContain('data-series="R&amp;D"');
		const line = lineChart({
			title: 't',
			series: [
				{
					name: 's',
					points: [
						[1, 2],
						[4, 8]
					]
				}
			],
			xLabel: 'x',
			yLabel: 'y',
			xScale: 'log2'
		});
		expect(xmlErrors(line)).toEqual([]);
		expect(line).toMatch(/<path d="M[\d.,LM]+"/);
	});

	it('the checker catches broken markup', () => {
		expect(xmlErrors('<svg><g></svg>')).not.toEqual([]);
		expect(xmlErrors('<svg>a & b</svg>')).not.toEqual([]);
		expect(xmlErrors('<svg x=1></svg>')).not.toEqual([]);
	});
});
