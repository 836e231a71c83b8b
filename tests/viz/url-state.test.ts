import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, PARAMS, parseViewParams, viewToParams, fitConfig, type ViewState } from '../../src/lib/url/url-state';
import { summaryToCsv, eventsToJsonl } from '../../src/lib/io/export';
import { en } from '../../src/lib/i18n/en';
import { t } from '../../src/lib/i18n';
import { DEFAULT_CONFIG } from '../../src/lib/engine/config';

const parse = (q: string) => parseViewParams(new URLSearchParams(q));

describe('URL state', () => {
	it('round-trips every setting', () => {
		const view: ViewState = {
			config: {
				...DEFAULT_VIEW.config,
				blockSize: 32,
				numGpuBlocks: 4096,
				numCpuBlocks: 64,
				enablePrefixCaching: false,
				enableChunkedPrefill: true,
				maxNumBatchedTokens: 64,
				longPrefillTokenThreshold: 32,
				preemptionMode: 'swap',
				watermark: 0.05,
				allocator: 'orca-pow2',
				seed: 9
			},
			workload: {
				...DEFAULT_VIEW.workload,
				preset: 'sharegpt',
				numRequests: 50,
				ratePerStep: 1.5,
				n: 3,
				beamWidth: 1,
				sharedPrefixFraction: 0.25,
				seed: 7
			},
			step: 42,
			granularity: 'event',
			speed: 16,
			select: 'req-3',
			zoom: 48
		};
		const back = parseViewParams(viewToParams(view));
		expect(back.notices).toEqual([]);
		expect(back.state).toEqual(view);
	});
	it('gives the defaults for an empty query', () => {
		expect(parse('')).toEqual({ state: DEFAULT_VIEW, notices: [] });
	});
	it('documents and covers every key once', () => {
		const keys = PARAMS.map((p) => p.key);
		expect(new Set(keys).size).toBe(keys.length);
		for (const p of PARAMS) expect(p.doc.length).toBeGreaterThan(3);
	});
	it.each([
		['gpu=999999', 'numGpuBlocks', 131072],
		['gpu=-3', 'numGpuBlocks', 1],
		['gpu=12.7', 'numGpuBlocks', 13],
		['wm=2', 'watermark', 0.9],
		['seqs=0', 'maxNumSeqs', 1]
	])('clamps %s with a notice', (q, field, want) => {
		const { state, notices } = parse(q);
		expect((state.config as unknown as Record<string, unknown>)[field]).toBe(want);
		expect(notices).toHaveLength(1);
		expect(notices[0]).toContain('out of range');
	});
	it.each([
		['bs=abc', 'blockSize'],
		['prefix=maybe', 'enablePrefixCaching'],
		['alloc=buddy', 'allocator'],
		['preempt=', 'preemptionMode']
	])('keeps the default for invalid %s', (q, field) => {
		const { state, notices } = parse(q);
		const c = state.config as unknown as Record<string, unknown>;
		expect(c[field]).toBe((DEFAULT_VIEW.config as unknown as Record<string, unknown>)[field]);
		expect(notices[0]).toContain('not valid');
	});
	it('clamps workload and view values too', () => {
		const { state, notices } = parse('n=99&spf=1.5&speed=5&step=-10&gran=sideways');
		expect(state.workload.n).toBe(16);
		expect(state.workload.sharedPrefixFraction).toBe(1);
		expect(state.speed).toBe(4);
		expect(state.step).toBe(-1);
		expect(state.granularity).toBe('step');
		expect(notices).toHaveLength(5);
	});
	it('reports unknown keys but ignores page-owned ones', () => {
		expect(parse('foo=1').notices).toEqual([t('url.unknown', { key: 'foo' })]);
		expect(parse('bench=1&controls=0').notices).toEqual([]);
	});
	it('raises the token budget when the settings do not fit together', () => {
		const { state, notices } = parse('maxlen=2048&budget=100&chunked=0');
		expect(state.config.maxNumBatchedTokens).toBe(2047);
		expect(notices).toHaveLength(1);
		expect(fitConfig({ ...DEFAULT_CONFIG, enableChunkedPrefill: true, maxNumBatchedTokens: 8 }).notice).toBeUndefined();
	});
});

describe('exports', () => {
	it('writes a summary as a two-line CSV with flattened keys', () => {
		const csv = summaryToCsv({ steps: 3, memory: { tokenStates: 0.5, free: 0.5 }, name: 'a,b' });
		expect(csv).toBe('steps,memory.tokenStates,memory.free,name\n3,0.5,0.5,"a,b"\n');
	});
	it('writes events one JSON object a line', () => {
		const s = eventsToJsonl([
			{ step: 0, type: 'finished', req: 'A' },
			{ step: 1, type: 'block_evicted', block: 2 }
		]);
		expect(
			s
				.trim()
				.split('\n')
				.map((l) => JSON.parse(l).type)
		).toEqual(['finished', 'block_evicted']);
	});
});

describe('messages', () => {
	it('fills placeholders', () => expect(t('log.count', { shown: 1, total: 2 })).toBe('1 of 2 events'));
	it('are non-empty strings', () => {
		for (const v of Object.values(en)) expect(v.length).toBeGreaterThan(0);
	});
});

describe('lang in the URL', () => {
	it('accepts en and zh without a notice', () => {
		expect(parseViewParams(new URLSearchParams('lang=zh&gpu=32')).notices).toEqual([]);
		expect(parseViewParams(new URLSearchParams('lang=en')).notices).toEqual([]);
	});
	it('gives the usual notice for an unknown language', () => {
		const { notices } = parseViewParams(new URLSearchParams('lang=klingon'));
		expect(notices.length).toBe(1);
		expect(notices[0]).toContain('lang=klingon');
	});
});
