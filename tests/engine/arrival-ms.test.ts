/**
 * Timed arrivals (`arrivalMs`): a request joins at the first step that starts at or after
 * its time on the simulated clock; with nothing to run the clock jumps to the next one.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/lib/engine/config';
import type { RequestSpec } from '../../src/lib/workload/request';
import { simulate } from '../../src/lib/engine/simulate';
import { parseTrace } from '../../src/lib/workload/trace';
import { config, range } from './helpers';

const timed = (id: string, arrivalMs: number, promptLen = 20, outputLen = 8): RequestSpec => ({
	id,
	arrivalStep: 0,
	arrivalMs,
	promptTokens: range(0, promptLen).map((t) => t + id.length * 1000),
	outputLen
});

describe('arrivalMs', () => {
	it('admits timed requests in time order, each at the first step starting at or after its time', () => {
		// Given out of order: the engine sorts by time, ties in trace order.
		const reqs = [timed('c', 90), timed('a', 0), timed('b', 30), timed('b2', 30), timed('d', 95)];
		const { events } = simulate(config(), reqs);
		const arrived = events.filter((e) => e.type === 'arrived');
		expect(arrived.map((e) => e.req)).toEqual(['a', 'b', 'b2', 'c', 'd']);
		// Steps run back to back while work remains, so the clock at a step's start is the sum of earlier steps.
		const ends = events.filter((e) => e.type === 'step_end');
		const startOf = (step: number) => ends.filter((e) => e.step < step).reduce((ms, e) => ms + e.ms, 0);
		for (const e of arrived) {
			const at = reqs.find((r) => r.id === e.req)!.arrivalMs!;
			expect(startOf(e.step)).toBeGreaterThanOrEqual(at);
			if (e.step > 0) expect(startOf(e.step - 1)).toBeLessThan(at);
		}
	});

	it('jumps the clock over idle time without emitting empty steps', () => {
		const reqs = [timed('early', 0, 20, 4), timed('late', 1_000_000, 20, 4)];
		const { events, summary } = simulate(config(), reqs);
		const steps = events.filter((e) => e.type === 'step_end');
		// 4 steps each (prefill + 3 decodes), none idle.
		expect(steps).toHaveLength(8);
		const lateArrived = events.find((e) => e.type === 'arrived' && e.req === 'late')!;
		expect(lateArrived.step).toBe(4);
		const busyMs = steps.reduce((ms, e) => ms + e.ms, 0);
		const lateMs = steps.filter((e) => e.step >= 4).reduce((ms, e) => ms + e.ms, 0);
		expect(summary.simulatedMs).toBeCloseTo(1_000_000 + lateMs, 6);
		expect(summary.simulatedMs).toBeGreaterThan(busyMs);
		// Latency counts from the request's own arrival, not from the start of the run.
		expect(summary.ttftMs.p99).toBeLessThan(1_000);
	});

	it('keeps a late-timed request waiting while earlier work runs', () => {
		const reqs = [timed('long', 0, 20, 40), timed('soon', 1)];
		const { events } = simulate(config(), reqs);
		const soon = events.find((e) => e.type === 'arrived' && e.req === 'soon')!;
		// Not at step 0 (the clock is 0 < 1 ms there), but at step 1, after the first step's time.
		expect(soon.step).toBe(1);
	});
});

describe('parseTrace: arrivalMs', () => {
	const line = (o: Record<string, unknown>) => JSON.stringify(o);
	const fieldOf = (text: string) => {
		try {
			parseTrace(text, 't.jsonl');
		} catch (e) {
			expect(e).toBeInstanceOf(InputError);
			return [(e as InputError).field, (e as InputError).line];
		}
		throw new Error('parsed without error');
	};

	it('reads arrivalMs in place of arrivalStep', () => {
		const [r] = parseTrace(line({ id: 'a', arrivalMs: 12.5, promptLen: 4, outputLen: 1 }), 't');
		expect(r).toMatchObject({ id: 'a', arrivalStep: 0, arrivalMs: 12.5 });
	});

	it.each([
		['both clocks on one line', line({ id: 'a', arrivalStep: 0, arrivalMs: 5, promptLen: 4, outputLen: 1 }), 'arrivalMs', 1],
		['neither clock', line({ id: 'a', promptLen: 4, outputLen: 1 }), 'arrivalStep', 1],
		['negative ms', line({ id: 'a', arrivalMs: -1, promptLen: 4, outputLen: 1 }), 'arrivalMs', 1],
		['ms as a string', line({ id: 'a', arrivalMs: '5', promptLen: 4, outputLen: 1 }), 'arrivalMs', 1],
		[
			'a file mixing clocks',
			`${line({ id: 'a', arrivalMs: 0, promptLen: 4, outputLen: 1 })}\n${line({ id: 'b', arrivalStep: 2, promptLen: 4, outputLen: 1 })}`,
			'arrivalStep',
			2
		]
	])('rejects %s', (_name, text, field, lineNo) => {
		expect(fieldOf(text)).toEqual([field, lineNo]);
	});
});
