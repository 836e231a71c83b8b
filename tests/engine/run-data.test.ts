/** A run posted from the worker (runData → structured clone → runFromData) reads the same as the run itself. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/engine/config';
import { runData, runFromData, simulateRun } from '../../src/lib/replay/run';
import { generateWorkload } from '../../src/lib/workload/workload';

describe('runData / runFromData', () => {
	it('round-trips lanes, memory, step numbers and every state', () => {
		const config = parseConfig({ blockSize: 16, numGpuBlocks: 48, maxNumSeqs: 8, maxNumBatchedTokens: 512, maxModelLen: 512 }, 'test');
		const requests = generateWorkload({ preset: 'sharegpt', numRequests: 40, ratePerStep: 1, maxLen: 512, seed: 9 });
		// Posting transfers (detaches) the posted run's arrays, as the worker does: compare with a second, identical run.
		const run = simulateRun(config, requests);
		const { data, transfer } = runData(simulateRun(config, requests));
		const back = runFromData(structuredClone(data, { transfer }));
		expect(back.length).toBe(run.length);
		expect(back.lanes).toEqual(run.lanes);
		expect(back.memory).toEqual(run.memory);
		expect(Array.from(back.stepNumbers)).toEqual(Array.from(run.stepNumbers));
		expect(back.lanes.count).toBe(40);
		for (const i of [0, 17, 39]) expect(back.lanes.lane(i)).toEqual(run.lanes.lane(i));
		for (const c of [1, Math.floor(run.length / 3), run.length]) {
			const a = run.replay.stateAt(c);
			const b = back.replay.stateAt(c);
			expect(b.step).toBe(a.step);
			expect(b.gpu.map((x) => [x.refCount, x.owner, x.fill, x.tokens])).toEqual(a.gpu.map((x) => [x.refCount, x.owner, x.fill, x.tokens]));
			expect([...b.requests.values()]).toEqual([...a.requests.values()]);
		}
	});
});
