/**
 * A one-sequence driver for the model executor, for the CLI, the bench and the browser:
 * it plays the engine's part with the simplest block manager there is (blocks 0, 1, 2, …
 * handed out as the sequence grows), so the tokens still go through the paged path.
 */
import type { BlockOps } from '../engine/executor';
import { mixSeed } from '../workload/rng';
import type { ModelExecutor } from './model-executor';

export const NO_OPS: BlockOps = { copies: [], swapOut: [], swapIn: [] };

export interface GenerateOptions {
	maxTokens: number;
	seed: number;
	/** Called after each sampled token (streaming output). */
	onToken?: (token: number) => void;
}

/** Prefill the prompt in one step, then decode; returns the new tokens. Stops at the model's context. */
export function generate(executor: ModelExecutor, prompt: readonly number[], opts: GenerateOptions): number[] {
	if (prompt.length === 0) throw new Error('empty prompt (no character of it is in the vocabulary?)');
	const bs = executor.cache.blockSize;
	const ctx = executor.model.config.contextLength;
	const tokens = [...prompt];
	const blockTable: number[] = [];
	let start = 0;
	for (let step = 0; step < opts.maxTokens && tokens.length < ctx; step++) {
		while (blockTable.length * bs < tokens.length) {
			if (blockTable.length >= executor.cache.numBlocks) throw new Error(`out of KV blocks (${executor.cache.numBlocks})`);
			blockTable.push(blockTable.length);
		}
		const [out] = executor.execute({
			step,
			blockSize: bs,
			ops: NO_OPS,
			seqs: [
				{
					req: 'generate',
					seq: 0,
					tokens,
					start,
					numTokens: tokens.length - start,
					blockTable,
					sample: true,
					numSamples: 1,
					beamWidth: 0,
					seed: mixSeed(opts.seed, tokens.length)
				}
			]
		});
		start = tokens.length;
		tokens.push(out.token);
		opts.onToken?.(out.token);
	}
	return tokens.slice(prompt.length);
}
