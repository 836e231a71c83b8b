/**
 * Decode speed of the real model in Node (tfjs wasm): paged vs contiguous KV cache vs no
 * cache, at contexts 32, 128 and 256, measured side by side (src/lib/model/decode-bench.ts).
 *
 *   npx tsx scripts/bench-model.ts        # prints the markdown table
 *
 * `runModelBench()` is also called by scripts/bench.ts for docs/performance.md.
 */
import * as tf from '@tensorflow/tfjs';
import { pathToFileURL } from 'node:url';
import { benchPrompt, benchTable, DEFAULT_BENCH, runDecodeBench } from '../src/lib/model/decode-bench';
import { disposeWeights } from '../src/lib/model/gpt';
import { initBackend, loadShippedModel } from './model-node';

export const BENCH_TEXT =
	'In the beginning God created the heaven and the earth. And the earth was without form, and void; and darkness was upon the face of the deep. And the Spirit of God moved upon the face of the waters.\n';

export async function runModelBench(): Promise<{ title: string; markdown: string }> {
	const backend = await initBackend('wasm');
	const { model, tokenizer, manifest } = await loadShippedModel('kjv');
	const opts = DEFAULT_BENCH;
	const rows = runDecodeBench(model, benchPrompt((s) => tokenizer.encode(s), BENCH_TEXT, 256), opts);
	disposeWeights(model.weights);
	const cfg = model.config;
	const markdown = [
		`Model \`${manifest.name}\` (${cfg.nLayer} layers × ${cfg.nEmbd} dims × ${cfg.nHead} heads), tfjs ${tf.version_core} **${backend}** backend in Node, one sequence, greedy, block size ${opts.blockSize}; tokens/s over ${opts.decodeSteps} decode steps ending at the given context, median of ${opts.rounds} interleaved rounds.`,
		'',
		benchTable(rows)
	].join('\n');
	return { title: 'Real model: decode speed with and without a KV cache (Node, wasm)', markdown };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	runModelBench().then(({ title, markdown }) => console.log(`## ${title}\n\n${markdown}`));
}
