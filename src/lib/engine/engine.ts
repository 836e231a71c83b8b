/**
 * The engine's step: arrivals join, the scheduler picks the batch, the executor computes
 * it, outputs are appended (forking and pruning sequence groups), finished requests are
 * freed, and the step's figures are recorded. Deterministic for a config + workload + seed.
 */
import type { KvAllocator } from './allocator';
import type { EngineConfig } from './config';
import { createAllocator } from './create-allocator';
import { OPT_13B_A100, stepMs, type CostModel, type StepWork } from './cost-model';
import { EventLog } from '../events/event-log';
import { EVENT_SCHEMA_VERSION } from '../events/events';
import type { Executor, SampledToken, ScheduledSeq, StepBatch } from './executor';
import type { RequestSpec } from '../workload/request';
import { mixSeed } from '../workload/rng';
import { Scheduler } from './scheduler';
import { Sequence, SequenceGroup } from './sequence';
import type { StepStats } from '../replay/state';
import { StatsCollector, type Summary } from './stats';
import { SyntheticExecutor } from './synthetic-executor';
import { appendToken, postprocessGroup } from './sampling-output';

/** A time stamp to fill in at the end of the current step. */
const PENDING = -2;

export interface EngineOptions {
	executor?: Executor;
	log?: EventLog;
	costModel?: CostModel;
}

export class Engine {
	readonly kv: KvAllocator;
	readonly scheduler: Scheduler;
	readonly log: EventLog;
	readonly stats = new StatsCollector();
	readonly groups: SequenceGroup[] = [];
	readonly executor: Executor;
	readonly costModel: CostModel;
	stepNo = 0;
	done = false;
	/** The figures of the last step run (what its step_end event carries), even when events are only counted. */
	lastStep: StepStats | null = null;
	private idleSteps = 0;
	private readonly arrivals: RequestSpec[];
	private nextArrival = 0;
	private readonly batchSeqs: ScheduledSeq[] = [];
	/** The executor's answer for this step, consumed in batch order by postprocess. */
	private sampled: SampledToken[] = [];

	constructor(
		readonly config: EngineConfig,
		requests: readonly RequestSpec[],
		opts: EngineOptions = {}
	) {
		this.log = opts.log ?? new EventLog(false);
		this.executor = opts.executor ?? new SyntheticExecutor();
		this.costModel = opts.costModel ?? OPT_13B_A100;
		this.kv = createAllocator(config, this.log);
		this.scheduler = new Scheduler(config, this.kv, this.log);
		// Stable sort: ties keep trace order.
		this.arrivals = requests
			.map((r, i) => [r, i] as const)
			.sort((a, b) => a[0].arrivalStep - b[0].arrivalStep || (a[0].arrivalMs ?? 0) - (b[0].arrivalMs ?? 0) || a[1] - b[1])
			.map((x) => x[0]);
		const version = EVENT_SCHEMA_VERSION;
		if (this.log.wantsObjects) this.log.push({ step: 0, type: 'run_start', version, config: { ...config }, executor: this.executor.name });
		else this.log.counts.run_start++;
	}

	/** Run one step; false once every request is finished or rejected. */
	step(): boolean {
		if (this.done) return false;
		this.admitArrivals();
		while (!this.scheduler.hasWork) {
			if (this.nextArrival >= this.arrivals.length) {
				this.done = true;
				return false;
			}
			const next = this.arrivals[this.nextArrival];
			this.stepNo = Math.max(this.stepNo, next.arrivalStep);
			// Idle until a timed arrival: the clock jumps to it, no step is emitted.
			if (next.arrivalMs !== undefined && next.arrivalMs > this.stats.clockMs) this.stats.clockMs = next.arrivalMs;
			this.admitArrivals();
		}
		this.setStep(this.stepNo);
		const sched = this.scheduler;
		sched.schedule();
		// A step may legitimately schedule nothing (its only request was preempted), but never twice running.
		this.idleSteps = sched.numScheduled === 0 ? this.idleSteps + 1 : 0;
		if (this.idleSteps > 2) throw new Error(`step ${this.stepNo}: the scheduler made no progress for 3 steps`);
		const work = this.execute();
		const finished = this.postprocess();
		for (const g of finished) this.finish(g);
		this.endStep(work);
		this.stepNo++;
		return true;
	}

	run(): Summary {
		while (this.step());
		return this.summary();
	}

	summary(): Summary {
		return this.stats.summary({
			allocator: this.config.allocator,
			executor: this.executor.name,
			costModel: this.costModel.name,
			requests: this.arrivals.length,
			preemptions: this.scheduler.numPreemptions,
			// Every hit is one whole block.
			prefixHitTokens: this.log.counts.prefix_hit * this.config.blockSize,
			peakGpuBlocksUsed: this.kv.peakUsedBlocks,
			poolSlots: this.config.numGpuBlocks * this.config.blockSize,
			events: this.log.total
		});
	}

	private setStep(step: number): void {
		this.kv.step = step;
		this.scheduler.step = step;
	}

	private admitArrivals(): void {
		this.setStep(this.stepNo);
		while (this.nextArrival < this.arrivals.length && this.isDue(this.arrivals[this.nextArrival])) {
			const spec = this.arrivals[this.nextArrival++];
			const g = new SequenceGroup(spec, this.config.maxModelLen);
			// A timed request waited from its own arrival (for the step in flight to end).
			g.arrivalMs = spec.arrivalMs ?? this.stats.clockMs;
			this.groups.push(g);
			if (this.log.wantsObjects)
				this.log.push({
					step: this.stepNo,
					type: 'arrived',
					req: g.id,
					promptTokens: spec.promptTokens,
					outputLen: spec.outputLen,
					width: g.width,
					beam: g.beam
				});
			else this.log.counts.arrived++;
			const reason =
				g.promptLen >= this.config.maxModelLen
					? 'prompt_too_long'
					: g.width > this.config.maxNumSeqs
						? 'exceeds_max_seqs'
						: g.width > this.config.maxNumBatchedTokens
							? 'exceeds_token_budget'
							: this.kv.rejectReason(g);
			if (reason) {
				g.status = 'rejected';
				this.stats.rejected++;
				if (this.log.wantsObjects) this.log.push({ step: this.stepNo, type: 'rejected', req: g.id, reason });
				else this.log.counts.rejected++;
			} else this.scheduler.waiting.pushBack(g);
		}
	}

	/** Due at this step's start: its step has come and, if timed, the clock has reached it. */
	private isDue(spec: RequestSpec): boolean {
		return spec.arrivalStep <= this.stepNo && (spec.arrivalMs ?? 0) <= this.stats.clockMs;
	}

	/** Build the batch from the scheduler's decisions and run the executor on it. */
	private execute(): StepWork {
		const sched = this.scheduler;
		const seqs = this.batchSeqs;
		let numSeqs = 0;
		const work: StepWork = { prefillTokens: 0, decodeSeqs: 0, contextTokens: 0, swappedSlots: 0, copiedSlots: 0 };
		for (let i = 0; i < sched.numScheduled; i++) {
			const g = sched.scheduled[i];
			const numNew = sched.scheduledTokens[i];
			const first = g.seqs[0];
			const decode = numNew === 1 && g.numOutputs > 0 && first.numRemaining === 1;
			if (this.log.wantsObjects)
				this.log.push({
					step: this.stepNo,
					type: 'scheduled',
					req: g.id,
					numTokens: numNew,
					phase: decode ? 'decode' : 'prefill',
					numComputed: first.numComputed
				});
			else this.log.counts.scheduled++;
			for (const seq of g.seqs) {
				if (decode) {
					work.decodeSeqs++;
					work.contextTokens += seq.numComputed + 1;
				} else work.prefillTokens += numNew;
				seqs[numSeqs++] = this.record(g, seq, numNew);
			}
		}
		if (seqs.length > numSeqs) seqs.length = numSeqs;
		const ops = this.kv.takeOps();
		const bs = this.config.blockSize;
		work.copiedSlots = ops.copies.length * bs;
		work.swappedSlots = (ops.swapIn.length + ops.swapOut.length) * bs;
		const batch: StepBatch = { step: this.stepNo, blockSize: bs, ops, seqs };
		this.sampled = this.executor.execute(batch);
		return work;
	}

	private record(g: SequenceGroup, seq: Sequence, numNew: number): ScheduledSeq {
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

	/** Advance computed counts, append sampled tokens, fork or prune; returns finished groups. */
	private postprocess(): SequenceGroup[] {
		const sched = this.scheduler;
		const finished: SequenceGroup[] = [];
		let next = 0;
		for (let i = 0; i < sched.numScheduled; i++) {
			const g = sched.scheduled[i];
			const numNew = sched.scheduledTokens[i];
			if (g.seqs.length === 1 && g.width === 1) {
				// The common case, kept free of allocation: one sequence, one token.
				const seq = g.seqs[0];
				const sample = seq.numComputed + numNew === seq.tokens.length;
				seq.numComputed += numNew;
				if (!sample) continue;
				if (g.firstTokenMs < 0) g.firstTokenMs = PENDING;
				appendToken(g, seq, this.sampled[next++], this.log, this.stepNo);
				if (g.isFinished) finished.push(g);
				continue;
			}
			const samples: SampledToken[] = [];
			for (const seq of g.seqs) {
				const sample = seq.numComputed + numNew === seq.tokens.length;
				seq.numComputed += numNew;
				if (sample) samples.push(this.sampled[next++]);
			}
			if (samples.length === 0) continue;
			if (g.firstTokenMs < 0) g.firstTokenMs = PENDING; // stamped at step end, once the step's time is known
			postprocessGroup(g, samples, this.kv, this.log, this.stepNo);
			if (g.isFinished) finished.push(g);
		}
		return finished;
	}

	private finish(g: SequenceGroup): void {
		if (this.log.wantsObjects) this.log.push({ step: this.stepNo, type: 'finished', req: g.id });
		else this.log.counts.finished++;
		this.kv.free(g);
		g.status = 'finished';
		g.finishMs = PENDING;
	}

	private endStep(work: StepWork): void {
		const sched = this.scheduler;
		const running = sched.running;
		let kept = 0;
		for (const g of running) if (g.status === 'running') running[kept++] = g;
		running.length = kept;
		let batchSeqs = 0;
		for (let i = 0; i < sched.numScheduled; i++) batchSeqs += sched.scheduled[i].seqs.length;
		const ms = stepMs(this.costModel, work);
		const memory = this.kv.memory(sched.waiting.peekFront());
		this.stats.addStep(ms, batchSeqs, memory);
		for (let i = 0; i < sched.numScheduled; i++) {
			const g = sched.scheduled[i];
			if (g.firstTokenMs === PENDING) g.firstTokenMs = this.stats.clockMs;
			if (g.finishMs === PENDING) {
				g.finishMs = this.stats.clockMs;
				this.stats.addFinished(g);
			}
		}
		this.lastStep = {
			freeGpuBlocks: this.kv.numFreeBlocks,
			running: sched.running.length,
			waiting: sched.waiting.length,
			swapped: sched.swapped.length,
			batchSeqs,
			batchTokens: sched.batchTokens,
			ms,
			memory
		};
		if (this.log.wantsObjects) this.log.push({ step: this.stepNo, type: 'step_end', ...this.lastStep });
		else this.log.counts.step_end++;
	}
}
