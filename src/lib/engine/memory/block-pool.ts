/**
 * The GPU block pool (vLLM V1's BlockPool): ref counts, the free queue, and the
 * prefix-cache index. A freed block keeps its hash until it is popped for reuse
 * (lazy eviction), so a later request can still hit it.
 */
import { FreeQueue } from './free-queue';
import { NO_HASH } from './block-hash';
import { HashIndex } from './hash-index';
import type { EventSink } from '../../events/sink';

export class BlockPool {
	readonly refCount: Int32Array;
	/** Hash of a cached block, NO_HASH otherwise. */
	readonly hash: Float64Array;
	/** Slots holding computed K/V, for the memory breakdown. */
	readonly fill: Int32Array;
	readonly freeQueue: FreeQueue;
	/** hash → the first cached block with it; later blocks with the same hash follow in `dupNext`. */
	private readonly index: HashIndex;
	/**
	 * Blocks cached under one hash, in caching order (vLLM's BlockHashToBlockMap keeps them
	 * all: two requests computing the same block in one step both cache it). -1 ends a chain.
	 */
	private readonly dupNext: Int32Array;
	private readonly dupPrev: Int32Array;
	/** Blocks holding a hash (duplicates counted). */
	numCached = 0;
	/** Sum of `fill` over blocks in use (refCount > 0). */
	usedFill = 0;
	peakUsed = 0;
	/** Blocks requests can hold: all of them, or all but vLLM V1's null block. */
	readonly numUsable: number;

	/**
	 * `nullBlock`: block 0 is vLLM V1's null block, a placeholder never allocated, freed or
	 * counted as free (vLLM's `BlockPool.null_block = free_block_queue.popleft()`).
	 */
	constructor(
		readonly numBlocks: number,
		private readonly sink: EventSink,
		readonly nullBlock = false
	) {
		this.refCount = new Int32Array(numBlocks);
		this.hash = new Float64Array(numBlocks).fill(NO_HASH);
		this.fill = new Int32Array(numBlocks);
		this.freeQueue = new FreeQueue(numBlocks);
		this.index = new HashIndex(numBlocks);
		this.dupNext = new Int32Array(numBlocks).fill(-1);
		this.dupPrev = new Int32Array(numBlocks).fill(-1);
		if (nullBlock) this.freeQueue.popHead();
		this.numUsable = numBlocks - (nullBlock ? 1 : 0);
	}

	get numFree(): number {
		return this.freeQueue.size;
	}

	get numUsed(): number {
		return this.numUsable - this.freeQueue.size;
	}

	/** A fresh block for `req`: pop the head of the free queue, evicting its cached hash. */
	allocate(): number {
		const id = this.freeQueue.popHead();
		if (this.hash[id] !== NO_HASH) {
			this.uncache(id);
			this.sink.blockEvicted(id);
		}
		this.refCount[id] = 1;
		this.fill[id] = 0;
		this.notePeak();
		return id;
	}

	/** Another holder for a block (prefix hit or fork); a free cached block leaves the queue. */
	touch(id: number): void {
		if (this.refCount[id]++ === 0) {
			this.freeQueue.remove(id);
			this.usedFill += this.fill[id];
			this.notePeak();
		}
	}

	/** One holder fewer; at zero the block goes to the tail of the free queue. */
	release(id: number): void {
		const ref = --this.refCount[id];
		if (ref > 0) return;
		if (ref < 0) throw new Error(`block ${id} released more often than held`);
		this.freeQueue.append(id);
		this.usedFill -= this.fill[id];
		this.sink.blockFreed(id, 'gpu');
	}

	/** Record that slots up to `slots` of an in-use block hold computed K/V. */
	setFill(id: number, slots: number): void {
		const old = this.fill[id];
		if (slots > old) {
			this.fill[id] = slots;
			this.usedFill += slots - old;
		}
	}

	lookup(hash: number): number {
		return this.index.get(hash);
	}

	/**
	 * Register a full block in the index; false if this block is already cached. A block
	 * equal to one already cached is kept beside it, so evicting one copy leaves the other
	 * to hit; lookups answer the first cached (vLLM's get_one_block).
	 */
	cache(id: number, hash: number): boolean {
		if (this.hash[id] !== NO_HASH) return false;
		let last = this.index.get(hash);
		if (last < 0) this.index.set(hash, id);
		else {
			while (this.dupNext[last] >= 0) last = this.dupNext[last];
			this.dupNext[last] = id;
			this.dupPrev[id] = last;
		}
		this.hash[id] = hash;
		this.numCached++;
		return true;
	}

	/** Drop one block from its hash's chain (eviction), keeping any equal block cached. */
	private uncache(id: number): void {
		const hash = this.hash[id];
		const prev = this.dupPrev[id];
		const next = this.dupNext[id];
		if (prev >= 0) this.dupNext[prev] = next;
		else if (next >= 0) this.index.set(hash, next);
		else this.index.delete(hash);
		if (next >= 0) this.dupPrev[next] = prev;
		this.dupNext[id] = this.dupPrev[id] = -1;
		this.hash[id] = NO_HASH;
		this.numCached--;
	}

	private notePeak(): void {
		const used = this.numUsed;
		if (used > this.peakUsed) this.peakUsed = used;
	}
}
