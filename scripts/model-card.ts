/** The model card (static/models/<name>/README.md), regenerated at every training checkpoint. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GptConfig } from '../src/lib/model/config';
import { headDim, kvBytesPerToken, parameterCount } from '../src/lib/model/config';

/** What a reader should know about each shipped model beyond the numbers. */
const NOTES: Record<string, string> = {
	kjv: 'Still undertrained: four stages, 96 minutes on two shared CPU cores, about 4.7 M characters seen (about one epoch). It writes KJV words and phrases and often whole clauses ("And the LORD said unto Moses, Behold, I am the LORD"), and drifts into invented names and fragments in long generations. Positions past 128 saw the fewest updates.',
	poems:
		"Context 128 rather than 256: a poem with its title and author fits in about 100 characters, and the shorter context halves training cost. 37,765 characters is a tiny corpus for 2,829 distinct characters: the model learns the form (titles in 《》, 作者：, five- and seven-character lines with ，and 。, poets' names) but not much sense, and it overfits (train 4.30 vs validation 6.11 nats/char, uniform would be 7.95).",
	zh: 'Replaces `poems`, which overfitted its 37,765 characters of Tang and Song poems (train 4.30 vs validation 6.11 nats/char). Trained on 520,464 characters, 14 times as many: all of fortune-zh, modern prose (the Chinese Debian reference manual and code of conduct, quotations) as well as proverbs, the Analects and other classics, and the poems. Vocabulary: the 3,743 characters seen at least 4 times, plus U+FFFD (�), which stands for every rarer character (0.76% of the corpus), so a character the model never learned reads as "unknown" instead of vanishing; /model names such characters under the prompts before generating. Every character of the blog\'s prompt "我晚上吃什么好？" is in the vocabulary. Context 128, as before. 300 steps of 8 × 128 characters saw 0.62 epochs of the training split, so validation stays close to training (validation 4.34 is 3.5% below train 4.50 nats/char; uniform would be 8.23); CPU time, not data, is the limit now: the run was planned for 360 steps and stopped at the step-300 checkpoint to meet the time budget (65 minutes at nice 10 on two cores shared with six other engineers). The model has learned the corpus\'s forms — attributions such as ——《谚语》 and ——《论语》, 子曰：“…”, quotation marks, five- and seven-character lines — and frequent words and phrases, not much sense.'
};

/** Real samples, each the first 60 characters after the prompt of `npm run model -- --model <name> --prompt P --seed S --temperature T`. */
const SAMPLES: Record<string, string> = {
	zh: `Temperature 0.8, top-p 0.95 (the CLI's default), block size 16; the blog's prompt first. Blank lines are the model's.

\`\`\`
我晚上吃什么好？
——《谚语》



———Osu 软件系统台，天根谭》

———《谚语》 …   (seed 1)

我晚上吃什么好？
———Os 参考手册（版本 Debi 2.73）



只人，2. 系统 是如装，有�而不以良无所要人而有一》 …   (seed 2)

床前明月光，妆似。
——《谚语》 …   (seed 1)

子曰：“室矣。”

不有。
——《詩經‧ 國風‧ 文》 …   (seed 3)

人工智能的未来是用 " ptonestottse”
+ tode mmintriapalig “ 的文件系统，它一个操
—《论语》 …   (seed 1)
\`\`\``
};

/** The commands of every training stage, oldest first (a run started with --init records its predecessor). */
function stages(training: Record<string, unknown>): string[] {
	const prev = training.previous as Record<string, unknown> | undefined;
	const planned = Number(/--steps (\d+)/.exec(String(training.command))?.[1] ?? training.steps);
	const stop =
		Number(training.steps) < planned && !String(training.command).includes('--stop-after') ? ` --stop-after ${training.steps}` : '';
	const here = `${training.command}${stop}   # ${training.steps} steps, ${training.minutes} min`;
	return [...(prev ? stages(prev) : []), here];
}

export function writeModelCard(dir: string, name: string, cfg: GptConfig, training: Record<string, unknown>): void {
	const params = parameterCount(cfg);
	const allStages = stages(training);
	const md = `# Model \`${name}\`

A character-level GPT trained for PagedKV Lab. Loaded by \`src/lib/model/weights.ts\`;
its K/V live in the engine's paged blocks (see \`docs/model.md\`).

## Architecture

| | |
|---|---|
| type | decoder-only transformer, pre-norm (LayerNorm), GELU MLP (4×), learned positions, tied input/output embeddings |
| layers × width × heads | ${cfg.nLayer} × ${cfg.nEmbd} × ${cfg.nHead} (head dim ${headDim(cfg)}) |
| context | ${cfg.contextLength} tokens |
| vocabulary | ${cfg.vocabSize} characters (\`vocab.json\`) |
| parameters | ${params.toLocaleString('en-US')} |
| KV bytes per token | ${kvBytesPerToken(cfg).toLocaleString('en-US')} (2 × ${cfg.nLayer} layers × ${cfg.nEmbd} × 4 bytes, float32 on the backend) |
| storage | \`weights.bin\`, float16 (${((params * 2) / 1024 / 1024).toFixed(2)} MB), restored to float32 on load |

${NOTES[name] ? `## Notes\n\n${NOTES[name]}\n\n` : ''}${SAMPLES[name] ? `## Samples\n\n${SAMPLES[name]}\n\n` : ''}## Corpus and licence

${training.corpus}

The weights in this directory were trained from scratch in this repository and are
released under the same licence as the repository.

## Training

| | |
|---|---|
| steps | ${allStages.length > 1 ? `${allStages.length} stages (commands below); last stage ` : ''}${training.steps} (batch ${training.batch} × ${cfg.contextLength} tokens, Adam β=(0.9, 0.95), peak lr ${training.lr}, warmup + cosine, global-norm clip 1, dropout ${training.dropout}${training.shortContext ? `; ${Number(training.longEvery) - 1} of every ${training.longEvery} batches use a ${training.shortContext}-token context with proportionally more sequences, the rest the full context` : ''}) |
| final train loss | ${training.trainLoss} nats/char (mean over 6 fixed batches of full-context windows) |
| final validation loss | ${training.valLoss} nats/char (last 5% of the corpus) |
| backend | tfjs ${training.backend} in Node, ${training.minutes} minutes on 2 shared cores |

Reproduce${allStages.length > 1 ? " (each stage starts from the previous stage's weights; a stage that was stopped early says so)" : ''}:

\`\`\`sh
${allStages.join('\n')}
\`\`\`
`;
	writeFileSync(join(dir, 'README.md'), md);
}

/**
 * `tsx scripts/model-card.ts <name>`: rewrite a model's card from its model.json, and give
 * the manifest its per-tensor SHA-256 checksums when it was written before they existed.
 */
if (process.argv[1]?.endsWith('model-card.ts') && process.argv[2]) {
	const { readFileSync } = await import('node:fs');
	const { MODELS_DIR } = await import('./model-node');
	const { withChecksums } = await import('../src/lib/model/weights');
	const dir = join(MODELS_DIR, process.argv[2]);
	let manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
	if (manifest.tensors.some((t: { sha256?: string }) => !t.sha256)) {
		manifest = withChecksums(manifest, readFileSync(join(dir, 'weights.bin')));
		writeFileSync(join(dir, 'model.json'), JSON.stringify(manifest, null, 1));
		console.log(`wrote checksums of ${manifest.tensors.length} tensors to ${join(dir, 'model.json')}`);
	}
	writeModelCard(dir, manifest.name, manifest.config, manifest.training);
	console.log(`wrote ${join(dir, 'README.md')}`);
}
