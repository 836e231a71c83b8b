/** Run statistics: accumulated per step, summarised at the end (the CLI's summary.json). */
import { emptyMemory, MEMORY_CATEGORIES, type MemoryBreakdown } from './memory/categories';
import type { SequenceGroup } from './sequence';

export interface Distribution {
	mean: number;
	p50: number;
	p99: number;
}

export interface Summary {
	allocator: string;
	executor: string;
	costModel: string;
	requests: number;
	steps: number;
	finished: number;
	rejected: number;
	preemptions: number;
	prefixHitTokens: number;
	/** vLLM's PrefixCacheStats over the run, in tokens: prompt tokens looked up, and hit. */
	prefixCacheQueries: number;
	prefixCacheHits: number;
	/** vLLM's kv_cache_usage (1 − free / usable blocks; cached free blocks count as free), mean over steps and peak. */
	kvCacheUsage: { mean: number; peak: number };
	/** What vLLM prints at start: "GPU KV cache size: N tokens", "Maximum concurrency for maxModelLen tokens per request". */
	kvCacheTokens: number;
	maxConcurrency: number;
	peakGpuBlocksUsed: number;
	/** Running sequences per step. */
	avgBatchSize: number;
	generatedTokens: number;
	/** The five categories averaged over steps, as fractions of the pool. */
	memory: MemoryBreakdown;
	simulatedMs: number;
	throughputTokensPerSec: number;
	ttftMs: Distribution;
	tpotMs: Distribution;
	/** End-to-end latency divided by output length, per request (the paper's normalised latency). */
	normalizedLatencyMsPerToken: Distribution;
	events: number;
}

export class StatsCollector {
	steps = 0;
	clockMs = 0;
	rejected = 0;
	private batchSeqsSum = 0;
	private usageSum = 0;
	private usagePeak = 0;
	private readonly memorySum = emptyMemory();
	private readonly done: SequenceGroup[] = [];
	/** Groups whose first token or finish happened in the step in flight: stamped when its time is known. */
	private readonly firstTokenNow: SequenceGroup[] = [];
	private readonly finishedNow: SequenceGroup[] = [];

	firstToken(g: SequenceGroup): void {
		this.firstTokenNow.push(g);
	}

	finished(g: SequenceGroup): void {
		this.finishedNow.push(g);
	}

	/** The step's time and figures; stamps this step's first tokens and finishes at its end. */
	addStep(ms: number, batchSeqs: number, memory: MemoryBreakdown, kvCacheUsage: number): void {
		this.steps++;
		this.usageSum += kvCacheUsage;
		if (kvCacheUsage > this.usagePeak) this.usagePeak = kvCacheUsage;
		this.clockMs += ms;
		this.batchSeqsSum += batchSeqs;
		for (const k of MEMORY_CATEGORIES) this.memorySum[k] += memory[k];
		for (const g of this.firstTokenNow) g.firstTokenMs = this.clockMs;
		for (const g of this.finishedNow) {
			g.finishMs = this.clockMs;
			this.done.push(g);
		}
		this.firstTokenNow.length = 0;
		this.finishedNow.length = 0;
	}

	summary(fields: {
		allocator: string;
		executor: string;
		costModel: string;
		requests: number;
		preemptions: number;
		prefixHitTokens: number;
		peakGpuBlocksUsed: number;
		poolSlots: number;
		events: number;
		prefixCacheQueries: number;
		prefixCacheHits: number;
		kvCacheTokens: number;
		maxConcurrency: number;
	}): Summary {
		const { poolSlots, ...rest } = fields;
		const steps = Math.max(1, this.steps);
		const memory = emptyMemory();
		for (const k of MEMORY_CATEGORIES) memory[k] = this.steps === 0 ? (k === 'free' ? 1 : 0) : this.memorySum[k] / steps / poolSlots;
		const ttft = this.done.map((g) => g.firstTokenMs - g.arrivalMs);
		const tpot = this.done.filter((g) => g.numOutputs > 1).map((g) => (g.finishMs - g.firstTokenMs) / (g.numOutputs - 1));
		let generatedTokens = 0;
		for (const g of this.done) generatedTokens += g.numOutputs * g.seqs.length;
		const norm = this.done.map((g) => (g.finishMs - g.arrivalMs) / Math.max(1, g.numOutputs));
		return {
			...rest,
			steps: this.steps,
			finished: this.done.length,
			rejected: this.rejected,
			kvCacheUsage: { mean: this.usageSum / steps, peak: this.usagePeak },
			avgBatchSize: this.batchSeqsSum / steps,
			generatedTokens,
			memory,
			simulatedMs: this.clockMs,
			throughputTokensPerSec: this.clockMs > 0 ? (generatedTokens * 1000) / this.clockMs : 0,
			ttftMs: distribution(ttft),
			tpotMs: distribution(tpot),
			normalizedLatencyMsPerToken: distribution(norm)
		};
	}
}

export function distribution(xs: number[]): Distribution {
	if (xs.length === 0) return { mean: 0, p50: 0, p99: 0 };
	const s = Float64Array.from(xs).sort();
	const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
	let sum = 0;
	for (const x of s) sum += x;
	return { mean: sum / s.length, p50: at(0.5), p99: at(0.99) };
}
