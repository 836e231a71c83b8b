/**
 * Decode speed of the real model in Node (tfjs wasm): paged KV cache vs contiguous KV
 * cache vs no cache (recompute everything each token), at contexts 32, 128 and 256,
 * measured side by side (interleaved rounds, median per cell).
 *
 *   npx tsx scripts/bench-model.ts        # prints the markdown table
 *
 * `runModelBench()` is also called by scripts/bench.ts for docs/performance.md.
 */
import * as tf from '@tensorflow/tfjs';
import { pathToFileURL } from 'node:url';
import { recomputeForward } from '../src/lib/model/batch-forward';
import { ContiguousKvCache } from '../src/lib/model/contiguous-kv-cache';
import type { Gpt } from '../src/lib/model/gpt';
import { pagedForward } from '../src/lib/model/paged-attention';
import { PagedKvCache, readAndDispose } from '../src/lib/model/paged-kv-cache';
import { argmax } from '../src/lib/model/sampling';
import { initBackend, loadShippedModel } from './model-node';

export const CONTEXTS = [32, 128, 256];
const DECODE_STEPS = 8;
const ROUNDS = 3;
const BLOCK_SIZE = 16;

type Method = 'paged' | 'contiguous' | 'recompute';
const METHODS: Method[] = ['paged', 'contiguous', 'recompute'];

/** Prefill to `context - DECODE_STEPS` tokens (untimed), then time DECODE_STEPS greedy decode steps; tokens/s. */
export function decodeTokensPerSec(model: Gpt, prompt: readonly number[], context: number, method: Method): number {
	const tokens = prompt.slice(0, context - DECODE_STEPS);
	const numBlocks = Math.ceil(context / BLOCK_SIZE);
	const blockTable = Array.from({ length: numBlocks }, (_, i) => numBlocks - 1 - i); // any order works
	const paged = method === 'paged' ? new PagedKvCache(model.config, { numGpuBlocks: numBlocks, blockSize: BLOCK_SIZE, numCpuBlocks: 0 }) : null;
	const contiguous = method === 'contiguous' ? new ContiguousKvCache() : null;
	const step = (start: number): Float32Array => {
		const numTokens = tokens.length - start;
		if (paged) return readAndDispose(pagedForward(model, paged, [{ tokens, start, numTokens, blockTable }]));
		if (contiguous) return readAndDispose(contiguous.forward(model, [{ id: 's', tokens, start, numTokens }]));
		return readAndDispose(recomputeForward(model, tokens));
	};
	let logits = step(0); // prefill
	const t0 = performance.now();
	for (let i = 0; i < DECODE_STEPS; i++) {
		tokens.push(argmax(logits));
		logits = step(tokens.length - 1);
	}
	const seconds = (performance.now() - t0) / 1000;
	paged?.dispose();
	contiguous?.dispose();
	return DECODE_STEPS / seconds;
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

export async function runModelBench(): Promise<{ title: string; markdown: string }> {
	const backend = await initBackend('wasm');
	const { model, tokenizer, manifest } = await loadShippedModel('kjv');
	const text = 'In the beginning God created the heaven and the earth. And the earth was without form, and void; and darkness was upon the face of the deep. And the Spirit of God moved upon the face of the waters. And God said, Let there be light: and there was light. And God saw the light, that it was good.';
	const prompt = tokenizer.encode(text);
	decodeTokensPerSec(model, prompt, 32, 'paged'); // warm-up (kernel compilation, allocator)
	const samples = new Map<string, number[]>();
	for (let round = 0; round < ROUNDS; round++) {
		for (const context of CONTEXTS) {
			for (const method of METHODS) {
				const key = `${context}/${method}`;
				samples.set(key, [...(samples.get(key) ?? []), decodeTokensPerSec(model, prompt, context, method)]);
			}
		}
	}
	const tps = (c: number, m: Method) => median(samples.get(`${c}/${m}`)!);
	const rows = CONTEXTS.map((c) => {
		const [p, k, r] = METHODS.map((m) => tps(c, m));
		return `| ${c} | ${p.toFixed(1)} | ${k.toFixed(1)} | ${r.toFixed(1)} | ${(p / r).toFixed(1)}× | ${(k / p).toFixed(2)}× |`;
	});
	const cfg = model.config;
	const markdown = [
		`Model \`${manifest.name}\` (${cfg.nLayer} layers × ${cfg.nEmbd} dims × ${cfg.nHead} heads), tfjs ${tf.version_core} **${backend}** backend in Node, one sequence, greedy, block size ${BLOCK_SIZE}; tokens/s over ${DECODE_STEPS} decode steps ending at the given context, median of ${ROUNDS} interleaved rounds.`,
		'',
		'| context | paged tok/s | contiguous tok/s | recompute tok/s | paged ÷ recompute | contiguous ÷ paged |',
		'|---:|---:|---:|---:|---:|---:|',
		...rows
	].join('\n');
	return { title: 'Real model: decode speed with and without a KV cache (Node, wasm)', markdown };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	runModelBench().then(({ title, markdown }) => console.log(`## ${title}\n\n${markdown}`));
}
