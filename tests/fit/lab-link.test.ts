/**
 * The memory bar's geometry (a table of cases) and the link that opens a sized pool in the
 * lab: the lab's URL reads back the real block count and the roofline cost model, and a
 * pool larger than the lab takes is capped with the cap reported.
 */
import { describe, expect, it } from 'vitest';
import { estimateTextWidth, formatBytes, layoutMemoryBar, SEGMENT_KEYS, type SegmentKey } from '../../src/lib/fit/memory-bar';
import { memoryTerms } from '../../src/lib/fit/memory-budget';
import { labLink, labMax } from '../../src/lib/fit/lab-link';
import { planFit } from '../../src/lib/fit/plan';
import { parseViewParams } from '../../src/lib/url/url-state';

const GiB = 2 ** 30;
const NAMES = Object.fromEntries(SEGMENT_KEYS.map((k) => [k, k])) as Record<SegmentKey, string>;
const terms = (weights: number, kv?: number) =>
	memoryTerms({
		total: 80 * GiB,
		gpuMemoryUtilization: 0.9,
		kvCacheMemory: kv === undefined ? undefined : kv * GiB,
		weights: weights * GiB,
		activation: 1 * GiB,
		overhead: 1 * GiB
	});

describe('layoutMemoryBar', () => {
	it.each([
		// weights GiB, --kv-cache-memory GiB, segments drawn, labels inside the bar
		[16, undefined, ['weights', 'activation', 'overhead', 'kv', 'unused'], ['weights', 'kv']],
		[70, undefined, ['weights', 'activation', 'overhead', 'unused'], ['weights']], // no KV left: no KV segment
		[16, 100, ['weights', 'activation', 'overhead', 'kv'], ['kv']] // over the GPU: nothing unused, the scale shrinks
	] as const)('weights %i GiB, kv %s: %j', (w, kv, keys, inside) => {
		const bar = layoutMemoryBar(terms(w, kv), NAMES, 1000);
		expect(bar.segments.map((s) => s.key)).toEqual(keys);
		expect(bar.segments.filter((s) => s.label.lane === 0).map((s) => s.key)).toEqual(inside);
	});

	it('tiles the segments edge to edge and scales to the larger of the GPU and the terms', () => {
		const fits = layoutMemoryBar(terms(16), NAMES, 1000);
		for (let i = 1; i < fits.segments.length; i++)
			expect(fits.segments[i].x).toBeCloseTo(fits.segments[i - 1].x + fits.segments[i - 1].width, 9);
		expect(fits.totalX).toBeCloseTo(1000, 9);
		expect(fits.budgetX).toBeCloseTo(900, 9);
		const over = layoutMemoryBar(terms(16, 100), NAMES, 1000);
		expect(over.totalX).toBeCloseTo((80 / 118) * 1000, 6);
	});

	it('puts small labels below the bar on lanes that do not overlap', () => {
		const bar = layoutMemoryBar(terms(16), NAMES, 1000);
		const below = bar.segments.filter((s) => s.label.lane > 0);
		expect(below.map((s) => s.key)).toEqual(['activation', 'overhead', 'unused']);
		expect(new Set(below.slice(0, 2).map((s) => s.label.lane)).size).toBe(2); // 1 GiB each, side by side
		expect(bar.lanes).toBe(Math.max(...below.map((s) => s.label.lane)));
	});

	it.each([390, 600, 1000])('at %i px, no label overlaps another or sits on a leader line', (width) => {
		const zh = { weights: '权重', activation: '激活', overhead: '开销', kv: 'KV 缓存', unused: '未使用' };
		for (const names of [NAMES, zh])
			for (const m of [terms(16), terms(70), terms(2), terms(16, 100)]) {
				const below = layoutMemoryBar(m, names, width).segments.filter((s) => s.label.lane > 0);
				const span = (s: (typeof below)[number]) => {
					const w = estimateTextWidth(s.label.text);
					return s.label.anchor === 'end' ? [s.label.x - w, s.label.x] : [s.label.x, s.label.x + w];
				};
				for (const a of below) {
					const [from, to] = span(a);
					expect(from).toBeGreaterThanOrEqual(0);
					expect(to).toBeLessThanOrEqual(width + 1e-9);
					for (const b of below) {
						if (a === b) continue;
						const [bFrom, bTo] = span(b);
						if (a.label.lane === b.label.lane) expect(to <= bFrom || from >= bTo, `${a.key}/${b.key}`).toBe(true);
						// b's leader, at its segment's centre, passes a's lane when b sits deeper.
						const cx = b.x + b.width / 2;
						if (b.label.lane > a.label.lane) expect(cx < from || cx > to, `${b.key}'s leader through ${a.key}`).toBe(true);
					}
				}
			}
	});

	it.each([
		[16_060_000_000, '14.96 GiB'],
		[512 * 2 ** 20, '512 MiB'],
		[-3.2 * GiB, '-3.20 GiB']
	])('formats %d bytes as %s', (b, s) => expect(formatBytes(b)).toBe(s));
});

describe('labLink', () => {
	it('opens the real pool and the roofline cost model, and the lab reads both back', () => {
		const r = planFit({ model: 'llama-3.1-8b', gpu: 'l40s', maxModelLen: 4096, kvCacheMemory: GiB });
		const link = labLink(r)!;
		expect(r.pool.numGpuBlocks).toBe(512);
		expect(link.capped).toEqual([]);
		const { state, notices } = parseViewParams(new URLSearchParams(link.query));
		expect(notices).toEqual([]);
		expect(state.config).toMatchObject({
			numGpuBlocks: 512,
			blockSize: 16,
			maxModelLen: 4096,
			maxNumBatchedTokens: 2048,
			maxNumSeqs: 256,
			enableChunkedPrefill: true
		});
		expect(state.cost).toBe('llama-3.1-8b_l40s_tp1_wbf16_kvbf16');
	});

	it('caps what the lab cannot hold, and says so', () => {
		// Blocks of one token: ~900K of them, more than the lab holds.
		const r = planFit({ model: 'llama-3.1-8b', gpu: 'h200', blockSize: 1 });
		expect(r.pool.numGpuBlocks).toBeGreaterThan(labMax('gpu'));
		const link = labLink(r)!;
		expect(link.capped).toContainEqual({ key: 'gpu', want: r.pool.numGpuBlocks, used: labMax('gpu') });
		for (const c of link.capped) {
			expect(c.used).toBe(labMax(c.key));
			expect(c.want).toBeGreaterThan(c.used);
		}
		const { state } = parseViewParams(new URLSearchParams(link.query));
		expect(state.config.numGpuBlocks).toBe(labMax('gpu'));
	});

	it('offers no link when nothing fits', () => {
		expect(labLink(planFit({ model: 'llama-3.1-70b', gpu: 'rtx-4090' }))).toBeNull();
	});

	it('refuses an unknown cost word in the lab URL with a notice', () => {
		const { state, notices } = parseViewParams(new URLSearchParams('cost=gpt-5_h100-80gb_tp1_wbf16_kvbf16'));
		expect(state.cost).toBeUndefined();
		expect(notices[0]).toContain('cost=gpt-5_h100-80gb_tp1_wbf16_kvbf16');
	});
});
