/**
 * The SHIPPED weights (static/models/*): they load from disk, the three paths agree on
 * them, and they model their corpus far better than chance.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forwardRecompute } from '../../src/lib/model/gpt';
import { disposeWeights } from '../../src/lib/model/params';
import { generate } from '../../src/lib/model/generate';
import { ModelExecutor } from '../../src/lib/model/model-executor';
import { readAndDispose } from '../../src/lib/model/paged-kv-cache';
import { logSoftmax } from '../../src/lib/model/sampling';
import type { LoadedModel } from '../../src/lib/model/weights';
import { verifyThreeWay } from '../../src/lib/model/verify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CharTokenizer } from '../../src/lib/model/tokenizer';
import { loadShippedModel, MODELS_DIR } from '../../scripts/model-node';
import { setupBackend } from './helpers';

/** Mean negative log-likelihood (nats per character) of a text under the model. */
function meanNll({ model, tokenizer }: LoadedModel, text: string): number {
	const ids = tokenizer.encode(text);
	const V = model.config.vocabSize;
	const logits = readAndDispose(forwardRecompute(model, ids, 'all')); // [T, V]
	let nll = 0;
	for (let t = 0; t + 1 < ids.length; t++) nll -= logSoftmax(logits.subarray(t * V, (t + 1) * V))[ids[t + 1]];
	return nll / (ids.length - 1);
}

const MAX_NLL_ZH = 5.0;

const CASES = [
	{
		name: 'kjv',
		text: 'And the LORD spake unto Moses, saying, Speak unto the children of Israel, and say unto them, When ye be come into the land which I give unto you, then shall the land keep a sabbath unto the LORD.',
		prompt: 'And God said, ',
		maxNll: 2.0 // uniform over 63 characters would be 4.14
	},
	{
		name: 'zh',
		text: '子曰：“学而时习之，不亦说乎？有朋自远方来，不亦乐乎？”\n——《论语》',
		prompt: '我晚上吃什么好？',
		maxNll: MAX_NLL_ZH // uniform over 3,744 characters would be 8.23
	}
];

/** The blog's prompts, in the Chinese model's vocabulary: read whole, nothing unknown (issue 13). */
describe('the zh vocabulary reads the blog prompts', () => {
	it.each(['我晚上吃什么好？', '你好，我的名字是', '法国的首都是', '人工智能的未来是'])('%s', async (prompt) => {
		const vocab = JSON.parse(readFileSync(join(MODELS_DIR, 'zh', 'vocab.json'), 'utf8')) as string[];
		const reading = new CharTokenizer(vocab).read(prompt);
		expect(reading.unknown).toEqual([]);
		expect(reading.ids).toHaveLength([...prompt].length);
	});

	it('names a character it lacks and reads it as U+FFFD', async () => {
		const vocab = JSON.parse(readFileSync(join(MODELS_DIR, 'zh', 'vocab.json'), 'utf8')) as string[];
		const reading = new CharTokenizer(vocab).read('我晚上吃🍜');
		expect(reading.unknown.map((u) => u.char)).toEqual(['🍜']);
		expect(reading.policy).toBe('unknown-token');
		expect(reading.ids).toHaveLength(5);
	});
});

beforeAll(setupBackend);

describe.each(CASES)('shipped model $name', ({ name, text, prompt, maxNll }) => {
	let loaded: LoadedModel;
	beforeAll(async () => {
		loaded = await loadShippedModel(name);
		return () => disposeWeights(loaded.model.weights);
	});

	it('fits the size budget and its vocabulary', () => {
		expect(loaded.manifest.dtype).toBe('float16');
		expect(loaded.tokenizer.size).toBe(loaded.model.config.vocabSize);
	});

	it('paged ≈ contiguous ≈ recompute, same greedy tokens', () => {
		const ids = loaded.tokenizer.encode(text);
		for (const [i, blockSize] of [3, 16].entries()) {
			const r = verifyThreeWay(loaded.model, ids.slice(0, 40 + 30 * i), { newTokens: 16, blockSize, seed: i });
			expect(r.maxDiffPaged, `block size ${blockSize}`).toBeLessThanOrEqual(1e-4);
			expect(r.maxDiffContiguous).toBeLessThanOrEqual(1e-4);
			expect(r.sameTokens).toBe(true);
		}
	});

	it(`predicts its corpus far better than chance (< ${maxNll} nats/char)`, () => {
		const nll = meanNll(loaded, text);
		expect(nll).toBeLessThan(maxNll);
	});

	it('generates through the executor, reproducibly from the seed', () => {
		const run = () => {
			const ex = new ModelExecutor(loaded.model, { numGpuBlocks: 16, blockSize: 16, numCpuBlocks: 0 }, { temperature: 0.8, topP: 0.95 });
			const out = loaded.tokenizer.decode(generate(ex, loaded.tokenizer.encode(prompt), { maxTokens: 40, seed: 5 }));
			ex.dispose();
			return out;
		};
		const a = run();
		expect([...a]).toHaveLength(40);
		expect(run()).toBe(a);
	});
});
