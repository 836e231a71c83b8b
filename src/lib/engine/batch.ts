/**
 * The executor's view of a step: the scheduler's decisions turned into one entry per
 * sequence (which tokens to compute, through which block table, whether to sample), and
 * the work the cost model charges for. Entries are reused step after step.
 */
import type { KvAllocator } from './allocator';
import type { EngineConfig } from './config';
import type { StepWork } from './cost-model';
import type { EventSink } from '../events/sink';
import type { ScheduledSeq, StepBatch } from './executor';
import { mixSeed } from '../workload/rng';
import type { Scheduler } from './scheduler';
import type { Sequence, SequenceGroup } from './sequence';

export class BatchBuilder {
	private readonly seqs: ScheduledSeq[] = [];

	constructor(
		private readonly config: EngineConfig,
		private readonly sink: EventSink
	) {}

	/** This step's batch and its work; emits one `scheduled` event per group. */
	build(sched: Scheduler, kv: KvAllocator, step: number): { batch: StepBatch; work: StepWork } {
		const seqs = this.seqs;
		let numSeqs = 0;
		const work: StepWork = { prefillTokens: 0, decodeSeqs: 0, contextTokens: 0, swappedSlots: 0, copiedSlots: 0 };
		for (let i = 0; i < sched.numScheduled; i++) {
			const g = sched.scheduled[i];
			const numNew = sched.scheduledTokens[i];
			const first = g.seqs[0];
			const decode = numNew === 1 && g.numOutputs > 0 && first.numRemaining === 1;
			this.sink.scheduled(g.id, numNew, decode ? 'decode' : 'prefill', first.numComputed);
			for (const seq of g.seqs) {
				if (decode) {
					work.decodeSeqs++;
					work.contextTokens += seq.numComputed + 1;
				} else work.prefillTokens += numNew;
				seqs[numSeqs++] = this.entry(g, seq, numNew);
			}
		}
		if (seqs.length > numSeqs) seqs.length = numSeqs;
		const ops = kv.takeOps();
		const bs = this.config.blockSize;
		work.copiedSlots = ops.copies.length * bs;
		work.swappedSlots = (ops.swapIn.length + ops.swapOut.length) * bs;
		return { batch: { step, blockSize: bs, ops, seqs }, work };
	}

	/** The sequence's batch entry, updated in place for this step. */
	private entry(g: SequenceGroup, seq: Sequence, numNew: number): ScheduledSeq {
		if (!seq.scheduled) seq.seedBase = mixSeed(this.config.seed, g.idHash, seq.id);
		const r = (seq.scheduled ??= {
			req: g.id,
			seq: seq.id,
			tokens: seq.tokens,
			start: 0,
			numTokens: 0,
			blockTable: seq.blockTable,
			sample: false,
			numSamples: 1,
			beamWidth: 0,
			seed: 0
		});
		const sample = seq.numComputed + numNew === seq.tokens.length;
		r.start = seq.numComputed;
		r.numTokens = numNew;
		r.blockTable = seq.blockTable;
		r.sample = sample;
		r.numSamples = sample && !g.beam && g.width > 1 && !g.forked ? g.width : 1;
		r.beamWidth = sample && g.beam ? g.width : 0;
		r.seed = (seq.seedBase + Math.imul(seq.tokens.length, 0x9e3779b1)) >>> 0;
		return r;
	}
}
