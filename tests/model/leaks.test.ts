/** No tensor leaks: the tensor count after 500 decode steps equals the count after 5. */
import { beforeAll, expect, it } from 'vitest';
import type { ScheduledSeq } from '../../src/lib/engine/executor';
import { Rng } from '../../src/lib/workload/rng';
import { disposeWeights } from '../../src/lib/model/params';
import { ModelExecutor } from '../../src/lib/model/model-executor';
import { randomTokens, setupBackend, smallModel, tf } from './helpers';

beforeAll(setupBackend);

it('decoding 500 steps (two sequences, with CoW copies and swaps) holds no extra tensors', () => {
	const model = smallModel();
	const before = tf.memory().numTensors;
	const bs = 4;
	const ex = new ModelExecutor(model, { numGpuBlocks: 64, blockSize: bs, numCpuBlocks: 8 }, { temperature: 0.8, topP: 0.9 });
	const rng = new Rng(1);
	// Two sequences in fixed block ranges (0-23 and 24-47), restarted when they near the context.
	const seqs = [0, 1].map((i) => ({ tokens: randomTokens(rng, 5, 40), start: 0, base: 24 * i }));
	const counts: Record<number, number> = {};
	for (let step = 1; step <= 500; step++) {
		const ops = { copies: [] as [number, number][], swapOut: [] as [number, number][], swapIn: [] as [number, number][] };
		if (step % 50 === 0) ops.copies.push([0, 60]);
		if (step % 70 === 0) (ops.swapOut.push([61, 3]), ops.swapIn.push([3, 62]));
		const scheduled: ScheduledSeq[] = seqs.map((s, i) => ({
			req: `r${i}`,
			seq: 0,
			tokens: s.tokens,
			start: s.start,
			numTokens: s.tokens.length - s.start,
			blockTable: Array.from({ length: Math.ceil(s.tokens.length / bs) }, (_, b) => s.base + b),
			sample: true,
			numSamples: step % 97 === 0 ? 3 : 1,
			beamWidth: step % 89 === 0 ? 2 : 0,
			seed: step * 2 + i
		}));
		const out = ex.execute({ step, blockSize: bs, ops, seqs: scheduled });
		seqs.forEach((s, i) => {
			s.start = s.tokens.length;
			s.tokens.push(out[i].token);
			if (s.tokens.length >= 90) Object.assign(s, { tokens: randomTokens(rng, 5, 40), start: 0 });
		});
		if (step === 5 || step === 500) counts[step] = tf.memory().numTensors;
	}
	expect(counts[500]).toBe(counts[5]);
	ex.dispose();
	disposeWeights(model.weights);
	expect(tf.memory().numTensors).toBe(before - model.config.nLayer * 12 - 4); // weights gone, pool gone, nothing else
});
