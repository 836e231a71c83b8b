/** The model executor against the engine's contract (engine/executor.ts). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScheduledSeq, StepBatch } from '../../src/lib/engine/executor';
import { Rng } from '../../src/lib/workload/rng';
import { forwardRecompute } from '../../src/lib/model/gpt';
import type { Gpt } from '../../src/lib/model/params';
import { generate, NO_OPS } from '../../src/lib/model/generate';
import { ModelExecutor } from '../../src/lib/model/model-executor';
import { readAndDispose } from '../../src/lib/model/paged-kv-cache';
import { argmax, logSoftmax } from '../../src/lib/model/sampling';
import { randomTokens, setupBackend, smallModel, tf } from './helpers';

let model: Gpt;
beforeAll(async () => {
	await setupBackend();
	model = smallModel();
});

function seq(over: Partial<ScheduledSeq> & Pick<ScheduledSeq, 'tokens' | 'blockTable'>): ScheduledSeq {
	return { req: 'r', seq: 0, start: 0, numTokens: over.tokens.length, sample: true, numSamples: 1, beamWidth: 0, seed: 1, ...over };
}

function batch(seqs: ScheduledSeq[], ops = NO_OPS, blockSize = 4): StepBatch {
	return { step: 0, blockSize, ops, seqs };
}

function recomputeLogp(tokens: readonly number[]): Float64Array {
	const V = model.config.vocabSize;
	return logSoftmax(readAndDispose(forwardRecompute(model, tokens, 'last')));
}

describe('ModelExecutor', () => {
	it('returns one entry per sampling sequence, in batch order, with model log-probs', () => {
		const ex = new ModelExecutor(model, { numGpuBlocks: 16, blockSize: 4, numCpuBlocks: 0 });
		const rng = new Rng(1);
		const a = randomTokens(rng, 9, 40);
		const b = randomTokens(rng, 6, 40);
		const c = randomTokens(rng, 5, 40);
		const out = ex.execute(
			batch([
				seq({ req: 'a', tokens: a, blockTable: [3, 0, 9] }),
				seq({ req: 'b', tokens: b, numTokens: 4, blockTable: [5, 1], sample: false }), // a chunked prefill: no sample
				seq({ req: 'c', tokens: c, blockTable: [7, 2] })
			])
		);
		expect(out).toHaveLength(2);
		for (const [i, toks] of [a, c].entries()) {
			const logp = recomputeLogp(toks);
			expect(out[i].token).toBe(argmax(logp));
			expect(Math.abs(out[i].logprob - logp[out[i].token])).toBeLessThan(1e-4);
			expect(out[i].candidates).toBeUndefined();
		}
		ex.dispose();
	});

	it('numSamples > 1: n seeded samples in candidates; beamWidth: the k best with log-probs', () => {
		const ex = new ModelExecutor(model, { numGpuBlocks: 16, blockSize: 4, numCpuBlocks: 0 }, { temperature: 1 });
		const toks = randomTokens(new Rng(2), 7, 40);
		const [par] = ex.execute(batch([seq({ tokens: toks, blockTable: [0, 1], numSamples: 4, seed: 99 })]));
		expect(par.candidates).toHaveLength(4);
		expect(par.token).toBe(par.candidates![0].token);
		const [again] = ex.execute(batch([seq({ tokens: toks, blockTable: [2, 3], numSamples: 4, seed: 99 })]));
		expect(again.candidates).toEqual(par.candidates);
		const [beam] = ex.execute(batch([seq({ tokens: toks, blockTable: [4, 5], beamWidth: 3 })]));
		const logp = recomputeLogp(toks);
		const best = [...logp.keys()].sort((x, y) => logp[y] - logp[x]).slice(0, 3);
		expect(beam.candidates!.map((c) => c.token)).toEqual(best);
		beam.candidates!.forEach((c) => expect(Math.abs(c.logprob - logp[c.token])).toBeLessThan(1e-4));
		ex.dispose();
	});

	it('applies the step ops before the forward pass (CoW copy used by the same step)', () => {
		const ex = new ModelExecutor(model, { numGpuBlocks: 16, blockSize: 4, numCpuBlocks: 0 });
		const prompt = randomTokens(new Rng(3), 6, 40); // one full block + 2 tokens in block 8
		ex.execute(batch([seq({ tokens: prompt, blockTable: [2, 8], sample: false })]));
		const left = [...prompt, 5];
		const right = [...prompt, 6];
		const out = ex.execute(
			batch(
				[
					seq({ req: 'l', tokens: left, start: 6, numTokens: 1, blockTable: [2, 8] }),
					seq({ req: 'r', tokens: right, start: 6, numTokens: 1, blockTable: [2, 11] })
				],
				{ copies: [[8, 11]], swapOut: [], swapIn: [] }
			)
		);
		expect(out.map((o) => o.token)).toEqual([argmax(recomputeLogp(left)), argmax(recomputeLogp(right))]);
		ex.dispose();
	});

	it('greedy generation through the executor equals greedy recomputation', () => {
		const ex = new ModelExecutor(model, { numGpuBlocks: 32, blockSize: 3, numCpuBlocks: 0 });
		const prompt = randomTokens(new Rng(4), 10, 40);
		const got = generate(ex, prompt, { maxTokens: 20, seed: 1 });
		const want = [...prompt];
		for (let i = 0; i < 20; i++) want.push(argmax(recomputeLogp(want)));
		expect(got).toEqual(want.slice(prompt.length));
		ex.dispose();
	});

	it('rejects a batch built for another block size, and a position past the context', () => {
		const ex = new ModelExecutor(model, { numGpuBlocks: 32, blockSize: 4, numCpuBlocks: 0 });
		expect(() => ex.execute(batch([], NO_OPS, 8))).toThrow(/block size 8, but the KV pool was built with 4/);
		const long = randomTokens(new Rng(5), 97, 40);
		expect(() => ex.execute(batch([seq({ tokens: long, blockTable: [...Array(25).keys()] })]))).toThrow(/beyond the model's context of 96/);
		ex.dispose();
	});
});
