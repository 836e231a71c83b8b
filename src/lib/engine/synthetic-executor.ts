/**
 * The executor without a model: deterministic pseudo-random tokens from a seed per
 * (request, sequence, position), so the same run gives the same stream whatever the batch.
 */
import type { Executor, SampledToken, StepBatch, Candidate } from './executor';
import { mixSeed } from '../workload/rng';

export class SyntheticExecutor implements Executor {
	readonly name = 'synthetic';
	private readonly out: SampledToken[] = [];
	/** Reused answer objects: a big run samples millions of tokens. */
	private readonly spare: SampledToken[] = [];

	constructor(private readonly vocabSize = 50_000) {}

	/** The returned array and its entries are reused by the next call. */
	execute(batch: StepBatch): SampledToken[] {
		const out = this.out;
		let n = 0;
		for (const s of batch.seqs) {
			if (!s.sample) continue;
			const k = Math.max(s.numSamples, s.beamWidth);
			if (k <= 1) {
				const t = (this.spare[n] ??= { token: 0, logprob: 0 });
				t.token = this.token(s.seed, 0);
				// A lone sample's log-prob ranks nothing; skip the work.
				t.logprob = 0;
				out[n++] = t;
				continue;
			}
			const candidates: Candidate[] = [];
			for (let i = 0; i < k; i++) candidates.push({ token: this.token(s.seed, i), logprob: this.logprob(s.seed, i) });
			if (s.beamWidth > 0) candidates.sort((a, b) => b.logprob - a.logprob);
			out[n++] = { token: candidates[0].token, logprob: candidates[0].logprob, candidates };
		}
		if (out.length > n) out.length = n;
		return out;
	}

	private token(seed: number, i: number): number {
		return mixSeed(seed, i, 1) % this.vocabSize;
	}

	private logprob(seed: number, i: number): number {
		return -4 * (mixSeed(seed, i, 2) / 4294967296);
	}
}
