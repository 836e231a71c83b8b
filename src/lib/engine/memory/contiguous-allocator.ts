/**
 * The paper's contiguous baselines (Orca): GPU memory is one line of token slots, and a
 * request reserves, at admission, one contiguous span per sequence of its group, sized
 * for the whole request (`orca-max`: maxModelLen, `orca-pow2`: the next power of two ≥ the
 * final length, `orca-oracle`: exactly the final length). First fit by address. Because a
 * span covers the final length, a running request never needs more memory: Orca waits
 * at admission instead of preempting.
 */
import { NO_PREFIX, type CachedPrefix, type KvAllocator } from '../allocator';
import { watermarkBlocks, type AllocatorKind, type EngineConfig } from '../config';
import type { EventSink } from '../../events/sink';
import type { RejectReason } from '../../events/events';
import type { BlockOps } from '../executor';
import type { MemoryBreakdown } from './categories';
import type { Sequence, SequenceGroup } from '../sequence';

const EMPTY_OPS: BlockOps = Object.freeze({ copies: [], swapOut: [], swapIn: [] }) as unknown as BlockOps;

export interface Span {
	start: number;
	length: number;
	group: SequenceGroup;
}

/** The spans a group reserved, and which sequence holds each. */
interface GroupSpans {
	all: Span[];
	bySeq: Map<Sequence, Span>;
	/** Reserved, not yet handed to a sequence (future samples, pruned beams). */
	spares: Span[];
	/** Forked children waiting for a span a pruned sibling is about to give back. */
	pending: Sequence[];
}

export type ContiguousKind = Exclude<AllocatorKind, 'paged'>;

/** Slots one sequence of a request reserves under `kind`. */
export function spanLength(kind: ContiguousKind, finalLen: number, maxModelLen: number): number {
	if (kind === 'orca-max') return maxModelLen;
	if (kind === 'orca-oracle') return finalLen;
	let p = 1;
	while (p < finalLen) p *= 2;
	return Math.min(p, maxModelLen);
}

export class ContiguousAllocator implements KvAllocator {
	readonly totalSlots: number;
	/** Reserved spans, sorted by start. */
	readonly spans: Span[] = [];
	private readonly groups = new Map<SequenceGroup, GroupSpans>();
	private readonly kind: ContiguousKind;
	private readonly blockSize: number;
	private readonly watermarkSlots: number;
	private reservedSlots = 0;
	private peakBlocks = 0;

	constructor(
		private readonly config: EngineConfig,
		private readonly sink: EventSink
	) {
		if (config.allocator === 'paged') throw new Error('ContiguousAllocator needs an orca-* allocator kind');
		this.kind = config.allocator;
		this.blockSize = config.blockSize;
		this.totalSlots = config.numGpuBlocks * config.blockSize;
		this.watermarkSlots = watermarkBlocks(config) * config.blockSize;
	}

	get numFreeBlocks(): number {
		return Math.floor((this.totalSlots - this.reservedSlots) / this.blockSize);
	}

	get numUsableBlocks(): number {
		return this.config.numGpuBlocks;
	}

	/** Orca has no prefix cache. */
	readonly prefixCacheStats = { queries: 0, hits: 0 };

	get peakUsedBlocks(): number {
		return this.peakBlocks;
	}

	spanLength(g: SequenceGroup): number {
		return spanLength(this.kind, g.finalLen, this.config.maxModelLen);
	}

	rejectReason(g: SequenceGroup): RejectReason | null {
		// The admission watermark must stay free too, or the request would wait forever.
		return g.width * this.spanLength(g) + this.watermarkSlots > this.totalSlots ? 'exceeds_pool' : null;
	}

	findCachedPrefix(_g: SequenceGroup): CachedPrefix {
		return NO_PREFIX;
	}

	allocateSlots(g: SequenceGroup, numNew: number, _prefix: CachedPrefix, reserveBlocks: number): boolean {
		const held = this.groups.get(g);
		if (held) {
			for (const seq of g.seqs) {
				const span = held.bySeq.get(seq);
				if (!span) throw new Error(`${g.id}: sequence ${seq.id} holds no span`);
				if (seq.numComputed + numNew > span.length) throw new Error(`${g.id}: sequence ${seq.id} outgrew its span`);
			}
			return true;
		}
		const length = this.spanLength(g);
		const count = Math.max(g.width, g.seqs.length);
		if (this.totalSlots - this.reservedSlots - count * length < reserveBlocks * this.blockSize) return false;
		const starts = this.firstFit(length, count);
		if (!starts) return false;
		const spans = starts.map((start) => this.insert({ start, length, group: g }));
		const entry: GroupSpans = { all: spans, bySeq: new Map(), spares: [], pending: [] };
		spans.forEach((span, i) => {
			if (i < g.seqs.length) entry.bySeq.set(g.seqs[i], span);
			else entry.spares.push(span);
			this.emitReserved(g, i, span);
		});
		// Spares are handed out front first, in address order.
		entry.spares.reverse();
		this.groups.set(g, entry);
		return true;
	}

	/** A span is sized for the whole request at arrival and checked then (rejectReason): it never outgrows the pool. */
	neverFits(): boolean {
		return false;
	}

	free(g: SequenceGroup): void {
		const entry = this.groups.get(g);
		if (!entry) return;
		for (const span of entry.all) this.remove(span);
		this.groups.delete(g);
	}

	/** The child copies the parent's K/V into a spare span of the group. */
	fork(g: SequenceGroup, parent: Sequence, child: Sequence): void {
		const entry = this.groups.get(g);
		if (!entry) throw new Error(`${g.id}: fork before admission`);
		child.numComputed = parent.numComputed;
		const span = entry.spares.pop();
		if (span) entry.bySeq.set(child, span);
		// Beam search forks winners before it frees the losers: the span comes in freeSeq.
		else entry.pending.push(child);
	}

	freeSeq(g: SequenceGroup, seq: Sequence): void {
		const entry = this.groups.get(g);
		const span = entry?.bySeq.get(seq);
		if (!entry || !span) return;
		entry.bySeq.delete(seq);
		const child = entry.pending.shift();
		if (child) entry.bySeq.set(child, span);
		else entry.spares.push(span);
	}

	canSwapOut(_g: SequenceGroup): boolean {
		return false;
	}

	swapOut(g: SequenceGroup): void {
		throw new Error(`${g.id}: contiguous allocators never swap`);
	}

	canSwapIn(_g: SequenceGroup, _numNew: number): boolean {
		return false;
	}

	swapIn(g: SequenceGroup): void {
		throw new Error(`${g.id}: contiguous allocators never swap`);
	}

	memory(head: SequenceGroup | undefined): MemoryBreakdown {
		let tokenStates = 0;
		let reserved = 0;
		let internal = 0;
		for (const [g, entry] of this.groups) {
			for (const span of entry.all) {
				const used = Math.min(g.finalLen, span.length);
				internal += span.length - used;
				reserved += used;
			}
			for (const [seq, span] of entry.bySeq) {
				const computed = Math.min(seq.numComputed, span.length, g.finalLen);
				tokenStates += computed;
				reserved -= computed;
			}
		}
		const need = head ? this.spanLength(head) : 0;
		let external = 0;
		this.forEachGap((_start, size) => {
			if (size < need) external += size;
		});
		const free = this.totalSlots - this.reservedSlots - external;
		return { tokenStates, reserved, internalFragmentation: internal, externalFragmentation: external, free };
	}

	takeOps(): BlockOps {
		return EMPTY_OPS;
	}

	/** Starts of `count` spans of `length`, placed one after another by first fit; null if they don't fit. */
	private firstFit(length: number, count: number): number[] | null {
		const starts: number[] = [];
		this.forEachGap((start, size) => {
			while (starts.length < count && size >= length) {
				starts.push(start);
				start += length;
				size -= length;
			}
		});
		return starts.length === count ? starts : null;
	}

	/** Free gaps between spans, in address order. */
	private forEachGap(visit: (start: number, size: number) => void): void {
		let at = 0;
		for (const span of this.spans) {
			if (span.start > at) visit(at, span.start - at);
			at = span.start + span.length;
		}
		if (at < this.totalSlots) visit(at, this.totalSlots - at);
	}

	private insert(span: Span): Span {
		let lo = 0;
		let hi = this.spans.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.spans[mid].start < span.start) lo = mid + 1;
			else hi = mid;
		}
		this.spans.splice(lo, 0, span);
		this.reservedSlots += span.length;
		this.peakBlocks = Math.max(this.peakBlocks, Math.ceil(this.reservedSlots / this.blockSize));
		return span;
	}

	private remove(span: Span): void {
		const i = this.spans.indexOf(span);
		if (i < 0) throw new Error(`span at ${span.start} is not reserved`);
		this.spans.splice(i, 1);
		this.reservedSlots -= span.length;
	}

	private emitReserved(g: SequenceGroup, seq: number, span: Span): void {
		this.sink.spanReserved(g.id, seq, span.start, span.length);
	}
}
