/**
 * Run a shipped model through the paged-KV executor.
 *
 *   npm run model -- --model kjv --prompt "In the beginning" --max-tokens 200 --seed 1
 *   npm run model -- --model zh --prompt "我晚上吃什么好？" --temperature 0
 *   npm run model -- --model kjv --verify      # paged ≈ contiguous ≈ recompute
 *
 * Options: --temperature (0.7; 0 = greedy) --top-k (0) --top-p (0.95) --block-size (16)
 *          --max-tokens (200) --seed (1) --backend wasm|cpu --dir <model directory instead of static/models/<name>>
 * Every flag is checked (the same strict parser as `npm run sim`): a bad or unknown one exits 1 naming it.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../src/lib/workload/rng';
import { InputError } from '../src/lib/engine/config';
import { generate } from '../src/lib/model/generate';
import { ModelExecutor } from '../src/lib/model/model-executor';
import { verifyThreeWay } from '../src/lib/model/verify';
import { benchPrompt } from '../src/lib/model/decode-bench';
import { parseFlags } from './cli-args';
import { initBackend, loadModelFromDir, MODELS_DIR } from './model-node';

const CLI = 'command line';
const USAGE =
	'usage: npm run model -- [--model kjv|zh | --dir DIR] [--prompt TEXT] [--max-tokens N] [--temperature T] [--top-k K] [--top-p P] [--block-size B] [--seed S] [--backend wasm|cpu] [--verify]';

/** Numeric flags: default, range, integer or not. The one table their checks read. */
const NUMBERS = {
	'max-tokens': { dflt: 200, min: 1, max: 1e6, int: true },
	temperature: { dflt: 0.7, min: 0, max: 100, int: false },
	'top-k': { dflt: 0, min: 0, max: 1e6, int: true },
	'top-p': { dflt: 0.95, min: 0, max: 1, int: false, above: true },
	'block-size': { dflt: 16, min: 1, max: 1024, int: true },
	seed: { dflt: 1, min: 0, max: 2 ** 32 - 1, int: true }
} as const;
const STRINGS = ['model', 'prompt', 'backend', 'dir'] as const;

function readFlags(argv: string[]) {
	const options = {
		...Object.fromEntries([...Object.keys(NUMBERS), ...STRINGS].map((k) => [k, { type: 'string' as const }])),
		verify: { type: 'boolean' as const }
	};
	const flags = parseFlags(argv, options, { inputs: false });
	const num = (key: keyof typeof NUMBERS): number => {
		const rule = NUMBERS[key];
		const raw = flags[key];
		if (raw === undefined) return rule.dflt;
		const x = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
		const range = `${'above' in rule ? `(${rule.min}` : `[${rule.min}`}, ${rule.max}]`;
		if (!Number.isFinite(x)) throw new InputError(CLI, `--${key}`, `must be a number, got ${JSON.stringify(String(raw).slice(0, 80))}`);
		if (rule.int && !Number.isInteger(x)) throw new InputError(CLI, `--${key}`, `must be a whole number, got ${raw}`);
		if (x < rule.min || x > rule.max || ('above' in rule && x === rule.min))
			throw new InputError(CLI, `--${key}`, `must be in ${range}, got ${raw}`);
		return x;
	};
	const backend = (flags.backend as string | undefined) ?? 'wasm';
	if (backend !== 'wasm' && backend !== 'cpu')
		throw new InputError(CLI, '--backend', `must be wasm or cpu, got ${JSON.stringify(backend.slice(0, 80))}`);
	const name = (flags.model as string | undefined) ?? 'kjv';
	if (flags.dir !== undefined && flags.model !== undefined) throw new InputError(CLI, '--dir', 'give --model or --dir, not both');
	const shipped = readdirSync(MODELS_DIR).filter((d) => existsSync(join(MODELS_DIR, d, 'model.json')));
	if (flags.dir === undefined && !shipped.includes(name))
		throw new InputError(CLI, '--model', `must be one of ${shipped.join(', ')}, got ${JSON.stringify(name.slice(0, 80))}`);
	return {
		help: flags.help === true,
		verify: flags.verify === true,
		name,
		dir: (flags.dir as string | undefined) ?? join(MODELS_DIR, name),
		prompt: flags.prompt as string | undefined,
		backend: backend as 'wasm' | 'cpu',
		maxTokens: num('max-tokens'),
		temperature: num('temperature'),
		topK: num('top-k'),
		topP: num('top-p'),
		blockSize: num('block-size'),
		seed: num('seed')
	};
}

const VERSE =
	'In the beginning God created the heaven and the earth. And the earth was without form, and void; and darkness was upon the face of the deep.\n';
const POEM = '床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n';

async function main() {
	const args = readFlags(process.argv.slice(2));
	if (args.help) return void console.log(USAGE);
	const { name, seed, blockSize } = args;
	const backend = await initBackend(args.backend);
	const { model, tokenizer } = await loadModelFromDir(args.dir);
	const ctx = model.config.contextLength;
	if (args.prompt !== undefined) {
		const reading = tokenizer.read(args.prompt);
		const n = reading.ids.length;
		if (reading.unknown.length > 0) {
			const list = reading.unknown.map((u) => `${u.char} (${u.codePoint}${u.count > 1 ? ` × ${u.count}` : ''})`).join(', ');
			console.error(
				`note: the ${name} model has never seen ${list}; ${reading.policy === 'unknown-token' ? 'it reads them as the unknown character �' : 'they are dropped'}`
			);
		}
		if (n === 0) throw new InputError(CLI, '--prompt', `has no character the ${name} model knows`);
		if (!args.verify && n >= ctx)
			throw new InputError(
				CLI,
				'--prompt',
				`is ${n} tokens, but the model's context is ${ctx}: it must be at most ${ctx - 1} to leave room for one new token`
			);
	}

	if (args.verify) {
		const rng = new Rng(seed);
		const text = args.prompt ?? (name === 'zh' ? POEM : VERSE);
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

	const prompt = args.prompt ?? (name === 'zh' ? '床前明月光' : 'In the beginning');
	const executor = new ModelExecutor(
		model,
		{ numGpuBlocks: Math.ceil(model.config.contextLength / blockSize), blockSize, numCpuBlocks: 0 },
		{ temperature: args.temperature, topK: args.topK, topP: args.topP }
	);
	process.stdout.write(prompt);
	generate(executor, tokenizer.encode(prompt), {
		maxTokens: args.maxTokens,
		seed,
		onToken: (t) => process.stdout.write(tokenizer.decode([t]))
	});
	process.stdout.write('\n');
	executor.dispose();
	console.error(`(${backend}; ${tf.memory().numTensors} tensors held by the weights)`);
}

main().catch((e) => {
	console.error(`error: ${(e as Error).message}`);
	if (e instanceof InputError) console.error(USAGE);
	process.exit(1);
});
