/**
 * The engine's step, as vLLM's LLMEngine.step: arrivals join, the scheduler picks the
 * batch, the executor computes it, outputs are processed (appending, forking and pruning
 * sequences), finished requests are freed, and the step's figures are recorded.
 * Deterministic for a config + workload + seed.
 */
import { checkRequests, fanOut, rejectReason } from './admission';
import type { KvAllocator } from './allocator';
import { BatchBuilder } from './batch';
import type { EngineConfig } from './config';
import { OPT_13B_A100, stepMs, type CostModel, type StepWork } from './cost-model';
import { createAllocator } from './create-allocator';
import type { Executor } from './executor';
import { processOutputs } from './sampling-output';
import { Scheduler } from './scheduler';
import { SequenceGroup } from './sequence';
import { StatsCollector, type Summary } from './stats';
import { SyntheticExecutor } from './synthetic-executor';
import { kvCacheTokens, kvCacheUsage, maxConcurrency } from './vllm-metrics';
import { EventSink } from '../events/sink';
import type { StepStats } from '../replay/state';
import type { RequestSpec } from '../workload/request';

export interface EngineOptions {
	executor?: Executor;
	/** Where events go; by default they are only counted. */
	sink?: EventSink;
	costModel?: CostModel;
}

export class Engine {
	readonly kv: KvAllocator;
	readonly scheduler: Scheduler;
	readonly sink: EventSink;
	readonly stats = new StatsCollector();
	readonly executor: Executor;
	readonly costModel: CostModel;
	stepNo = 0;
	done = false;
	/** The figures of the last step run (what its step_end event carries), even when events are only counted. */
	lastStep: StepStats | null = null;
	private idleSteps = 0;
	private readonly arrivals: RequestSpec[];
	private nextArrival = 0;
	private readonly batch: BatchBuilder;

	constructor(
		readonly config: EngineConfig,
		requests: readonly RequestSpec[],
		opts: EngineOptions = {}
	) {
		checkRequests(requests, config);
		this.sink = opts.sink ?? new EventSink();
		this.executor = opts.executor ?? new SyntheticExecutor();
		this.costModel = opts.costModel ?? OPT_13B_A100;
		this.kv = createAllocator(config, this.sink);
		this.scheduler = new Scheduler(config, this.kv, this.sink);
		this.batch = new BatchBuilder(config, this.sink);
		// Stable sort: ties keep trace order.
		this.arrivals = requests
			.map((r, i) => [r, i] as const)
			.sort((a, b) => a[0].arrivalStep - b[0].arrivalStep || (a[0].arrivalMs ?? 0) - (b[0].arrivalMs ?? 0) || a[1] - b[1])
			.map((x) => x[0]);
		this.sink.runStart(config, this.executor.name);
	}

	/** Run one step; false once every request is finished or rejected. */
	step(): boolean {
		if (!this.waitForWork()) return false;
		this.sink.step = this.stepNo;
		const sched = this.scheduler;
		sched.schedule();
		this.stats.rejected += sched.ignored.length;
		this.checkProgress();
		const { batch, work } = this.batch.build(sched, this.kv, this.stepNo);
		const sampled = this.executor.execute(batch);
		for (const g of processOutputs(sched, sampled, this.kv, this.sink, this.stats)) this.finish(g);
		sched.dropFinished();
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
			prefixHitTokens: this.sink.counts.prefix_hit * this.config.blockSize,
			peakGpuBlocksUsed: this.kv.peakUsedBlocks,
			poolSlots: this.kv.numUsableBlocks * this.config.blockSize,
			events: this.sink.total,
			prefixCacheQueries: this.kv.prefixCacheStats.queries,
			prefixCacheHits: this.kv.prefixCacheStats.hits,
			kvCacheTokens: kvCacheTokens(this.config.numGpuBlocks, this.config.blockSize),
			maxConcurrency: maxConcurrency(this.config.numGpuBlocks, this.config.blockSize, this.config.maxModelLen)
		});
	}

	/** Admit what has arrived; with nothing to do, skip ahead to the next arrival. False when all is done. */
	private waitForWork(): boolean {
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
		return true;
	}

	private admitArrivals(): void {
		this.sink.step = this.stepNo;
		while (this.nextArrival < this.arrivals.length && this.isDue(this.arrivals[this.nextArrival])) {
			for (const spec of fanOut(this.arrivals[this.nextArrival++], this.config)) this.admit(spec);
		}
	}

	private admit(spec: RequestSpec): void {
		const g = new SequenceGroup(spec, this.config.maxModelLen);
		// A timed request waited from its own arrival (for the step in flight to end).
		g.arrivalMs = spec.arrivalMs ?? this.stats.clockMs;
		this.sink.arrived(g.id, spec.promptTokens, spec.outputLen, g.width, g.beam);
		const reason = rejectReason(g, this.config, this.kv);
		if (reason) {
			g.status = 'rejected';
			this.stats.rejected++;
			this.sink.rejected(g.id, reason);
		} else this.scheduler.waiting.pushBack(g);
	}

	/** Due at this step's start: its step has come and, if timed, the clock has reached it. */
	private isDue(spec: RequestSpec): boolean {
		return spec.arrivalStep <= this.stepNo && (spec.arrivalMs ?? 0) <= this.stats.clockMs;
	}

	/** A step may schedule nothing (its only request was just preempted), but not three in a row. */
	private checkProgress(): void {
		this.idleSteps = this.scheduler.numScheduled === 0 ? this.idleSteps + 1 : 0;
		if (this.idleSteps > 2) throw new Error(`step ${this.stepNo}: the scheduler made no progress for 3 steps`);
	}

	private finish(g: SequenceGroup): void {
		this.sink.finished(g.id);
		this.kv.free(g);
		g.status = 'finished';
		this.stats.finished(g);
	}

	private endStep(work: StepWork): void {
		const sched = this.scheduler;
		let batchSeqs = 0;
		for (let i = 0; i < sched.numScheduled; i++) batchSeqs += sched.scheduled[i].seqs.length;
		const ms = stepMs(this.costModel, work);
		const memory = this.kv.memory(sched.waiting.peekFront());
		const usage = kvCacheUsage(this.kv.numFreeBlocks, this.config.numGpuBlocks, this.config.numGpuBlocks - this.kv.numUsableBlocks);
		this.stats.addStep(ms, batchSeqs, memory, usage);
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
		this.sink.stepEnd(this.lastStep);
	}
}
