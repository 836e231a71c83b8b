/**
 * The Mooncake (and Qwen-Bailian) sample through the engine: prefix caching hits exactly the tokens the trace
 * says are shared (equal leading hash ids), up to vLLM's rule that a prompt's last token is
 * always computed (at most floor((promptLen − 1) / blockSize) blocks hit).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/engine/config';
import { simulate } from '../../src/lib/engine/simulate';
import { readTrace } from '../../src/lib/workload/formats/detect';
import type { RequestSpec } from '../../src/lib/workload/request';
import { SAMPLE_CONFIG } from '../../src/lib/workload/trace-samples';

const sample = readTrace(readFileSync('static/traces/mooncake.jsonl', 'utf8'), 'mooncake.jsonl');

/** Tokens of `r`'s prompt equal to some earlier arrival's, from the start. */
function sharedPrefix(r: RequestSpec, earlier: readonly RequestSpec[]): number {
	let best = 0;
	for (const e of earlier) {
		let n = 0;
		while (n < r.promptTokens.length && n < e.promptTokens.length && r.promptTokens[n] === e.promptTokens[n]) n++;
		best = Math.max(best, n);
	}
	return best;
}

/** What vLLM would hit with a pool that never evicts: whole shared blocks, never the last token. */
function expectedHitTokens(requests: readonly RequestSpec[], blockSize: number): number[] {
	const order = [...requests].sort((a, b) => a.arrivalMs! - b.arrivalMs!);
	return order.map((r, i) => {
		const blocks = Math.min(
			Math.floor(sharedPrefix(r, order.slice(0, i)) / blockSize),
			Math.floor((r.promptTokens.length - 1) / blockSize)
		);
		return blocks * blockSize;
	});
}

describe('Mooncake sample: prefix hits', () => {
	it('shares leading hash ids between several requests', () => {
		const shared = expectedHitTokens(sample.requests, 16).filter((n) => n > 0);
		expect(shared.length).toBeGreaterThanOrEqual(5);
	});

	it.each([16, 8, 32, 12])('hits the shared tokens with block size %i', (blockSize) => {
		const config = parseConfig({ ...SAMPLE_CONFIG, blockSize, numGpuBlocks: Math.ceil((512 * 16) / blockSize) });
		const { summary, events } = simulate(config, sample.requests);
		expect(events.some((e) => e.type === 'block_evicted')).toBe(false);
		expect(summary.rejected).toBe(0);
		const want = expectedHitTokens(sample.requests, blockSize);
		expect(summary.prefixHitTokens).toBe(want.reduce((a, b) => a + b, 0));
		// And request by request.
		const hits = new Map<string, number>();
		for (const e of events) if (e.type === 'prefix_hit') hits.set(e.req, (hits.get(e.req) ?? 0) + blockSize);
		const order = [...sample.requests].sort((a, b) => a.arrivalMs! - b.arrivalMs!);
		expect(order.map((r) => hits.get(r.id) ?? 0)).toEqual(want);
	});

	it('hits a Qwen-Bailian conversation’s history the same way (16-token trace blocks)', () => {
		const bailian = readTrace(readFileSync('static/traces/bailian.jsonl', 'utf8'), 'bailian.jsonl');
		const { summary } = simulate(parseConfig({ ...SAMPLE_CONFIG }), bailian.requests);
		const want = expectedHitTokens(bailian.requests, 16).reduce((a, b) => a + b, 0);
		expect(want).toBeGreaterThan(0);
		expect(summary.prefixHitTokens).toBe(want);
	});

	it('reports 6,640 hit tokens with the sample config (block size 16)', () => {
		// By hand: 1024 + 512 + 1024 + 512 + 512 + 1024 + 1008 (a prompt of exactly 1024: its last token is computed) + 512 + 512.
		expect(simulate(parseConfig({ ...SAMPLE_CONFIG }), sample.requests).summary.prefixHitTokens).toBe(6640);
	});
});
