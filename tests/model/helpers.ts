/** Shared setup for the model tests: the wasm backend, a small random model, a toy block allocator. */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../src/lib/workload/rng';
import type { GptConfig } from '../../src/lib/model/config';
import type { Gpt } from '../../src/lib/model/params';
import { randomWeights } from '../../src/lib/model/params';
import { initBackend } from '../../scripts/model-node';
import { shuffledIds } from '../../src/lib/model/verify';

export { tf };

export async function setupBackend(): Promise<string> {
	return initBackend('wasm');
}

export const SMALL: GptConfig = { vocabSize: 40, contextLength: 96, nLayer: 2, nHead: 2, nEmbd: 32 };

/** Random weights with a larger init so logits are peaked (greedy ties are then vanishingly rare). */
export function smallModel(cfg: GptConfig = SMALL, seed = 7): Gpt {
	return { config: cfg, weights: randomWeights(cfg, seed, 10) };
}

export function randomTokens(rng: Rng, n: number, vocab: number): number[] {
	return Array.from({ length: n }, () => rng.int(vocab));
}

/** The engine's side in miniature: hands out physical blocks from a shuffled free list. */
export class ToyBlocks {
	private readonly free: number[];
	constructor(numBlocks: number, rng: Rng) {
		this.free = shuffledIds(numBlocks, rng);
	}
	take(): number {
		const b = this.free.pop();
		if (b === undefined) throw new Error('toy allocator out of blocks');
		return b;
	}
	/** Grow a block table to cover `numTokens` slots. */
	cover(table: number[], numTokens: number, blockSize: number): number[] {
		while (table.length * blockSize < numTokens) table.push(this.take());
		return table;
	}
	release(blocks: number[]): void {
		this.free.push(...blocks);
	}
}
