/** The model card (static/models/<name>/README.md), regenerated at every training checkpoint. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GptConfig } from '../src/lib/model/config';
import { headDim, kvBytesPerToken, parameterCount } from '../src/lib/model/config';

/** What a reader should know about each shipped model beyond the numbers. */
const NOTES: Record<string, string> = {
	kjv: 'Still undertrained: four stages, 96 minutes on two shared CPU cores, about 4.7 M characters seen (about one epoch). It writes KJV words and phrases and often whole clauses ("And the LORD said unto Moses, Behold, I am the LORD"), and drifts into invented names and fragments in long generations. Positions past 128 saw the fewest updates.',
	poems: 'Context 128 rather than 256: a poem with its title and author fits in about 100 characters, and the shorter context halves training cost. 37,765 characters is a tiny corpus for 2,829 distinct characters: the model learns the form (titles in 《》, 作者：, five- and seven-character lines with ，and 。, poets\' names) but not much sense, and it overfits (train 4.30 vs validation 6.11 nats/char, uniform would be 7.95).'
};

/** The commands of every training stage, oldest first (a run started with --init records its predecessor). */
function stages(training: Record<string, unknown>): string[] {
	const prev = training.previous as Record<string, unknown> | undefined;
	const planned = Number(/--steps (\d+)/.exec(String(training.command))?.[1] ?? training.steps);
	const stop = Number(training.steps) < planned && !String(training.command).includes('--stop-after') ? ` --stop-after ${training.steps}` : '';
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
| storage | \`weights.bin\`, float16 (${(params * 2 / 1024 / 1024).toFixed(2)} MB), restored to float32 on load |

${NOTES[name] ? `## Notes\n\n${NOTES[name]}\n\n` : ''}## Corpus and licence

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

Reproduce${allStages.length > 1 ? ' (each stage starts from the previous stage\'s weights; a stage that was stopped early says so)' : ''}:

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
