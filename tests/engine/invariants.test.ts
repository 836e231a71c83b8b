/**
 * Property tests over random configs and workloads, for every allocator: no block leaks,
 * ref counts match the tables, finished requests hold nothing, the five memory categories
 * sum to the pool, no step passes maxNumSeqs or maxNumBatchedTokens (groups included), replay reproduces the engine's state after every step, and the same
 * seed gives the same stream.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_HASH } from '../../src/lib/engine/memory/block-hash';
import { ALLOCATORS, parseConfig, type EngineConfig } from '../../src/lib/engine/config';
import { Engine } from '../../src/lib/engine/engine';
import { EventLog } from '../../src/lib/events/event-log';
import { SyntheticExecutor } from '../../src/lib/engine/synthetic-executor';
import type { KVCacheManager } from '../../src/lib/engine/memory/kv-cache-manager';
import { MEMORY_CATEGORIES } from '../../src/lib/engine/memory/categories';
import { Replay } from '../../src/lib/replay/replay';
import type { ReplayState } from '../../src/lib/replay/state';
import type { RequestSpec } from '../../src/lib/workload/request';

const configArb = fc
	.record({
		blockSize: fc.constantFrom(1, 2, 4, 8, 16),
		numGpuBlocks: fc.integer({ min: 4, max: 48 }),
		numCpuBlocks: fc.integer({ min: 0, max: 32 }),
		maxNumSeqs: fc.integer({ min: 1, max: 8 }),
		maxModelLen: fc.integer({ min: 8, max: 96 }),
		extraBudget: fc.integer({ min: 0, max: 64 }),
		enablePrefixCaching: fc.boolean(),
		enableChunkedPrefill: fc.boolean(),
		longPrefillTokenThreshold: fc.integer({ min: 0, max: 12 }),
		preemptionMode: fc.constantFrom('recompute', 'swap', 'auto'),
		watermark: fc.constantFrom(0, 0, 0.05, 0.2),
		allocator: fc.constantFrom(...ALLOCATORS),
		seed: fc.integer({ min: 0, max: 1000 })
	})
	.map(({ extraBudget, ...c }): EngineConfig => {
		const budget = c.enableChunkedPrefill ? 1 + extraBudget : c.maxModelLen - 1 + extraBudget;
		return parseConfig({ ...c, maxNumBatchedTokens: budget }, 'property');
	});

const requestArb = fc.record({
	arrivalStep: fc.integer({ min: 0, max: 15 }),
	// A tiny vocabulary makes shared prefixes, and so prefix hits, common.
	promptTokens: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 50 }),
	outputLen: fc.integer({ min: 1, max: 30 }),
	n: fc.constantFrom(1, 1, 1, 2, 3),
	beamWidth: fc.constantFrom(1, 1, 1, 1, 2, 3)
});

const workloadArb = fc
	.array(requestArb, { minLength: 1, maxLength: 10 })
	.map((rs): RequestSpec[] => rs.map((r, i) => ({ id: `r${i}`, ...r, n: r.beamWidth > 1 ? 1 : r.n })));


/** Run step by step, checking invariants after every step; returns the stream and per-step engine states. */
function runChecked(config: EngineConfig, requests: RequestSpec[]) {
	const log = new EventLog(true);
	const executor = new BatchLimits(config);
	const engine = new Engine(config, requests, { sink: log, executor });
	const states: ReturnType<typeof engineState>[] = [];
	let guard = 0;
	while (engine.step()) {
		if (++guard > 5000) throw new Error('engine did not finish in 5000 steps');
		checkInvariants(engine);
		checkLimits(engine);
		states.push(engineState(engine));
	}
	for (const g of engine.groups) expect(['finished', 'rejected']).toContain(g.status);
	if (config.allocator === 'paged') expect((engine.kv as KVCacheManager).pool.numFree).toBe(config.numGpuBlocks);
	return { events: log.events!, states, engine };
}

/** The executor's view of every batch: what is really computed must fit both limits. */
class BatchLimits extends SyntheticExecutor {
	constructor(private readonly config: EngineConfig) {
		super();
	}
	override execute(batch: Parameters<SyntheticExecutor['execute']>[0]) {
		let tokens = 0;
		for (const s of batch.seqs) tokens += s.numTokens;
		expect(batch.seqs.length, `sequences computed at step ${batch.step}`).toBeLessThanOrEqual(this.config.maxNumSeqs);
		expect(tokens, `tokens computed at step ${batch.step}`).toBeLessThanOrEqual(this.config.maxNumBatchedTokens);
		return super.execute(batch);
	}
}

/** After the step (forks included): running sequences and the reported batch within the limits. */
function checkLimits(engine: Engine): void {
	const { maxNumSeqs, maxNumBatchedTokens } = engine.config;
	let running = 0;
	for (const g of engine.groups) if (g.status === 'running') running += g.seqs.length;
	expect(running, `running sequences after step ${engine.stepNo - 1}`).toBeLessThanOrEqual(maxNumSeqs);
	expect(engine.lastStep!.batchSeqs).toBeLessThanOrEqual(maxNumSeqs);
	expect(engine.lastStep!.batchTokens).toBeLessThanOrEqual(maxNumBatchedTokens);
}

function checkInvariants(engine: Engine): void {
	const { config } = engine;
	for (const g of engine.groups)
		if (g.status === 'finished' || g.status === 'rejected' || g.status === 'waiting')
			for (const s of g.seqs) expect(s.blockTable, `${g.id} (${g.status}) holds blocks`).toEqual([]);
	if (config.allocator !== 'paged') return;
	const kv = engine.kv as KVCacheManager;
	const gpuHolders = new Int32Array(config.numGpuBlocks);
	const cpuHolders = new Int32Array(config.numCpuBlocks);
	for (const g of engine.groups)
		for (const s of g.seqs) for (const b of s.blockTable) (g.status === 'swapped' ? cpuHolders : gpuHolders)[b]++;
	let used = 0;
	for (let b = 0; b < config.numGpuBlocks; b++) {
		expect(kv.pool.refCount[b], `ref count of block ${b}`).toBe(gpuHolders[b]);
		expect(kv.pool.freeQueue.has(b), `block ${b} free iff unreferenced`).toBe(gpuHolders[b] === 0);
		if (gpuHolders[b] > 0) used++;
	}
	expect(kv.pool.numFree + used).toBe(config.numGpuBlocks);
	for (let b = 0; b < config.numCpuBlocks; b++) expect(kv.cpuRefCount[b], `cpu block ${b}`).toBe(cpuHolders[b]);
}

function engineState(engine: Engine) {
	const requests = engine.groups.map((g) => ({
		id: g.id,
		status: g.status,
		seqs: g.seqs.map((s) => ({ seq: s.id, blockTable: [...s.blockTable], numComputed: s.numComputed, tokens: [...s.tokens] }))
	}));
	if (engine.config.allocator !== 'paged') return { requests };
	const kv = engine.kv as KVCacheManager;
	return {
		requests,
		refCount: Array.from(kv.pool.refCount),
		cached: Array.from(kv.pool.hash, (h) => h !== NO_HASH),
		freeQueue: kv.pool.freeQueue.toArray()
	};
}

function replayedState(s: ReplayState) {
	const requests = [...s.requests.values()].map((r) => ({
		id: r.id,
		status: r.status,
		seqs: r.seqs.map((q) => ({ seq: q.seq, blockTable: q.blockTable, numComputed: q.numComputed, tokens: q.tokens }))
	}));
	if (s.config.allocator !== 'paged') return { requests };
	return {
		requests,
		refCount: s.gpu.map((b) => b.refCount),
		cached: s.gpu.map((b) => b.cached),
		freeQueue: s.freeQueue
	};
}

describe('engine invariants (property-based)', () => {
	it('hold after every step for every allocator, and replay equals the engine', () => {
		fc.assert(
			fc.property(configArb, workloadArb, (config, requests) => {
				const { events, states } = runChecked(config, requests);
				const pool = config.numGpuBlocks * config.blockSize;
				for (const e of events) {
					if (e.type !== 'step_end') continue;
					const sum = MEMORY_CATEGORIES.reduce((a, k) => a + e.memory[k], 0);
					expect(sum, `memory categories at step ${e.step}`).toBe(pool);
					for (const k of MEMORY_CATEGORIES) expect(e.memory[k]).toBeGreaterThanOrEqual(0);
				}
				const replay = new Replay(events, 32);
				expect(replay.stepEnds).toHaveLength(states.length);
				replay.stepEnds.forEach((cursor, i) => {
					expect(replayedState(replay.stateAt(cursor)), `replay after step #${i}`).toEqual(states[i]);
				});
			}),
			{ numRuns: 400 }
		);
	});

	it('the same seed gives the same event stream, byte for byte', () => {
		fc.assert(
			fc.property(configArb, workloadArb, (config, requests) => {
				const a = runChecked(config, requests).events;
				const b = runChecked(config, structuredClone(requests)).events;
				expect(JSON.stringify(b)).toBe(JSON.stringify(a));
			}),
			{ numRuns: 60 }
		);
	});
});
