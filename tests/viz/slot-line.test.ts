/**
 * The slot line paints the engine's own categories: external fragmentation uses the
 * engine's span rule (`spanLength`, maxModelLen cap included), so what the picture shows
 * equals what step_end reports, slot for slot, at every step.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/engine/config';
import { simulate } from '../../src/lib/engine/simulate';
import { MEMORY_CATEGORIES } from '../../src/lib/engine/memory/categories';
import { slotRuns } from '../../src/lib/layout/slot-line';
import { replayAll } from '../../src/lib/replay/replay';
import type { RequestSpec } from '../../src/lib/workload/request';

const requests = (n: number, prompt: number, output: number): RequestSpec[] =>
	Array.from({ length: n }, (_, i) => ({ id: `r${i}`, arrivalStep: 0, promptTokens: Array(prompt).fill(i), outputLen: output }));

function compare(allocator: string, reqs: RequestSpec[]) {
	const config = parseConfig({ allocator, blockSize: 10, numGpuBlocks: 31, maxModelLen: 100, maxNumSeqs: 2, maxNumBatchedTokens: 200 });
	const { events } = simulate(config, reqs);
	const rows: { step: number; engine: Record<string, number>; painted: Record<string, number> }[] = [];
	events.forEach((e, i) => {
		if (e.type !== 'step_end') return;
		const painted = Object.fromEntries(MEMORY_CATEGORIES.map((k) => [k, 0]));
		for (const run of slotRuns(replayAll(events.slice(0, i + 1)))) painted[run.category] += run.length;
		rows.push({ step: e.step, engine: { ...e.memory }, painted });
	});
	return rows;
}

describe('slot line = engine categories', () => {
	it('orca-pow2, 31 blocks of 10, maxModelLen 100, maxNumSeqs 2 (the issue’s case): external 0 and free 110 at steps 0–3', () => {
		const rows = compare('orca-pow2', requests(3, 50, 30));
		for (const r of rows.slice(0, 4)) {
			expect(r.engine.externalFragmentation, `step ${r.step}`).toBe(0);
			expect(r.engine.free, `step ${r.step}`).toBe(110);
		}
		for (const r of rows) expect(r.painted, `step ${r.step}`).toEqual(r.engine);
	});

	it.each(['orca-max', 'orca-pow2', 'orca-oracle'])('%s: every step, every category, on a mixed workload', (allocator) => {
		const mixed = [...requests(2, 40, 50), ...requests(2, 12, 9).map((r, i) => ({ ...r, id: `s${i}`, arrivalStep: 2 + i }))];
		for (const r of compare(allocator, mixed)) expect(r.painted, `step ${r.step}`).toEqual(r.engine);
	});
});
