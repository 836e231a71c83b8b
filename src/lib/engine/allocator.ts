/**
 * What the scheduler asks of KV memory. `paged` (kv-cache-manager.ts) and the contiguous
 * Orca baselines (contiguous-allocator.ts) both implement it, so one scheduler loop
 * drives every allocator on the same workload.
 */
import type { BlockOps } from './executor';
import type { MemoryBreakdown } from './memory/categories';
import type { RejectReason } from '../events/events';
import type { SequenceGroup, Sequence } from './sequence';

export interface CachedPrefix {
	blocks: number[];
	numTokens: number;
}

export const NO_PREFIX: CachedPrefix = Object.freeze({ blocks: [], numTokens: 0 }) as CachedPrefix;

export interface KvAllocator {
	/** The reason a new request can never run here, or null. */
	rejectReason(group: SequenceGroup): RejectReason | null;
	/**
	 * Longest cached prefix of a waiting single-sequence group (at most numTokens - 1
	 * tokens). The answer is valid until the next call.
	 */
	findCachedPrefix(group: SequenceGroup): CachedPrefix;
	/**
	 * Slots for `numNew` more tokens of every sequence of the group, after taking the
	 * cached prefix. All-or-nothing: on false nothing changed. `reserveBlocks` must stay
	 * free afterwards (the admission watermark).
	 */
	allocateSlots(group: SequenceGroup, numNew: number, prefix: CachedPrefix, reserveBlocks: number): boolean;
	/**
	 * Whether the waiting group could not be admitted even into an empty pool with
	 * `reserveBlocks` kept free: a request preempted after decoding can outgrow the room
	 * beside the watermark (vLLM V0's AllocStatus.NEVER).
	 */
	neverFits(group: SequenceGroup, reserveBlocks: number): boolean;
	/** Release everything the group holds (finish, or preemption by recompute). */
	free(group: SequenceGroup): void;
	/** `child` shares all of `parent`'s blocks. */
	fork(group: SequenceGroup, parent: Sequence, child: Sequence): void;
	/** Release one sequence of a group (a pruned beam). */
	freeSeq(group: SequenceGroup, seq: Sequence): void;
	/** Whether swap space can take all of the group's blocks. */
	canSwapOut(group: SequenceGroup): boolean;
	/** Move the group's blocks to CPU (check canSwapOut first). */
	swapOut(group: SequenceGroup): void;
	/** Whether the group can come back and then compute `numNew` tokens per sequence. */
	canSwapIn(group: SequenceGroup, numNew: number): boolean;
	swapIn(group: SequenceGroup): void;
	/** Slot categories now; `head` is the request at the head of the waiting queue. */
	memory(head: SequenceGroup | undefined): MemoryBreakdown;
	readonly numFreeBlocks: number;
	/** Blocks requests can hold (vLLM V1 keeps block 0 back as its null block). */
	readonly numUsableBlocks: number;
	readonly peakUsedBlocks: number;
	/** Prefix-cache lookups and hits in tokens (vLLM's PrefixCacheStats); zero where there is no prefix cache. */
	readonly prefixCacheStats: { readonly queries: number; readonly hits: number };
	/** Block copies and swaps queued for the executor since the last take. */
	takeOps(): BlockOps;
}
