/**
 * A group of n samples or beams never pushes a step past maxNumSeqs or
 * maxNumBatchedTokens (issue 14): it holds a seat for every sequence it may fork into
 * from admission, so a later request waits instead of joining.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/lib/engine/engine';
import { inspectEngine } from '../../src/lib/engine/inspect';
import { EventLog } from '../../src/lib/events/event-log';
import { config } from './helpers';

function run(over: Parameters<typeof config>[0], requests: ConstructorParameters<typeof Engine>[1]) {
	const cfg = config(over);
	const log = new EventLog(true);
	const engine = new Engine(cfg, requests, { sink: log });
	const steps: { step: number; running: number; batchSeqs: number; batchTokens: number }[] = [];
	while (engine.step()) {
		const running = inspectEngine(engine).runningSeqs;
		steps.push({ step: engine.stepNo - 1, running, batchSeqs: engine.lastStep!.batchSeqs, batchTokens: engine.lastStep!.batchTokens });
	}
	return { steps, events: log.events! };
}

describe('groups and the step limits', () => {
	it('the issue 14 repro: b waits for a’s second seat instead of joining', () => {
		const { steps, events } = run({ maxNumSeqs: 2, longPrefillTokenThreshold: 1, maxNumBatchedTokens: 8 }, [
			{ id: 'a', arrivalStep: 0, promptTokens: [1, 2, 3, 4], outputLen: 4, n: 2 },
			{ id: 'b', arrivalStep: 1, promptTokens: [5, 6], outputLen: 8 }
		]);
		for (const s of steps) {
			expect(s.running, `step ${s.step}`).toBeLessThanOrEqual(2);
			expect(s.batchSeqs, `step ${s.step}`).toBeLessThanOrEqual(2);
			expect(s.batchTokens, `step ${s.step}`).toBeLessThanOrEqual(8);
		}
		const firstB = events.find((e) => e.type === 'scheduled' && e.req === 'b')!;
		const aDone = events.find((e) => e.type === 'finished' && e.req === 'a')!;
		expect(firstB.step).toBeGreaterThan(aDone.step);
	});

	it.each([
		{ name: 'prefill of n = 2 with the whole budget', n: 2, prompt: 6, budget: 6 },
		{ name: 'beam of 3, budget 7', beamWidth: 3, prompt: 7, budget: 7 },
		{ name: 'n = 4, budget 4', n: 4, prompt: 9, budget: 4 }
	])('$name: the step_end batch counts the tokens computed, not the forks made after', ({ n, beamWidth, prompt, budget }) => {
		const promptTokens = Array.from({ length: prompt }, (_, i) => i);
		const { steps } = run({ maxNumSeqs: 4, maxNumBatchedTokens: budget }, [
			{ id: 'a', arrivalStep: 0, promptTokens, outputLen: 3, n, beamWidth }
		]);
		for (const s of steps) expect(s.batchTokens, `step ${s.step}`).toBeLessThanOrEqual(budget);
	});
});
