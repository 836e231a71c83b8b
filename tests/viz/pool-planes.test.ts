/**
 * The pool map draws from the replayed pool's arrays (layout/pool-planes.ts) instead of one
 * object per block: for real replayed states, at every step, the colours, empty-slot shades
 * and fill levels it draws equal those the map drew from block objects before, the planes
 * are read without making the blocks, and one block's holders are those the lab names.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/engine/config';
import { simulate } from '../../src/lib/engine/simulate';
import { EventStore } from '../../src/lib/events/store';
import { Replay } from '../../src/lib/replay/replay';
import type { BlockState, ReplayState } from '../../src/lib/replay/state';
import { blockKind, kindAt, mixPacked, poolColors, type ColorOptions, type PoolPalette } from '../../src/lib/layout/pool-map';
import { gpuPlanes, planesOf, usedBlocks } from '../../src/lib/layout/pool-planes';
import { holdersOf, nullBlockId, sharedHolders } from '../../src/lib/layout/block-holders';
import type { RequestSpec } from '../../src/lib/workload/request';

const PAL: PoolPalette = {
	free: 0xff010101,
	used: 0xff020202,
	shared: 0xff030303,
	cached: 0xff040404,
	null: 0xff050505,
	background: 0xff090909
};
const MEMORY_EMPTY = 0xff0a0a0a;
/** A distinct colour per arrival index (grey, as requestColor(-1), for none found). */
const reqColor = (index: number) => (index < 0 ? 0xff999999 : (0xff000000 | (index * 7919 + 11)) >>> 0);

/** The map's colours as drawn from block objects before the planes (PoolMap.canvas.svelte, pool-map.ts). */
function colorsFromBlocks(blocks: readonly BlockState[], requests: ReplayState['requests'], o: ColorOptions, blockSize: number) {
	const n = blocks.length;
	const main = new Uint32Array(n);
	const empty = new Uint32Array(n);
	const fill = new Float32Array(n);
	blocks.forEach((b, i) => {
		const kind = blockKind(b);
		let c = o.palette[kind];
		if (o.byRequest && b.owner && (kind === 'used' || kind === 'cached')) {
			const rc = reqColor(requests.get(b.owner)?.index ?? -1);
			c = kind === 'used' ? rc : mixPacked(o.palette.free, rc, 0.35);
		}
		main[i] = c;
		const held = kind === 'used' || kind === 'shared';
		empty[i] = held ? (o.emptyColor ?? mixPacked(o.palette.free, c, 0.3)) : c;
		fill[i] = held ? Math.min(1, b.fill / Math.max(1, blockSize)) : 1;
	});
	return { main, empty, fill };
}

// Shared prompts (prefix hits), two samples a request (forked, shared blocks), a pool small
// enough to preempt and to leave free blocks cached.
const prompt = (i: number) => [...Array(40).fill(7), ...Array(10 + (i % 5) * 7).fill(100 + i)];
const specs: RequestSpec[] = Array.from({ length: 24 }, (_, i) => ({
	id: `q${i}`,
	arrivalStep: Math.floor(i / 3),
	promptTokens: prompt(i),
	outputLen: 6 + (i % 4) * 5,
	n: i % 3 === 0 ? 2 : 1
}));

function replayed(semantics: 'paper' | 'v1', cpu: number) {
	const config = parseConfig({
		blockSize: 8,
		numGpuBlocks: 40,
		numCpuBlocks: cpu,
		maxNumSeqs: 8,
		maxNumBatchedTokens: 256,
		maxModelLen: 256,
		enablePrefixCaching: true,
		preemptionMode: cpu > 0 ? 'swap' : 'recompute',
		semantics
	});
	const { events } = simulate(config, specs);
	return new Replay(EventStore.fromEvents(events));
}

/** A state whose `gpu` throws: reading it would make an object per block. */
const noBlocks = (s: ReplayState): ReplayState =>
	new Proxy(s, {
		get(target, key) {
			if (key === 'gpu') throw new Error('read state.gpu');
			return Reflect.get(target, key);
		}
	});

describe.each([
	['paper', 0],
	['paper', 16],
	['v1', 0]
] as const)('pool planes of a replayed run (%s semantics, %i CPU blocks)', (semantics, cpu) => {
	const replay = replayed(semantics, cpu);

	it('every step: the colours drawn from the arrays are those drawn from the block objects', () => {
		const seen = new Set<string>();
		for (const cursor of replay.stepEnds) {
			const s = replay.stateAt(cursor);
			const planes = gpuPlanes(noBlocks(s));
			expect(planes.count).toBe(s.config.numGpuBlocks);
			s.gpu.forEach((b, i) => {
				expect(kindAt(planes, i), `step ${s.step} block ${i}`).toBe(blockKind(b));
				seen.add(blockKind(b));
			});
			expect(usedBlocks(planes)).toBe(s.gpu.filter((b) => b.refCount > 0).length);
			for (const byRequest of [false, true])
				for (const emptyColor of [undefined, MEMORY_EMPTY]) {
					const o: ColorOptions = { palette: PAL, byRequest, requestColor: reqColor, emptyColor };
					const want = colorsFromBlocks(s.gpu, s.requests, o, s.config.blockSize);
					const got = poolColors(planes, o, undefined, s.config.blockSize);
					expect([...got.main], `step ${s.step} main`).toEqual([...want.main]);
					expect([...got.empty], `step ${s.step} empty`).toEqual([...want.empty]);
					expect([...got.fill], `step ${s.step} fill`).toEqual([...want.fill]);
					// Planes filled from the objects (the CPU pool's path) draw the same.
					expect([...poolColors(planesOf(s.gpu, s.requests, nullBlockId(s)), o, undefined, s.config.blockSize).main]).toEqual([
						...want.main
					]);
				}
			if (cpu > 0) {
				const cp = planesOf(s.cpu, s.requests);
				s.cpu.forEach((b, i) => expect(kindAt(cp, i)).toBe(blockKind(b)));
			}
		}
		// The run reaches every kind the map draws (else the comparison proves little).
		expect([...seen].sort()).toEqual(
			semantics === 'v1' ? ['cached', 'free', 'null', 'shared', 'used'] : ['cached', 'free', 'shared', 'used']
		);
	});

	it('a shared block read out names the holders the lab names', () => {
		let shared = 0;
		for (const cursor of replay.stepEnds) {
			const s = replay.stateAt(cursor);
			for (const [b, holders] of sharedHolders(noBlocks(s))) {
				expect(holdersOf(s, 'gpu', b)).toEqual(holders);
				shared++;
			}
		}
		expect(shared).toBeGreaterThan(0);
	});
});
