/**
 * A pool as per-block arrays (planes), what the pool map draws from: a replayed state's GPU
 * pool as the fold left it (`state.pool`, no copy), or planes filled from block objects (the
 * CPU pool, states built by hand). Reading 131,072 blocks from arrays costs no objects; a
 * state's `gpu` getter makes one per block.
 */
import type { BlockState, ReplayState } from '../replay/state';
import { nullBlockId } from './block-holders';

export interface PoolPlanes {
	count: number;
	refCount: Int32Array;
	/** Arrival index of the request that last allocated or hit the block; -1 none, -2 one not among the requests. */
	owner: Int32Array;
	fill: Int32Array;
	/** 1 while registered in the prefix-cache index. */
	cached: Uint8Array;
	/** vLLM V1's null block, or -1. */
	nullBlock: number;
}

/** Owner index of a block whose owner is not among the state's requests (drawn grey, as requestColor(-1)). */
export const UNKNOWN_OWNER = -2;

/** Planes from block objects; owners become arrival indices through `requests`. */
export function planesOf(blocks: readonly BlockState[], requests: ReadonlyMap<string, { index: number }>, nullBlock = -1): PoolPlanes {
	const n = blocks.length;
	const p: PoolPlanes = {
		count: n,
		refCount: new Int32Array(n),
		owner: new Int32Array(n),
		fill: new Int32Array(n),
		cached: new Uint8Array(n),
		nullBlock
	};
	for (let i = 0; i < n; i++) {
		const b = blocks[i];
		p.refCount[i] = b.refCount;
		p.owner[i] = b.owner === null ? -1 : (requests.get(b.owner)?.index ?? UNKNOWN_OWNER);
		p.fill[i] = b.fill;
		p.cached[i] = b.cached ? 1 : 0;
		if (b.nullBlock) p.nullBlock = i;
	}
	return p;
}

/**
 * The GPU pool of a state: its arrays when the replay made it (the fold's owner is the request's
 * arrival index, RequestState.index), else planes from its blocks.
 */
export function gpuPlanes(state: ReplayState): PoolPlanes {
	const nullBlock = nullBlockId(state);
	const pool = state.pool;
	if (!pool) return planesOf(state.gpu, state.requests, nullBlock);
	return { count: pool.refCount.length, ...pool, nullBlock };
}

/** The CPU (swap) pool of a state: its arrays when the replay made it, else planes from its blocks. */
export function cpuPlanes(state: ReplayState): PoolPlanes {
	const pool = state.cpuPool;
	if (!pool) return planesOf(state.cpu, state.requests);
	return { count: pool.refCount.length, ...pool, nullBlock: -1 };
}

/** Blocks with a reference (the null block has none). */
export function usedBlocks(p: PoolPlanes): number {
	let n = 0;
	for (let i = 0; i < p.count; i++) if (p.refCount[i] > 0) n++;
	return n;
}
