/** The walkthrough's data: ten chapters in order, valid configs, and answers that match the engine. */
import { describe, expect, it } from 'vitest';
import { CHAPTERS } from '../../src/lib/learn/chapters';
import { answerVars, phaseTimes, smallestPoolWithoutPreemption } from '../../src/lib/learn/answers';
import { parseConfig } from '../../src/lib/engine/config';
import { simulate } from '../../src/lib/engine/simulate';
import { generateWorkload } from '../../src/lib/workload/workload';
import { en } from '../../src/lib/i18n/en';

describe('chapters', () => {
	it('are numbered 1..10 and every text key exists', () => {
		expect(CHAPTERS.map((c) => c.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		for (const c of CHAPTERS) for (const k of [c.title, c.question, c.answer, ...c.paragraphs]) expect(k in en, k).toBe(true);
	});
	it('have configs the engine accepts', () => {
		for (const c of CHAPTERS) expect(() => parseConfig(c.config)).not.toThrow();
	});
	it('show what their text promises', () => {
		const run = (n: number) => {
			const c = CHAPTERS[n - 1];
			return simulate(c.config, generateWorkload({ ...c.workload }), { keepEvents: true });
		};
		expect(run(7).events.some((e) => e.type === 'cow')).toBe(true);
		expect(run(7).events.some((e) => e.type === 'prefix_hit')).toBe(true);
		expect(run(8).summary.preemptions).toBeGreaterThan(0);
		expect(run(1).summary.steps).toBe(8);
	});
	it('fill every placeholder of their answers', () => {
		for (const c of CHAPTERS) {
			const vars = answerVars(c);
			for (const [, name] of en[c.answer].matchAll(/\{(\w+)\}/g)) expect(vars, `${c.answer}: ${name}`).toHaveProperty(name);
		}
	});
	it('decode dominates the time of a long answer', () => {
		expect(phaseTimes(512, 256).share).toBeGreaterThan(0.9);
		expect(phaseTimes(512, 1).decodeSteps).toBe(0);
	});
	it('finds the smallest pool without preemption', () => {
		const c = CHAPTERS[9];
		const blocks = smallestPoolWithoutPreemption(c);
		const reqs = generateWorkload({ ...c.workload });
		expect(simulate({ ...c.config, numGpuBlocks: blocks }, reqs).summary.preemptions).toBe(0);
		expect(
			simulate({ ...c.config, numGpuBlocks: blocks - 1 }, reqs).summary.preemptions +
				simulate({ ...c.config, numGpuBlocks: blocks - 1 }, reqs).summary.rejected
		).toBeGreaterThan(0);
	});
});
