/**
 * The walkthrough's pictures (issues 13 and 10): decoding with and without the cache, static
 * vs continuous batching from the engine's events, the hash chain with every holder, the
 * callouts' steps, and chapter 10's question agreeing with its answer and the lab's slider.
 */
import { describe, expect, it } from 'vitest';
import { CHAPTERS, readerConfig } from '../../src/lib/learn/chapters';
import { answerVars } from '../../src/lib/learn/answers';
import { kvStep, kvStepFromTrace } from '../../src/lib/learn/kv-steps';
import type { KvTrace } from '../../src/lib/model/kv-trace';
import { CHAPTER9_OUTPUTS, chapter9Lanes, layoutBars } from '../../src/lib/learn/batching';
import { calloutsFor } from '../../src/lib/learn/callouts';
import { chainRows } from '../../src/lib/learn/hash-chain';
import { simulate } from '../../src/lib/engine/simulate';
import { generateWorkload } from '../../src/lib/workload/workload';
import { cursorForStep, runSimulation } from '../../src/lib/replay/run';
import { CONFIG_PARAMS } from '../../src/lib/params/schema';

const chapter = (n: number) => CHAPTERS[n - 1];
const requestsOf = (n: number) => generateWorkload({ ...chapter(n).workload });

describe('chapter 3: decoding with and without the cache', () => {
	it.each([
		// prompt, length, step → context, computed without, computed with, totals
		[6, 16, 0, 6, 6, 6, 6, 6],
		[6, 16, 1, 7, 7, 1, 13, 7],
		[6, 16, 3, 9, 9, 1, 6 + 7 + 8 + 9, 9],
		[6, 16, 10, 16, 16, 1, 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16, 16]
	])(
		'prompt %i, %i positions, step %i: context %i, %i vs %i computed',
		(prompt, length, step, n, without, withCache, totalWithout, totalWith) => {
			const s = kvStep(prompt, length, step);
			expect(s.n).toBe(n);
			expect(s.without.filter((c) => c === 'computed').length).toBe(without);
			expect(s.with.filter((c) => c === 'computed').length).toBe(withCache);
			expect(s.with.filter((c) => c === 'read').length).toBe(step === 0 ? 0 : n - 1);
			expect([s.totalWithout, s.totalWith]).toEqual([totalWithout, totalWith]);
		}
	);

	it('from the model worker’s trace: the same cells, counted from the rows its forward passes computed', () => {
		const prompt = 6;
		const length = 16;
		const steps = Array.from({ length: length - prompt + 1 }, (_, s) => ({
			n: prompt + s,
			computedWithout: prompt + s,
			computedWith: s === 0 ? prompt : 1,
			without: { k: [], v: [] },
			with: { k: [], v: [] },
			maxDiff: 0
		}));
		const trace = { chars: [...'In the beginning'], steps } as unknown as KvTrace;
		for (const step of [0, 1, 3, 10]) expect(kvStepFromTrace(trace, step), `step ${step}`).toEqual(kvStep(prompt, length, step));
		// A step that computed two rows is drawn (and counted) as two, whatever the formula says.
		steps[2].computedWith = 2;
		const s = kvStepFromTrace(trace, 2);
		expect(s.with.slice(0, 9)).toEqual([...Array(6).fill('read'), 'computed', 'computed', 'future']);
		expect(s.totalWith).toBe(6 + 1 + 2);
	});
});

describe('chapter 9: static vs continuous batching', () => {
	// The lanes the chapter ships (prerendered with the page).
	const lanes = chapter9Lanes();
	const laneOf = (key: string) => lanes.find((l) => l.key === key)!.lane;
	const [stat, orca, paged] = [laneOf('static'), laneOf('orca'), laneOf('paged')];

	it('memory sets the seats: 128 slots hold 4 reservations of 32, and all 8 paged requests', () => {
		expect(orca.peak).toBe(4);
		expect(stat.peak).toBe(4);
		expect(paged.peak).toBe(8);
	});
	it('static batching waits for the longest of each batch; continuous refills a seat at once', () => {
		// Batch 1 (r0..r3) runs max(20, 6, 14, 4) = 20 steps, batch 2 max(22, 10, 8, 16) = 22.
		expect(stat.end).toBe(42);
		expect(orca.end).toBeLessThan(stat.end);
		expect(paged.end).toBeLessThan(orca.end);
		const r4 = orca.bars.find((b) => b.req === 'r4')!;
		expect(r4.start).toBe(4); // r3 (4 output tokens) frees its seat after step 3
	});
	it('every request gets one bar, as long as its output', () => {
		for (const lane of [stat, orca, paged]) {
			expect(lane.bars.map((b) => b.req).sort()).toEqual(CHAPTER9_OUTPUTS.map((_, i) => `r${i}`));
			for (const b of lane.bars) expect(b.end - b.start - b.gaps.length).toBe(CHAPTER9_OUTPUTS[Number(b.req.slice(1))]);
		}
	});
	it.each([
		[
			[
				[0, 1, 2],
				[0, 1],
				[2, 3]
			],
			[0, 1, 1]
		],
		[
			[
				[0, 1],
				[3, 4],
				[1, 2]
			],
			[0, 0, 1]
		]
	])('seats by first fit: %j → rows %j', (steps, rows) => {
		const bars = layoutBars(steps.map((s, i) => ({ req: `r${i}`, steps: s })));
		expect(steps.map((_, i) => bars.find((b) => b.req === `r${i}`)!.row)).toEqual(rows);
	});
});

describe('callouts', () => {
	it('chapter 8: the first preemption, as the answer names it', () => {
		const [c] = calloutsFor(chapter(8).config, requestsOf(8), ['preempted']);
		const a = answerVars(chapter(8));
		expect(c).toMatchObject({ kind: 'preempted', req: a.req, step: a.step });
	});
	it('chapter 7: the first copy-on-write and prefix hit', () => {
		const [cow, hit] = calloutsFor(chapter(7).config, requestsOf(7), ['cow', 'prefix_hit']);
		const events = simulate(chapter(7).config, requestsOf(7)).events;
		expect(cow).toMatchObject({ kind: 'cow', step: events.find((e) => e.type === 'cow')!.step });
		expect(hit).toMatchObject({ kind: 'prefix_hit', step: events.find((e) => e.type === 'prefix_hit')!.step });
	});
	it('say "none" when the run has no such event', () => {
		expect(calloutsFor({ ...chapter(8).config, numGpuBlocks: 4096 }, requestsOf(8), ['preempted'])).toEqual([null]);
	});
});

describe('chapter 7: the hash chain', () => {
	const c = chapter(7);
	const run = runSimulation(c.config, requestsOf(7));
	const snap = run.replay.stateAt(cursorForStep(run, c.step!));
	const rows = chainRows(snap, 'r0');

	it('puts r0’s sequences first', () => {
		expect(rows.slice(0, 3).map((r) => `${r.req}.${r.seq}`)).toEqual(['r0.0', 'r0.1', 'r0.2']);
	});
	it('marks the shared prefix blocks with every holder, not the last owner', () => {
		const first = rows[0].cells[0];
		expect(first.holders.map((h) => h.req)).toEqual(['r0', 'r1', 'r2']);
		expect(first.holders.find((h) => h.req === 'r0')!.seqs).toBe(3);
	});
	it('gives equal hashes to equal whole prefixes only', () => {
		const byReq = (req: string) => rows.find((r) => r.req === req && r.seq === 0)!.cells;
		for (const req of ['r1', 'r2']) {
			expect(byReq(req)[0].hash).toBe(byReq('r0')[0].hash);
			expect(byReq(req)[1].hash).toBe(byReq('r0')[1].hash);
			// The 8-token shared prefix ends at block 1; block 2 differs, so does its hash.
			expect(byReq(req)[2].hash).not.toBe(byReq('r0')[2].hash);
		}
		// Partial blocks have no hash.
		for (const r of rows) for (const cell of r.cells) expect(cell.hash === null).toBe(cell.tokens.length < c.config.blockSize);
	});
});

describe('chapter 6: the block size changes, the memory does not', () => {
	const c = chapter(6);
	it.each([
		[8, 64],
		[16, 32],
		[32, 16],
		[4, 128]
	])('block size %i keeps 512 token slots: %i blocks', (blockSize, blocks) => {
		expect(readerConfig(c, { ...c.config, blockSize }).numGpuBlocks).toBe(blocks);
	});
	it('so 32-token blocks waste more and run fewer requests at once (not "fewer preemptions" from 4× the memory)', () => {
		const run = (blockSize: number) => simulate(readerConfig(c, { ...c.config, blockSize }), requestsOf(6)).summary;
		expect(run(32).memory.internalFragmentation).toBeGreaterThan(run(8).memory.internalFragmentation);
		expect(run(32).avgBatchSize).toBeLessThan(run(8).avgBatchSize);
	});
});

describe('chapter 10: the question and the answer agree', () => {
	const c = chapter(10);
	const a = answerVars(c);
	it('the answer is a bigger pool than the chapter’s (the question says grow it)', () => {
		expect(Number(a.blocks)).toBeGreaterThan(c.config.numGpuBlocks);
		expect(Number(a.startPreemptions)).toBeGreaterThan(0);
		expect(Number(a.belowPreemptions)).toBeGreaterThan(0);
	});
	it('the lab’s GPU-blocks slider reaches it', () => {
		const hint = CONFIG_PARAMS.numGpuBlocks.control;
		expect(hint.kind).toBe('range');
		expect(Number(a.blocks)).toBeLessThanOrEqual((hint as { max: number }).max);
		expect(Number(a.blocks)).toBeGreaterThanOrEqual((hint as { min: number }).min);
	});
});
