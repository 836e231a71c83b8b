/**
 * A plain copy of the engine's live state, for tests and experiments: what the scheduler
 * holds and what the pool says, without reaching into private fields. Copies, so a
 * caller may keep one per step.
 */
import { NO_HASH } from './memory/block-hash';
import { KVCacheManager } from './memory/kv-cache-manager';
import type { Engine } from './engine';
import type { GroupStatus, SequenceGroup } from './sequence';

export interface InspectedSeq {
	seq: number;
	/** Physical block ids (CPU ids while swapped out). */
	blockTable: number[];
	numComputed: number;
	tokens: number[];
}

export interface InspectedRequest {
	id: string;
	status: GroupStatus;
	seqs: InspectedSeq[];
}

export interface EngineInspection {
	/** Requests the scheduler holds (running, swapped, waiting), in that order. */
	requests: InspectedRequest[];
	/** Sequences of running groups. */
	runningSeqs: number;
	/** The paged pool; null for the contiguous allocators. */
	gpu: { refCount: number[]; cached: boolean[]; freeQueue: number[] } | null;
	cpuRefCount: number[] | null;
}

export function inspectEngine(engine: Engine): EngineInspection {
	const sched = engine.scheduler;
	const groups: SequenceGroup[] = [...sched.running, ...sched.swapped, ...sched.waiting.toArray()];
	const requests = groups.map((g) => ({
		id: g.id,
		status: g.status,
		seqs: g.seqs.map((s) => ({ seq: s.id, blockTable: [...s.blockTable], numComputed: s.numComputed, tokens: [...s.tokens] }))
	}));
	let runningSeqs = 0;
	for (const g of sched.running) runningSeqs += g.seqs.length;
	const kv = engine.kv;
	if (!(kv instanceof KVCacheManager)) return { requests, runningSeqs, gpu: null, cpuRefCount: null };
	return {
		requests,
		runningSeqs,
		gpu: {
			refCount: Array.from(kv.pool.refCount),
			cached: Array.from(kv.pool.hash, (h) => h !== NO_HASH),
			freeQueue: kv.pool.freeQueue.toArray()
		},
		cpuRefCount: Array.from(kv.cpuRefCount)
	};
}

/** Block-table entries of the running sequences, and the distinct GPU blocks behind them: sharing saves the difference. */
export function runningBlocks(engine: Engine): { logical: number; physical: number } {
	const distinct = new Set<number>();
	let logical = 0;
	for (const g of engine.scheduler.running)
		for (const seq of g.seqs) {
			logical += seq.blockTable.length;
			for (const b of seq.blockTable) distinct.add(b);
		}
	return { logical, physical: distinct.size };
}
