/**
 * The chapters' callouts read the run on screen (firstEventsIn over its compact store) and
 * must name the same events as the engine's own stream (calloutsFor).
 */
import { describe, expect, it } from 'vitest';
import { CHAPTERS } from '../../src/lib/learn/chapters';
import { calloutsFor, firstEventsIn, type CalloutKind } from '../../src/lib/learn/callouts';
import { runSimulation, workloadRequests } from '../../src/lib/replay/run';

const KINDS: CalloutKind[] = ['preempted', 'cow', 'prefix_hit'];

describe('callouts from a run’s store', () => {
	it.each(CHAPTERS.filter((c) => c.kind === 'session').map((c) => [c.n, c] as const))('chapter %i: same as the engine’s stream', (_, c) => {
		const requests = workloadRequests(c.workload);
		const run = runSimulation(c.config, requests);
		expect(firstEventsIn(run.store, KINDS)).toEqual(calloutsFor(c.config, requests, KINDS));
	});
	it('finds each kind the chapters name (so the comparison above is not all nulls)', () => {
		const found = CHAPTERS.filter((c) => c.callouts).flatMap((c) =>
			firstEventsIn(runSimulation(c.config, workloadRequests(c.workload)).store, c.callouts!)
		);
		expect(found.filter(Boolean).map((x) => x!.kind)).toEqual(expect.arrayContaining(['preempted', 'cow', 'prefix_hit']));
	});
});
