/**
 * The real model behind the engine's executor seam (engine/executor.ts): the engine's
 * physical block ids index this executor's K/V pool directly.
 *
 * Per step: apply the block ops (swap out, swap in, copy), run one batched forward over
 * every scheduled chunk (prefills and decodes together) with K/V written to and read from
 * the paged pool, then sample one token per sequence that asked.
 */
import type { Executor, SampledToken, ScheduledSeq, StepBatch } from '../engine/executor';
import { forward } from './gpt';
import type { Gpt } from './params';
import type { PagedCacheConfig, PagedChunk } from './paged-kv-cache';
import { PagedKvCache, readAndDispose } from './paged-kv-cache';
import type { SamplingOptions } from './sampling';
import { GREEDY, logSoftmax, sampleMany, topCandidates } from './sampling';

export class ModelExecutor implements Executor {
	readonly name = 'model';
	readonly cache: PagedKvCache;
	readonly sampling: SamplingOptions;

	constructor(
		readonly model: Gpt,
		cacheConfig: PagedCacheConfig,
		sampling: Partial<SamplingOptions> = {}
	) {
		this.cache = new PagedKvCache(model.config, cacheConfig);
		this.sampling = { ...GREEDY, ...sampling };
	}

	execute(batch: StepBatch): SampledToken[] {
		if (batch.blockSize !== this.cache.blockSize) {
			throw new Error(`step ${batch.step}: block size ${batch.blockSize}, but the KV pool was built with ${this.cache.blockSize}`);
		}
		this.cache.applyOps(batch.ops);
		const seqs = batch.seqs.filter((s) => s.numTokens > 0);
		for (const s of batch.seqs) {
			if (s.sample && s.numTokens === 0) throw new Error(`${s.req}/${s.seq}: asked to sample with no token to compute`);
		}
		if (seqs.length === 0) return [];
		const chunks: PagedChunk[] = seqs.map((s) => ({ tokens: s.tokens, start: s.start, numTokens: s.numTokens, blockTable: s.blockTable }));
		const logits = readAndDispose(forward(this.model, chunks, this.cache.attend(chunks), 'last')); // [S, V] flattened
		const V = this.model.config.vocabSize;
		const out: SampledToken[] = [];
		seqs.forEach((s, i) => {
			if (s.sample) out.push(this.sample(s, logits.subarray(i * V, (i + 1) * V)));
		});
		return out;
	}

	dispose(): void {
		this.cache.dispose();
	}

	private sample(s: ScheduledSeq, logits: Float32Array): SampledToken {
		const logp = logSoftmax(logits);
		if (s.beamWidth > 0) {
			const candidates = topCandidates(logits, s.beamWidth);
			return { token: candidates[0].token, logprob: candidates[0].logprob, candidates };
		}
		const tokens = sampleMany(logits, this.sampling, s.seed, Math.max(1, s.numSamples));
		const candidates = tokens.map((token) => ({ token, logprob: logp[token] }));
		return s.numSamples > 1 ? { token: tokens[0], logprob: logp[tokens[0]], candidates } : { token: tokens[0], logprob: logp[tokens[0]] };
	}
}
