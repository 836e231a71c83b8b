/**
 * Property tests over random configs and workloads, for every allocator: no block leaks,
 * ref counts match the tables, finished requests hold nothing, the five memory categories
 * sum to the pool, no step passes maxNumSeqs or maxNumBatchedTokens (groups included), replay reproduces the engine's state after every step, and the same
 * seed gives the same stream.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOCATORS, parseConfig, type EngineConfig } from '../../src/lib/engine/config';
import { Engine } from '../../src/lib/engine/engine';
import { EventLog } from '../../src/lib/events/event-log';
import { SyntheticExecutor } from '../../src/lib/engine/synthetic-executor';
import { inspectEngine } from '../../src/lib/engine/inspect';
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
		semantics: fc.constantFrom('paper', 'paper', 'v1'),
		seed: fc.integer({ min: 0, max: 1000 })
	})
	.map(({ extraBudget, ...c }): EngineConfig => {
		const budget = c.enableChunkedPrefill ? 1 + extraBudget : c.maxModelLen - 1 + extraBudget;
		// vLLM V1: paged, recompute only, no swap space.
		const v1 = c.semantics === 'v1' ? { allocator: 'paged', preemptionMode: 'recompute', numCpuBlocks: 0 } : {};
		return parseConfig({ ...c, ...v1, maxNumBatchedTokens: budget }, 'property');
	});

/** Blocks a request can hold: vLLM V1 keeps block 0 back as its null block. */
const usable = (c: EngineConfig) => c.numGpuBlocks - (c.semantics === 'v1' ? 1 : 0);

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
	// vLLM V1 runs beam search outside the engine (the engine refuses it: a test of its own).
	if (config.semantics === 'v1') requests = requests.map((r) => ({ ...r, beamWidth: 1 }));
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
	const end = inspectEngine(engine);
	expect(end.requests, 'every request finished or rejected').toEqual([]);
	expect(log.counts.finished + log.counts.rejected).toBe(log.counts.arrived);
	if (end.gpu) expect(end.gpu.freeQueue).toHaveLength(usable(config));
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
		// Plain checks: this runs every step of hundreds of runs.
		if (batch.seqs.length > this.config.maxNumSeqs)
			throw new Error(`step ${batch.step} computes ${batch.seqs.length} sequences > maxNumSeqs`);
		if (tokens > this.config.maxNumBatchedTokens) throw new Error(`step ${batch.step} computes ${tokens} tokens > maxNumBatchedTokens`);
		return super.execute(batch);
	}
}

/** After the step (forks included): running sequences and the reported batch within the limits. */
function checkLimits(engine: Engine): void {
	const { maxNumSeqs, maxNumBatchedTokens } = engine.config;
	// Seats held (every sequence a running group may fork into) bound the sequences running.
	const seats = engine.scheduler.numRunningSeqs;
	const { batchSeqs, batchTokens } = engine.lastStep!;
	if (seats > maxNumSeqs || batchSeqs > maxNumSeqs || batchTokens > maxNumBatchedTokens)
		throw new Error(
			`after step ${engine.stepNo - 1}: ${seats} seats, ${batchSeqs} sequences, ${batchTokens} tokens (limits ${maxNumSeqs}, ${maxNumBatchedTokens})`
		);
}

/** Waiting requests hold nothing; every ref count equals the live tables holding the block (so finished ones hold nothing either). */
function checkInvariants(engine: Engine): void {
	const { config } = engine;
	const now = inspectEngine(engine);
	for (const r of now.requests)
		if (r.status === 'waiting') for (const s of r.seqs) expect(s.blockTable, `${r.id} (waiting) holds blocks`).toEqual([]);
	if (!now.gpu) return;
	const gpuHolders = new Int32Array(config.numGpuBlocks);
	const cpuHolders = new Int32Array(config.numCpuBlocks);
	for (const r of now.requests)
		for (const s of r.seqs) for (const b of s.blockTable) (r.status === 'swapped' ? cpuHolders : gpuHolders)[b]++;
	const free = new Set(now.gpu.freeQueue);
	let used = 0;
	const first = config.numGpuBlocks - usable(config);
	for (let b = 0; b < first; b++)
		expect([now.gpu.refCount[b], free.has(b), gpuHolders[b]], 'the null block is never free nor held').toEqual([0, false, 0]);
	for (let b = first; b < config.numGpuBlocks; b++) {
		expect(now.gpu.refCount[b], `ref count of block ${b}`).toBe(gpuHolders[b]);
		expect(free.has(b), `block ${b} free iff unreferenced`).toBe(gpuHolders[b] === 0);
		if (gpuHolders[b] > 0) used++;
	}
	expect(free.size + used).toBe(usable(config));
	for (let b = 0; b < config.numCpuBlocks; b++) expect(now.cpuRefCount![b], `cpu block ${b}`).toBe(cpuHolders[b]);
}

/** The live requests (sorted by id) and the pool, as the engine holds them. */
function engineState(engine: Engine) {
	const now = inspectEngine(engine);
	const requests = now.requests.sort((a, b) => (a.id < b.id ? -1 : 1));
	return now.gpu ? { requests, ...now.gpu } : { requests };
}

const LIVE = new Set(['waiting', 'running', 'swapped']);

/** The same, folded from the events: finished and rejected requests are no longer the engine's. */
function replayedState(s: ReplayState) {
	const live = [...s.requests.values()].filter((r) => LIVE.has(r.status)).sort((a, b) => (a.id < b.id ? -1 : 1));
	const requests = live.map((r) => ({
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
				const pool = usable(config) * config.blockSize;
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
