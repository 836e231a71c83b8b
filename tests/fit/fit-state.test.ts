/** The page's FitState: its report is planFit's, a new model resets what depends on it, and its URL round-trips. */
import { describe, expect, it } from 'vitest';
import { FitState } from '../../src/lib/fit/fit-state.svelte';
import { planFit } from '../../src/lib/fit/plan';

const GiB = 2 ** 30;

describe('FitState', () => {
	it('reports what planFit reports for its request', () => {
		const s = new FitState();
		expect(s.report?.log).toEqual(planFit({ model: 'llama-3.1-8b', gpu: 'h100-80gb' }).log);
		s.mode = 'kv';
		s.kvGiB = 16;
		s.maxModelLen = 8192;
		expect(s.report?.log).toEqual(['GPU KV cache size: 131,072 tokens', 'Maximum concurrency for 8,192 tokens per request: 16.00x']);
		expect(s.lab?.capped).toEqual([]);
	});

	it('resets length, weight dtype and an impossible TP when the model changes', () => {
		const s = new FitState();
		s.tp = 8;
		s.maxModelLen = 100_000;
		s.weightDtype = 'fp8';
		s.setModel('qwen2.5-7b'); // 28 heads: TP 8 cannot split them
		expect([s.tp, s.maxModelLen, s.weightDtype]).toEqual([1, undefined, undefined]);
		expect(s.tpAllowed(4)).toBe(true);
		expect(s.report?.settings.maxModelLen).toBe(32_768);
	});

	it('shows problems instead of a report', () => {
		const s = new FitState();
		s.mode = 'kv';
		s.kvGiB = -1;
		expect(s.problems.map((p) => p.field)).toEqual(['kvCacheMemory']);
		expect(s.report).toBeNull();
		expect(s.lab).toBeNull();
	});

	it('reads its URL, ignoring what it cannot use, and writes back only what differs from the defaults', () => {
		const s = new FitState();
		s.load(new URLSearchParams('model=gpt-oss-20b&gpu=h200&tp=2&kv=fp8&kvmem=8&len=4096&w=int4&bs=32'));
		expect(s.request).toMatchObject({
			model: 'gpt-oss-20b',
			gpu: 'h200',
			tp: 2,
			kvDtype: 'fp8',
			kvCacheMemory: 8 * GiB,
			maxModelLen: 4096,
			blockSize: 32,
			weightDtype: undefined
		});
		expect(s.params().toString()).toBe('model=gpt-oss-20b&gpu=h200&tp=2&kv=fp8&kvmem=8&len=4096&bs=32');
		const bad = new FitState();
		bad.load(new URLSearchParams('model=llama-9&gpu=v100&tp=3&len=9999999'));
		expect(bad.request).toMatchObject({ model: 'llama-3.1-8b', gpu: 'h100-80gb', tp: 1, maxModelLen: undefined });
	});
});
