/** Scheduler scenarios: preemption, swap, rejection, chunked prefill, CoW, beams, watermark. */
import { describe, expect, it } from 'vitest';
import type { EngineConfig } from '../../src/lib/engine/config';
import type { EngineEvent, EventOf, EventType } from '../../src/lib/events/events';
import type { RequestSpec } from '../../src/lib/workload/request';
import { simulate } from '../../src/lib/engine/simulate';
import { parseConfig } from '../../src/lib/engine/config';
import { config, range } from './helpers';

const req = (id: string, promptLen: number, outputLen: number, rest: Partial<RequestSpec> = {}): RequestSpec => ({
	id,
	arrivalStep: 0,
	promptTokens: range(0, promptLen).map((t) => t + id.charCodeAt(0) * 1000),
	outputLen,
	...rest
});

function run(over: Partial<EngineConfig>, requests: RequestSpec[]) {
	const { events, summary } = simulate(config(over), requests);
	const of = <T extends EventType>(type: T) => events.filter((e): e is EventOf<T> => e.type === type);
	return { events, summary, of };
}

const steps = (events: EngineEvent[], type: EventType, req: string) =>
	events.filter((e) => e.type === type && 'req' in e && e.req === req).map((e) => e.step);

describe('scheduler', () => {
	it('runs a lone request: one prefill step, then one decode step per token', () => {
		const { of, summary } = run({ blockSize: 4, numGpuBlocks: 8 }, [req('a', 6, 4)]);
		expect(of('scheduled').map((e) => [e.step, e.phase, e.numTokens])).toEqual([
			[0, 'prefill', 6],
			[1, 'decode', 1],
			[2, 'decode', 1],
			[3, 'decode', 1]
		]);
		expect(of('generated')).toHaveLength(4);
		expect(of('finished').map((e) => e.step)).toEqual([3]);
		expect(summary.steps).toBe(4);
		expect(summary.generatedTokens).toBe(4);
	});

	it('jumps over idle steps to the next arrival', () => {
		const { of } = run({ blockSize: 4, numGpuBlocks: 8 }, [req('a', 3, 1), req('b', 3, 1, { arrivalStep: 100 })]);
		expect(of('step_end').map((e) => e.step)).toEqual([0, 100]);
	});

	it('preempts the last running request by recompute; it resumes first and hits its own cached blocks', () => {
		// 6 blocks of 4: a and b each take 2 blocks for 6 prompt tokens, then grow until the pool runs out.
		const { events, of, summary } = run({ blockSize: 4, numGpuBlocks: 6, maxNumSeqs: 4 }, [req('a', 6, 12), req('b', 6, 12)]);
		const pre = of('preempted');
		expect(pre.length).toBeGreaterThan(0);
		expect(pre[0]).toMatchObject({ req: 'b', mode: 'recompute' });
		const resumed = of('scheduled').find((e) => e.req === 'b' && e.step > pre[0].step)!;
		expect(resumed.phase).toBe('prefill');
		expect(steps(events, 'prefix_hit', 'b').some((s) => s >= resumed.step)).toBe(true);
		expect(summary.finished).toBe(2);
		expect(summary.preemptions).toBe(pre.length);
	});

	it('preempts the request itself when it is the last one, and stops scheduling for the step', () => {
		const { of } = run({ blockSize: 2, numGpuBlocks: 4, maxNumSeqs: 4 }, [req('a', 2, 5), req('b', 2, 5)]);
		const first = of('preempted')[0];
		expect(first.req).toBe('b');
		const sameStep = of('scheduled')
			.filter((e) => e.step === first.step)
			.map((e) => e.req);
		expect(sameStep).toEqual(['a']);
	});

	it('swaps a victim out to CPU blocks and back in before admitting new work', () => {
		const { events, of, summary } = run({ blockSize: 4, numGpuBlocks: 6, numCpuBlocks: 8, preemptionMode: 'swap', maxNumSeqs: 4 }, [
			req('a', 6, 12),
			req('b', 6, 12),
			req('c', 4, 2, { arrivalStep: 3 })
		]);
		const out = of('swapped_out');
		const back = of('swapped_in');
		expect(out.length).toBeGreaterThan(0);
		expect(back.length).toBe(out.length);
		expect(out[0].req).toBe('b');
		expect(out[0].blocks.map(([, cpu]) => cpu)).toEqual(range(0, out[0].blocks.length));
		// c arrived while b was swapped out: it is admitted only after b is back.
		const cStart = steps(events, 'scheduled', 'c')[0];
		expect(cStart).toBeGreaterThanOrEqual(back[0].step);
		expect(summary.finished).toBe(3);
	});

	it('auto mode recomputes single sequences and swaps groups', () => {
		const { of } = run({ blockSize: 4, numGpuBlocks: 10, numCpuBlocks: 16, preemptionMode: 'auto', maxNumSeqs: 8 }, [
			req('a', 6, 14),
			req('b', 6, 14, { n: 2 }),
			req('c', 6, 14)
		]);
		for (const p of of('preempted')) expect(p.mode).toBe(p.req === 'b' ? 'swap' : 'recompute');
		expect(of('preempted').length).toBeGreaterThan(0);
	});

	it('rejects prompts that can never fit, at once, disturbing nothing else', () => {
		const { of, summary } = run({ blockSize: 4, numGpuBlocks: 4, maxModelLen: 32 }, [
			req('long', 32, 1),
			req('huge', 20, 10),
			req('ok', 4, 2),
			req('wide', 2, 2, { n: 99 })
		]);
		expect(of('rejected').map((e) => [e.req, e.reason, e.step])).toEqual([
			['long', 'prompt_too_long', 0],
			['huge', 'exceeds_pool', 0],
			['wide', 'exceeds_max_seqs', 0]
		]);
		expect(summary).toMatchObject({ finished: 1, rejected: 3 });
	});

	it('chunked prefill splits a long prompt by the token budget, decodes going first', () => {
		const { of } = run({ blockSize: 4, numGpuBlocks: 32, maxNumBatchedTokens: 8, maxModelLen: 64, enableChunkedPrefill: true }, [
			req('a', 3, 4),
			req('b', 20, 1, { arrivalStep: 1 })
		]);
		const b = of('scheduled').filter((e) => e.req === 'b');
		expect(b.map((e) => e.numTokens)).toEqual([7, 7, 6]);
		expect(b.map((e) => e.numComputed)).toEqual([0, 7, 14]);
		const step1 = of('scheduled')
			.filter((e) => e.step === 1)
			.map((e) => e.req);
		expect(step1).toEqual(['a', 'b']);
	});

	it('caps chunks by longPrefillTokenThreshold', () => {
		const { of } = run(
			{ blockSize: 4, numGpuBlocks: 32, maxNumBatchedTokens: 64, enableChunkedPrefill: true, longPrefillTokenThreshold: 5 },
			[req('a', 12, 1)]
		);
		expect(of('scheduled').map((e) => e.numTokens)).toEqual([5, 5, 2]);
	});

	it('without chunked prefill a prompt that does not fit the remaining budget stops admission', () => {
		const { of } = run({ blockSize: 4, numGpuBlocks: 32, maxNumBatchedTokens: 16, maxModelLen: 16, enableChunkedPrefill: false }, [
			req('a', 10, 2),
			req('b', 10, 2),
			req('c', 2, 2)
		]);
		const step0 = of('scheduled')
			.filter((e) => e.step === 0)
			.map((e) => e.req);
		expect(step0).toEqual(['a']);
	});

	it('parallel sampling forks after the prompt and copies the shared last block on write', () => {
		const { of, events } = run({ blockSize: 4, numGpuBlocks: 16 }, [req('a', 6, 3, { n: 3 })]);
		expect(of('forked').map((e) => [e.parent, e.child, e.step])).toEqual([
			[0, 1, 0],
			[0, 2, 0]
		]);
		// Block 1 holds tokens 4..5 and is shared three ways: two copies, the last holder writes in place.
		const cows = of('cow');
		expect(cows.map((e) => [e.step, e.from, e.logical])).toEqual([
			[1, 1, 1],
			[1, 1, 1]
		]);
		expect(of('block_allocated').filter((e) => e.step === 0)).toHaveLength(2);
		expect(events.filter((e) => e.type === 'generated')).toHaveLength(9);
	});

	it('a prompt that ends on a block boundary forks without any copy', () => {
		const { of } = run({ blockSize: 4, numGpuBlocks: 16 }, [req('a', 8, 3, { n: 2 })]);
		expect(of('cow')).toHaveLength(0);
	});

	it('beam search keeps beamWidth sequences, forking winners and freeing losers', () => {
		const { of, summary } = run({ blockSize: 2, numGpuBlocks: 40, maxNumSeqs: 8 }, [req('a', 3, 10, { beamWidth: 3 })]);
		const gen = of('generated');
		const byStep = new Map<number, number>();
		for (const g of gen) byStep.set(g.step, (byStep.get(g.step) ?? 0) + 1);
		expect([...byStep.values()].every((n) => n === 3)).toBe(true);
		expect(of('forked').length).toBeGreaterThanOrEqual(2);
		expect(of('forked').length - of('seq_freed').length).toBe(2);
		expect(summary.finished).toBe(1);
	});

	it('the watermark holds admission back while the pool is nearly full', () => {
		const base = { blockSize: 4, numGpuBlocks: 10, maxNumSeqs: 4 };
		const reqs = [req('a', 16, 1), req('b', 16, 1)];
		const without = run(base, reqs)
			.of('scheduled')
			.filter((e) => e.step === 0);
		const withWm = run({ ...base, watermark: 0.3 }, reqs)
			.of('scheduled')
			.filter((e) => e.step === 0);
		expect(without.map((e) => e.req)).toEqual(['a', 'b']);
		expect(withWm.map((e) => e.req)).toEqual(['a']);
	});

	it('maxNumSeqs counts sequences, so a wide group waits for seats', () => {
		const { of } = run({ blockSize: 4, numGpuBlocks: 32, maxNumSeqs: 3 }, [req('a', 4, 3), req('b', 4, 3, { n: 3 })]);
		expect(steps(of('scheduled'), 'scheduled', 'b')[0]).toBe(3);
	});

	it('frees finished requests at the end of their step, in scheduling order', () => {
		const { of } = run({ blockSize: 4, numGpuBlocks: 16 }, [req('a', 4, 2), req('b', 4, 2)]);
		expect(of('finished').map((e) => [e.req, e.step])).toEqual([
			['a', 1],
			['b', 1]
		]);
	});

	it('counts prefix-hit tokens in the summary, a whole block per hit', () => {
		const shared = range(0, 16);
		const { of, summary } = run({ blockSize: 4, numGpuBlocks: 32 }, [
			{ id: 'a', arrivalStep: 0, promptTokens: [...shared, 100], outputLen: 2 },
			{ id: 'b', arrivalStep: 1, promptTokens: [...shared, 200], outputLen: 2 }
		]);
		expect(of('prefix_hit').map((e) => e.req)).toEqual(['b', 'b', 'b', 'b']);
		expect(summary.prefixHitTokens).toBe(16);
	});

	it('rejects a prompt that fits the pool but not beside the watermark', () => {
		const { of } = run({ blockSize: 16, numGpuBlocks: 10, watermark: 0.5 }, [req('a', 100, 5)]);
		expect(of('rejected').map((e) => e.reason)).toEqual(['exceeds_pool']);
	});
});

describe('config', () => {
	it('the defaults pass their own validation', () => {
		expect(() => parseConfig({})).not.toThrow();
	});
});
