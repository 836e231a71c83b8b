/**
 * Train a character-level GPT on tfjs (wasm backend, Node) and write it to static/models/<name>/.
 *
 *   npm run train -- --model kjv --steps 700 --batch 12
 *   npm run train -- --model poems --steps 900 --batch 16 --context 128 --dropout 0.2
 *
 * Checkpoints (weights, vocab, model card) are written every --save-every steps, so a run
 * that is cut off still leaves usable weights.
 */
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { Rng } from '../src/lib/workload/rng';
import type { GptConfig } from '../src/lib/model/config';
import { forwardTrain } from '../src/lib/model/gpt';
import type { Gpt, GptWeights } from '../src/lib/model/params';
import { disposeWeights, namedWeights, randomWeights, weightsFromNamed } from '../src/lib/model/params';
import { CharTokenizer } from '../src/lib/model/tokenizer';
import { serializeModel } from '../src/lib/model/weights';
import { writeModelCard } from './model-card';
import { kjvCorpus, poemsCorpus, zhCorpus } from './model-corpus';
import { parseFlags } from './cli-args';
import { initBackend, loadModelFromDir, MODELS_DIR, writeModelFiles } from './model-node';

const FLAGS = [
	'model',
	'steps',
	'batch',
	'lr',
	'dropout',
	'eval-every',
	'save-every',
	'seed',
	'out',
	'short-context',
	'long-every',
	'init',
	'stop-after',
	'context',
	'layers',
	'heads',
	'dim',
	'min-count'
];

const CORPORA: Record<string, { text: () => string; description: string }> = {
	kjv: {
		text: kjvCorpus,
		description:
			"The King James Version of the Bible (Debian package `bible-kjv`, `bible -f 'Gen1:1-Rev22:21'`), verse references stripped, one verse a line. Public domain (outside the UK, where Crown letters patent apply)."
	},
	poems: {
		text: poemsCorpus,
		description:
			'300 Tang poems and 100 Song poems from the Debian fortune files `/usr/share/games/fortunes/tang300.u8` and `song100.u8` (package fortune-zh), colour codes and dates stripped. The poems are centuries old and in the public domain.'
	},
	zh: {
		text: zhCorpus,
		description:
			"Every fortune of the Debian package fortune-zh: the modern Chinese file `/usr/share/games/fortunes/chinese` (proverbs, the Analects, 菜根谭, 增广贤文, 道德经, the Shijing, quotations, the Chinese Debian reference manual and code of conduct) and the 300 Tang and 100 Song poems (`tang300.u8`, `song100.u8`). Colour codes, fortune separators, tables, poets' dates and paragraphs with no Chinese character (commands, URLs) stripped; the manual's wrapped lines joined; the documents shuffled (seeded) so the validation split (the last 5%) is a random 5% of them. Characters seen fewer than `--min-count` times are written as U+FFFD (the unknown character). The poems and the classics are in the public domain; the package is GPL-3.0+ (/usr/share/doc/fortunes-zh/copyright), the manual's excerpts are Osamu Aoki's Debian reference manual."
	}
};

async function main() {
	const flags = parseFlags(process.argv.slice(2), Object.fromEntries(FLAGS.map((f) => [f, { type: 'string' as const }])), {
		inputs: false
	});
	const args = new Map(Object.entries(flags).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));
	const name = args.get('model') ?? 'kjv';
	const corpus = CORPORA[name];
	if (!corpus) throw new Error(`unknown --model ${name} (${Object.keys(CORPORA).join(' | ')})`);
	const num = (key: string, dflt: number) => Number(args.get(key) ?? dflt);
	const steps = num('steps', 600);
	const batchSize = num('batch', 12);
	const lr = num('lr', 3e-3);
	const dropout = num('dropout', 0);
	const evalEvery = num('eval-every', 50);
	const saveEvery = num('save-every', 100);
	const seed = num('seed', 1);
	const outDir = args.get('out') ?? join(MODELS_DIR, name);
	// Cheaper steps: most batches use a short context (same tokens per batch, more sequences);
	// every --long-every-th batch uses the full context so every position row is trained.
	const shortContext = num('short-context', 0);
	const longEvery = num('long-every', 4);
	const initDir = args.get('init');
	const stopAfter = num('stop-after', steps); // end early, keeping the --steps schedule
	const command = `npm run train -- ${process.argv.slice(2).join(' ')}`;

	const backend = await initBackend('wasm');
	const text = corpus.text();
	const minCount = num('min-count', 1); // rarer characters read as the unknown character U+FFFD
	const tokenizer = CharTokenizer.fromCorpus(text, minCount);
	const data = Int32Array.from(tokenizer.encode(text));
	const split = Math.floor(data.length * 0.95);
	const train = data.subarray(0, split);
	const val = data.subarray(split);
	const cfg: GptConfig = {
		vocabSize: tokenizer.size,
		contextLength: num('context', 256),
		nLayer: num('layers', 4),
		nHead: num('heads', 4),
		nEmbd: num('dim', 128)
	};
	const T = cfg.contextLength;
	console.log(`[${name}] backend ${backend}; ${data.length} tokens (${train.length} train / ${val.length} val), vocab ${cfg.vocabSize}`);
	console.log(
		`[${name}] config ${JSON.stringify(cfg)}; ${steps} steps × ${batchSize}×${T} tokens; lr ${lr}; dropout ${dropout}; short context ${shortContext}`
	);

	let previous: Record<string, unknown> | undefined;
	let init = randomWeights(cfg, seed);
	if (initDir) {
		const loaded = await loadModelFromDir(initDir);
		if (JSON.stringify(loaded.model.config) !== JSON.stringify(cfg) || loaded.tokenizer.vocab.join('') !== tokenizer.vocab.join('')) {
			throw new Error(`--init ${initDir}: config or vocabulary differs from this run's`);
		}
		disposeWeights(init);
		init = loaded.model.weights;
		previous = loaded.manifest.training;
		console.log(`[${name}] starting from ${initDir} (${JSON.stringify(previous?.steps)} steps)`);
	}
	const named = new Map(namedWeights(init).map(([n, t]) => [n, tf.variable(t, true, n) as tf.Tensor]));
	const weights: GptWeights = weightsFromNamed(cfg, named);
	const model: Gpt = { config: cfg, weights };
	const variables = [...named.values()] as tf.Variable[];
	const optimizer = tf.train.adam(lr, 0.9, 0.95, 1e-8);
	const rng = new Rng(seed);

	const batch = (source: Int32Array, r: Rng, T = cfg.contextLength, B = batchSize) => {
		const x = new Int32Array(B * T);
		const y = new Int32Array(B * T);
		for (let b = 0; b < B; b++) {
			const o = r.int(source.length - T - 1);
			x.set(source.subarray(o, o + T), b * T);
			y.set(source.subarray(o + 1, o + T + 1), b * T);
		}
		return { x: tf.tensor1d(x, 'int32'), y: tf.tensor1d(y, 'int32'), B, T };
	};
	const lossOf = ({ x, y, B, T }: { x: tf.Tensor1D; y: tf.Tensor1D; B: number; T: number }, p: number) => {
		const logits = forwardTrain(model, x, B, T, p); // [B*T, V]
		const logp = tf.logSoftmax(logits); // [B*T, V]
		return tf.neg(tf.mean(tf.sum(tf.mul(logp, tf.oneHot(y, cfg.vocabSize)), 1))) as tf.Scalar;
	};
	const evaluate = (source: Int32Array, batches = 6) => {
		const r = new Rng(1234); // the same batches every time
		let sum = 0;
		for (let i = 0; i < batches; i++) {
			sum += tf.tidy(() => {
				return lossOf(batch(source, r), 0).dataSync()[0];
			});
		}
		return sum / batches;
	};

	const record: Record<string, unknown> = {
		corpus: corpus.description,
		command,
		backend,
		batch: batchSize,
		lr,
		dropout,
		seed,
		shortContext,
		longEvery,
		...(minCount > 1 ? { minCount, corpusCharacters: [...text].length } : {})
	};
	if (previous) record.previous = previous;
	const started = Date.now();
	let smooth = NaN;
	let last = { step: 0, trainLoss: NaN, valLoss: NaN };
	const save = (step: number) => {
		const training = { ...record, steps: step, ...last, minutes: +((Date.now() - started) / 60000).toFixed(1) };
		writeModelFiles(outDir, serializeModel(name, model, tokenizer.vocab, 'float16', training));
		writeModelCard(outDir, name, cfg, training);
		console.log(`[${name}] saved checkpoint at step ${step} to ${outDir}`);
	};

	for (let step = 1; step <= steps; step++) {
		const warmup = Math.min(100, steps / 10);
		const progress = (step - warmup) / Math.max(1, steps - warmup);
		const rate = step <= warmup ? (lr * step) / warmup : lr * (0.1 + 0.45 * (1 + Math.cos(Math.PI * progress)));
		(optimizer as unknown as { learningRate: number }).learningRate = rate;
		const loss = tf.tidy(() => {
			const short = shortContext > 0 && step % longEvery !== 0;
			const b = short ? batch(train, rng, shortContext, (batchSize * T) / shortContext) : batch(train, rng);
			const { value, grads } = tf.variableGrads(() => lossOf(b, dropout), variables);
			const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
			const scale = tf.minimum(1, tf.div(1, norm.add(1e-6))); // clip the global norm at 1
			optimizer.applyGradients(Object.entries(grads).map(([name, g]) => ({ name, tensor: g.mul(scale) })));
			return value.dataSync()[0];
		});
		smooth = Number.isNaN(smooth) ? loss : 0.95 * smooth + 0.05 * loss;
		if (step % 10 === 0 || step === 1) {
			const sec = (Date.now() - started) / 1000;
			console.log(
				`[${name}] step ${step}/${steps} loss ${loss.toFixed(4)} (ema ${smooth.toFixed(4)}) lr ${rate.toExponential(2)} ${(step / sec).toFixed(3)} steps/s ${tf.memory().numTensors} tensors`
			);
		}
		if (step % evalEvery === 0 || step === steps || step === stopAfter) {
			last = { step, trainLoss: +evaluate(train).toFixed(4), valLoss: +evaluate(val).toFixed(4) };
			console.log(`[${name}] eval step ${step}: train ${last.trainLoss} val ${last.valLoss}`);
		}
		if (step % saveEvery === 0 || step === steps || step === stopAfter) save(step);
		if (step === stopAfter) break;
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
