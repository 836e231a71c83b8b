/**
 * Run a shipped model through the paged-KV executor.
 *
 *   npm run model -- --model kjv --prompt "In the beginning" --max-tokens 200 --seed 1
 *   npm run model -- --model poems --prompt "床前明月光" --temperature 0
 *   npm run model -- --model kjv --verify      # paged ≈ contiguous ≈ recompute
 *
 * Options: --temperature (0.7; 0 = greedy) --top-k (0) --top-p (0.95) --block-size (16)
 *          --backend wasm|cpu --dir <model directory instead of static/models/<name>>
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../src/lib/workload/rng';
import { generate } from '../src/lib/model/generate';
import { ModelExecutor } from '../src/lib/model/model-executor';
import { verifyThreeWay } from '../src/lib/model/verify';
import { benchPrompt } from '../src/lib/model/decode-bench';
import { initBackend, loadModelFromDir, MODELS_DIR, parseArgs } from './model-node';
import { join } from 'node:path';

const VERSE =
	'In the beginning God created the heaven and the earth. And the earth was without form, and void; and darkness was upon the face of the deep.\n';
const POEM = '床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n';

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const num = (key: string, dflt: number) => Number(args.get(key) ?? dflt);
	const name = args.get('model') ?? 'kjv';
	const backend = await initBackend((args.get('backend') as 'wasm' | 'cpu') ?? 'wasm');
	const { model, tokenizer } = await loadModelFromDir(args.get('dir') ?? join(MODELS_DIR, name));
	const seed = num('seed', 1);
	const blockSize = num('block-size', 16);

	if (args.has('verify')) {
		const rng = new Rng(seed);
		const text = args.get('prompt') ?? (name === 'poems' ? POEM : VERSE);
		const ctx = model.config.contextLength;
		let worst = 0;
		for (let trial = 0; trial < 3; trial++) {
			const newTokens = 32;
			const prompt = benchPrompt((s) => tokenizer.encode(s), text, 8 + rng.int(ctx - newTokens - 8));
			const bs = 1 + rng.int(blockSize);
			const r = verifyThreeWay(model, prompt, { newTokens, blockSize: bs, seed: seed + trial });
			worst = Math.max(worst, r.maxDiffPaged, r.maxDiffContiguous);
			console.log(
				`trial ${trial}: block size ${bs}, prompt ${prompt.length} + ${newTokens} tokens, shuffled blocks: max |Δlogit| vs recompute: paged ${r.maxDiffPaged.toExponential(2)}, contiguous ${r.maxDiffContiguous.toExponential(2)}; greedy tokens ${r.sameTokens ? 'identical' : 'DIFFER'}`
			);
		}
		console.log(`largest difference against recompute: ${worst.toExponential(3)} (${backend})`);
		return;
	}

	const prompt = args.get('prompt') ?? (name === 'poems' ? '床前明月光' : 'In the beginning');
	const executor = new ModelExecutor(
		model,
		{ numGpuBlocks: Math.ceil(model.config.contextLength / blockSize), blockSize, numCpuBlocks: 0 },
		{ temperature: num('temperature', 0.7), topK: num('top-k', 0), topP: num('top-p', 0.95) }
	);
	process.stdout.write(prompt);
	generate(executor, tokenizer.encode(prompt), {
		maxTokens: num('max-tokens', 200),
		seed,
		onToken: (t) => process.stdout.write(tokenizer.decode([t]))
	});
	process.stdout.write('\n');
	executor.dispose();
	console.error(`(${backend}; ${tf.memory().numTensors} tensors held by the weights)`);
}

main().catch((e) => {
	console.error((e as Error).message);
	process.exit(1);
});
