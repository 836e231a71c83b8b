/**
 * One call of `schedule()` = one engine step's batch (vLLM V1's Scheduler, with V0's
 * sequence groups, swapping and watermark). Running requests first, in order, preempting
 * the last running request when slots run out; then swapped groups come back; then, if
 * nothing was preempted, waiting requests are admitted while seats and budget last.
 * Neither limit is ever passed, for groups too: a group holds a seat for every sequence it
 * may fork into from the step it is admitted, and a step's tokens count every sequence.
 */
import { NO_PREFIX, type KvAllocator } from './allocator';
import { watermarkBlocks, type EngineConfig } from './config';
import { Deque } from './deque';
import type { EventSink } from '../events/sink';
import type { SequenceGroup } from './sequence';

export class Scheduler {
	readonly waiting = new Deque<SequenceGroup>();
	running: SequenceGroup[] = [];
	readonly swapped: SequenceGroup[] = [];
	/**
	 * This step's batch: the first `numScheduled` entries are the groups in scheduling order
	 * and the tokens each of their sequences computes. Buffers are reused, never truncated:
	 * emptying an array each step would reallocate it as it grows back.
	 */
	readonly scheduled: SequenceGroup[] = [];
	readonly scheduledTokens: number[] = [];
	numScheduled = 0;
	/** Tokens in this step's batch, over all sequences, counted when scheduled (before any fork). */
	batchTokens = 0;
	numPreemptions = 0;
	private readonly watermarkBlocks: number;

	constructor(
		private readonly config: EngineConfig,
		private readonly kv: KvAllocator,
		private readonly sink: EventSink
	) {
		this.watermarkBlocks = watermarkBlocks(config);
	}

	get hasWork(): boolean {
		return this.running.length > 0 || this.waiting.length > 0 || this.swapped.length > 0;
	}

	/** Seats the running groups hold: a group of n samples or beams holds n from admission, before it forks. */
	get numRunningSeqs(): number {
		let n = 0;
		for (const g of this.running) n += g.maxSeqs;
		return n;
	}

	/** Drop the groups that finished this step from the running queue, keeping its order. */
	dropFinished(): void {
		const running = this.running;
		let kept = 0;
		for (const g of running) if (g.status === 'running') running[kept++] = g;
		running.length = kept;
	}

	/** Waiting groups given up this step: they can never fit beside the watermark (vLLM V0 ignores them). */
	readonly ignored: SequenceGroup[] = [];

	schedule(): void {
		this.ignored.length = 0;
		this.numScheduled = 0;
		this.batchTokens = 0;
		let budget = this.config.maxNumBatchedTokens;
		const preempted = this.scheduleRunning(budget);
		budget -= this.batchTokens;
		if (preempted) return;
		budget = this.scheduleSwapped(budget);
		if (this.swapped.length > 0) return;
		this.scheduleWaiting(budget);
	}

	private scheduleRunning(budget: number): boolean {
		let preempted = false;
		let i = 0;
		while (i < this.running.length && budget > 0) {
			const g = this.running[i];
			const numNew = this.numNewTokens(g, budget);
			if (numNew === 0) {
				i++;
				continue;
			}
			let victim: SequenceGroup | undefined;
			while (!this.kv.allocateSlots(g, numNew, NO_PREFIX, 0)) {
				victim = this.running.pop()!;
				this.preempt(victim);
				preempted = true;
				if (victim === g) break;
			}
			if (victim === g) break;
			this.add(g, numNew);
			budget -= numNew * g.seqs.length;
			i++;
		}
		return preempted;
	}

	private scheduleSwapped(budget: number): number {
		while (this.swapped.length > 0 && budget > 0) {
			const g = this.swapped[0];
			const numNew = this.numNewTokens(g, budget);
			if (numNew === 0 || this.numRunningSeqs + g.maxSeqs > this.config.maxNumSeqs) break;
			if (!this.kv.canSwapIn(g, numNew)) break;
			this.swapped.shift();
			this.kv.swapIn(g);
			if (!this.kv.allocateSlots(g, numNew, NO_PREFIX, 0)) throw new Error(`swap-in of ${g.id} left no room`);
			g.status = 'running';
			this.running.push(g);
			this.add(g, numNew);
			budget -= numNew * g.seqs.length;
		}
		return budget;
	}

	private scheduleWaiting(budget: number): void {
		const { enableChunkedPrefill, maxNumSeqs } = this.config;
		let seats = maxNumSeqs - this.numRunningSeqs;
		while (this.waiting.length > 0 && budget > 0) {
			const g = this.waiting.peekFront()!;
			if (g.maxSeqs > seats) break;
			const prefix = g.seqs[0].numComputed === 0 ? this.kv.findCachedPrefix(g) : NO_PREFIX;
			// Without chunked prefill a prompt waits for a step with room for all of it.
			if (!enableChunkedPrefill && g.seqs[0].numRemaining - prefix.numTokens > budget) break;
			const numNew = this.numNewTokens(g, budget, prefix.numTokens);
			if (numNew === 0) break;
			if (!this.kv.allocateSlots(g, numNew, prefix, this.watermarkBlocks)) {
				if (!this.kv.neverFits(g, this.watermarkBlocks)) break;
				// vLLM V0 finishes such a request as ignored ("exceeds the capacity of block_manager")
				// rather than let it block the queue forever.
				this.waiting.popFront();
				g.status = 'rejected';
				this.sink.rejected(g.id, 'exceeds_pool');
				this.ignored.push(g);
				continue;
			}
			this.waiting.popFront();
			g.status = 'running';
			this.running.push(g);
			this.add(g, numNew);
			budget -= numNew * g.seqs.length;
			seats -= g.maxSeqs;
		}
	}

	/** Tokens each sequence of `g` computes this step, given what is left of the budget. */
	private numNewTokens(g: SequenceGroup, budget: number, cachedTokens = 0): number {
		const seq = g.seqs[0];
		const computed = seq.numComputed + cachedTokens;
		let n = Math.min(seq.tokens.length - computed, Math.floor(budget / g.seqs.length));
		n = Math.min(n, this.config.maxModelLen - 1 - computed);
		const cap = this.config.longPrefillTokenThreshold;
		if (this.config.enableChunkedPrefill && cap > 0) n = Math.min(n, cap);
		return Math.max(0, n);
	}

	private add(g: SequenceGroup, numNew: number): void {
		this.scheduled[this.numScheduled] = g;
		this.scheduledTokens[this.numScheduled++] = numNew;
		this.batchTokens += numNew * g.seqs.length;
	}

	private preempt(g: SequenceGroup): void {
		const mode = this.config.preemptionMode;
		const wantSwap = mode === 'swap' || (mode === 'auto' && g.seqs.length > 1);
		this.numPreemptions++;
		g.numPreemptions++;
		if (wantSwap && this.kv.canSwapOut(g)) {
			this.sink.preempted(g.id, 'swap', false);
			this.kv.swapOut(g);
			g.status = 'swapped';
			this.swapped.push(g);
			return;
		}
		this.sink.preempted(g.id, 'recompute', g.width > 1);
		this.kv.free(g);
		// Forked sequences would no longer share their prompt: the group restarts from it.
		if (g.width > 1) g.restart();
		for (const seq of g.seqs) seq.numComputed = 0;
		g.status = 'waiting';
		this.waiting.pushFront(g);
	}
}
