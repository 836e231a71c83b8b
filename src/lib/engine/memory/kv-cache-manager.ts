/**
 * The paged KV-cache manager: per-sequence block tables over the block pool, allocated on
 * demand, shared by prefix hits and forks, copied on write, swapped to CPU blocks.
 */
import { NO_PREFIX, type CachedPrefix, type KvAllocator } from '../allocator';
import { BlockPool } from './block-pool';
import { hashBlock, NO_HASH } from './block-hash';
import { watermarkBlocks, type EngineConfig } from '../config';
import type { EventSink } from '../../events/sink';
import type { BlockOps } from '../executor';
import type { RejectReason } from '../../events/events';
import { FreeQueue } from './free-queue';
import type { MemoryBreakdown } from './categories';
import type { Sequence, SequenceGroup } from '../sequence';

const EMPTY_OPS: BlockOps = Object.freeze({ copies: [], swapOut: [], swapIn: [] }) as unknown as BlockOps;

export class KVCacheManager implements KvAllocator {
	readonly pool: BlockPool;
	readonly cpuRefCount: Int32Array;
	readonly cpuFill: Int32Array;
	readonly cpuFree: FreeQueue;
	private readonly blockSize: number;
	private ops: BlockOps = EMPTY_OPS;
	private readonly found: CachedPrefix = { blocks: [], numTokens: 0 };
	/**
	 * vLLM's PrefixCacheStats, in tokens: a request's tokens and its hit tokens, counted once
	 * each time it is admitted (again after a preemption). A request waiting at the head of a
	 * full queue is looked up every step; counting each lookup would repeat it thousands of times.
	 */
	readonly prefixCacheStats = { queries: 0, hits: 0 };

	constructor(
		private readonly config: EngineConfig,
		private readonly sink: EventSink
	) {
		this.blockSize = config.blockSize;
		this.pool = new BlockPool(config.numGpuBlocks, sink, config.semantics === 'v1');
		this.cpuRefCount = new Int32Array(config.numCpuBlocks);
		this.cpuFill = new Int32Array(config.numCpuBlocks);
		this.cpuFree = new FreeQueue(config.numCpuBlocks);
	}

	get numFreeBlocks(): number {
		return this.pool.numFree;
	}

	get peakUsedBlocks(): number {
		return this.pool.peakUsed;
	}

	get numUsableBlocks(): number {
		return this.pool.numUsable;
	}

	rejectReason(g: SequenceGroup): RejectReason | null {
		const bs = this.blockSize;
		// Worst case: the prompt's full blocks shared, every sequence owning the rest of its own.
		// The last sampled token finishes the request before its K/V is written (vLLM's
		// test_prefill fits 160 prompt tokens + 1 output in exactly 10 blocks of 16).
		const shared = Math.floor(g.promptLen / bs);
		const worst = shared + g.width * (Math.ceil((g.finalLen - 1) / bs) - shared);
		// Admission keeps the watermark free, so the prompt must fit beside it.
		const watermark = watermarkBlocks(this.config);
		const admit = Math.ceil(g.promptLen / bs) + watermark;
		const usable = this.pool.numUsable;
		return worst > usable || admit > usable ? 'exceeds_pool' : null;
	}

	findCachedPrefix(g: SequenceGroup): CachedPrefix {
		if (!this.config.enablePrefixCaching || g.seqs.length !== 1) return NO_PREFIX;
		const seq = g.seqs[0];
		// The last token is always computed, so at most numTokens - 1 tokens can hit.
		const maxBlocks = Math.floor((seq.tokens.length - 1) / this.blockSize);
		this.ensureHashes(seq, maxBlocks);
		// The head of a full queue is looked up every step: answer from one reused object.
		const found = this.found;
		let n = 0;
		for (; n < maxBlocks; n++) {
			const b = this.pool.lookup(seq.blockHashes[n]);
			if (b < 0) break;
			found.blocks[n] = b;
		}
		if (n === 0) return NO_PREFIX;
		found.blocks.length = n;
		found.numTokens = n * this.blockSize;
		return found;
	}

	allocateSlots(g: SequenceGroup, numNew: number, prefix: CachedPrefix, reserveBlocks: number): boolean {
		const pool = this.pool;
		const bs = this.blockSize;
		if (g.seqs.length === 1 && prefix.blocks.length === 0) {
			// Fast path, most decode steps: the new tokens land in the block already there.
			const seq = g.seqs[0];
			const end = seq.numComputed + numNew;
			const last = seq.blockTable.length - 1;
			if (last >= 0 && end <= (last + 1) * bs && seq.numComputed > last * bs && pool.refCount[seq.blockTable[last]] === 1) {
				pool.setFill(seq.blockTable[last], end - last * bs);
				if (end === (last + 1) * bs && this.config.enablePrefixCaching) this.cacheFullBlocks(g, seq, end);
				return true;
			}
		}
		let need = this.slotNeed(g, numNew, prefix.blocks.length, pool.refCount);
		for (const b of prefix.blocks) if (pool.refCount[b] === 0) need++;
		if (need + reserveBlocks > pool.numFree) return false;

		if (g.seqs.length === 1 && g.seqs[0].numComputed === 0 && this.config.enablePrefixCaching) {
			this.prefixCacheStats.queries += g.seqs[0].tokens.length;
			this.prefixCacheStats.hits += prefix.numTokens;
		}
		if (prefix.blocks.length > 0) this.takePrefix(g, g.seqs[0], prefix);
		for (const seq of g.seqs) {
			const end = seq.numComputed + numNew;
			this.copyOnWrite(g, seq);
			while (seq.blockTable.length * this.blockSize < end) this.appendBlock(g, seq, pool.allocate());
			this.markFilled(seq, end);
			if (this.config.enablePrefixCaching) this.cacheFullBlocks(g, seq, end);
		}
		return true;
	}

	neverFits(g: SequenceGroup, reserveBlocks: number): boolean {
		let need = 0;
		for (const seq of g.seqs) need += Math.ceil(seq.tokens.length / this.blockSize);
		return need + reserveBlocks > this.pool.numUsable;
	}

	free(g: SequenceGroup): void {
		for (const seq of g.seqs) this.releaseTable(seq);
	}

	fork(_g: SequenceGroup, parent: Sequence, child: Sequence): void {
		for (const b of parent.blockTable) this.pool.touch(b);
		child.blockTable = parent.blockTable.slice();
		child.blockHashes = parent.blockHashes.slice();
		child.numComputed = parent.numComputed;
	}

	freeSeq(_g: SequenceGroup, seq: Sequence): void {
		this.releaseTable(seq);
	}

	canSwapOut(g: SequenceGroup): boolean {
		return uniqueBlocks(g).size <= this.cpuFree.size;
	}

	swapOut(g: SequenceGroup): void {
		const gpuBlocks = uniqueBlocks(g);
		if (gpuBlocks.size > this.cpuFree.size) throw new Error(`no swap space for ${g.id}`);
		const mapping = new Map<number, number>();
		for (const [gpu, holders] of gpuBlocks) {
			const cpu = this.cpuFree.popHead();
			this.cpuRefCount[cpu] = holders;
			this.cpuFill[cpu] = this.pool.fill[gpu];
			mapping.set(gpu, cpu);
		}
		const pairs = [...mapping];
		this.pushOps('swapOut', pairs);
		this.sink.swappedOut(g.id, pairs);
		for (const seq of g.seqs) {
			const table = seq.blockTable;
			for (let i = table.length - 1; i >= 0; i--) this.pool.release(table[i]);
			seq.blockTable = table.map((b) => mapping.get(b)!);
		}
	}

	canSwapIn(g: SequenceGroup, numNew: number): boolean {
		return uniqueBlocks(g).size + this.slotNeed(g, numNew, 0, this.cpuRefCount) <= this.pool.numFree;
	}

	swapIn(g: SequenceGroup): void {
		const mapping = new Map<number, number>();
		for (const [cpu, holders] of uniqueBlocks(g)) {
			const gpu = this.pool.allocate();
			for (let h = 1; h < holders; h++) this.pool.touch(gpu);
			this.pool.setFill(gpu, this.cpuFill[cpu]);
			this.cpuRefCount[cpu] = 0;
			this.cpuFree.append(cpu);
			mapping.set(cpu, gpu);
		}
		const pairs = [...mapping];
		this.pushOps('swapIn', pairs);
		this.sink.swappedIn(g.id, pairs);
		for (const seq of g.seqs) seq.blockTable = seq.blockTable.map((b) => mapping.get(b)!);
	}

	memory(): MemoryBreakdown {
		const bs = this.blockSize;
		const used = this.pool.numUsed;
		return {
			tokenStates: this.pool.usedFill,
			reserved: 0,
			internalFragmentation: used * bs - this.pool.usedFill,
			externalFragmentation: 0,
			free: this.pool.numFree * bs
		};
	}

	takeOps(): BlockOps {
		const ops = this.ops;
		this.ops = EMPTY_OPS;
		return ops;
	}

	/**
	 * New blocks the group needs for `numNew` more tokens per sequence: missing blocks plus
	 * one copy for each write into a block another holder still shares. Forked siblings
	 * copy in turn, so the last holder of a shared block writes in place.
	 */
	private slotNeed(g: SequenceGroup, numNew: number, prefixBlocks: number, refCount: Int32Array): number {
		const bs = this.blockSize;
		let need = 0;
		let pending: Map<number, number> | null = null;
		for (const seq of g.seqs) {
			const computed = seq.numComputed + prefixBlocks * bs;
			need += Math.max(0, Math.ceil((computed + numNew) / bs) - seq.blockTable.length - prefixBlocks);
			const w = Math.floor(computed / bs);
			if (computed % bs === 0 || w >= seq.blockTable.length) continue;
			const b = seq.blockTable[w];
			const dec = pending?.get(b) ?? 0;
			if (refCount[b] - dec > 1) {
				need++;
				(pending ??= new Map()).set(b, dec + 1);
			}
		}
		return need;
	}

	private takePrefix(g: SequenceGroup, seq: Sequence, prefix: CachedPrefix): void {
		for (const b of prefix.blocks) {
			this.pool.touch(b);
			this.sink.prefixHit(g.id, seq.blockTable.length, b);
			seq.blockTable.push(b);
		}
		seq.numComputed += prefix.numTokens;
	}

	/** Copy the block about to be written if another table still holds it. */
	private copyOnWrite(g: SequenceGroup, seq: Sequence): void {
		const bs = this.blockSize;
		const w = Math.floor(seq.numComputed / bs);
		if (seq.numComputed % bs === 0 || w >= seq.blockTable.length) return;
		const from = seq.blockTable[w];
		if (this.pool.refCount[from] <= 1) return;
		const to = this.pool.allocate();
		this.pool.setFill(to, seq.numComputed - w * bs);
		this.pool.release(from);
		seq.blockTable[w] = to;
		this.pushOps('copies', [[from, to]]);
		this.sink.cow(g.id, seq.id, w, from, to);
	}

	private appendBlock(g: SequenceGroup, seq: Sequence, block: number): void {
		this.sink.blockAllocated(g.id, seq.id, seq.blockTable.length, block, 'gpu');
		seq.blockTable.push(block);
	}

	private markFilled(seq: Sequence, end: number): void {
		const bs = this.blockSize;
		for (let i = Math.floor(seq.numComputed / bs); i * bs < end; i++) this.pool.setFill(seq.blockTable[i], Math.min(bs, end - i * bs));
	}

	/** Register blocks that become full in this step, so a later request can hit them. */
	private cacheFullBlocks(g: SequenceGroup, seq: Sequence, end: number): void {
		const bs = this.blockSize;
		const full = Math.floor(end / bs);
		this.ensureHashes(seq, full);
		for (let i = Math.floor(seq.numComputed / bs); i < full; i++) {
			const b = seq.blockTable[i];
			if (!this.pool.cache(b, seq.blockHashes[i])) continue;
			this.sink.blockCached(g.id, seq.id, i, b);
		}
	}

	private ensureHashes(seq: Sequence, numBlocks: number): void {
		const bs = this.blockSize;
		const h = seq.blockHashes;
		for (let i = h.length; i < numBlocks; i++) h.push(hashBlock(i === 0 ? NO_HASH : h[i - 1], seq.tokens, i * bs, (i + 1) * bs));
	}

	private releaseTable(seq: Sequence): void {
		const table = seq.blockTable;
		for (let i = table.length - 1; i >= 0; i--) this.pool.release(table[i]);
		seq.blockTable = [];
	}

	private pushOps(kind: keyof BlockOps, pairs: [number, number][]): void {
		if (this.ops === EMPTY_OPS) this.ops = { copies: [], swapOut: [], swapIn: [] };
		for (const p of pairs) this.ops[kind].push(p);
	}
}

/** Distinct blocks of a group's tables, in first-seen order, with how many tables hold each. */
function uniqueBlocks(g: SequenceGroup): Map<number, number> {
	const holders = new Map<number, number>();
	for (const seq of g.seqs) for (const b of seq.blockTable) holders.set(b, (holders.get(b) ?? 0) + 1);
	return holders;
}
