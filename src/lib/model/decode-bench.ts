/**
 * Decode speed: paged KV cache vs contiguous KV cache vs no cache (recompute every
 * position each token). Browser-safe, so the same measurement runs in Node (wasm, via
 * scripts/bench-model.ts) and in the browser (WebGL, via /dev/model-bench).
 */
import { ContiguousKvCache } from './contiguous-kv-cache';
import { forward, forwardRecompute } from './gpt';
import type { Gpt } from './params';
import { PagedKvCache, readAndDispose } from './paged-kv-cache';
import { argmax } from './sampling';

export type CacheMethod = 'paged' | 'contiguous' | 'recompute';
export const METHODS: CacheMethod[] = ['paged', 'contiguous', 'recompute'];

export interface DecodeBenchOptions {
	contexts: number[];
	rounds: number;
	decodeSteps: number;
	blockSize: number;
}

export const DEFAULT_BENCH: DecodeBenchOptions = { contexts: [32, 128, 256], rounds: 3, decodeSteps: 8, blockSize: 16 };

export interface DecodeBenchRow {
	context: number;
	/** Median tokens/s per method. */
	tokensPerSec: Record<CacheMethod, number>;
}

/** Prefill to `context - decodeSteps` tokens (untimed), then time `decodeSteps` greedy decode steps; tokens/s. */
export function decodeTokensPerSec(
	model: Gpt,
	prompt: readonly number[],
	context: number,
	method: CacheMethod,
	opts: DecodeBenchOptions
): number {
	const { decodeSteps, blockSize } = opts;
	const tokens = prompt.slice(0, context - decodeSteps);
	if (tokens.length < context - decodeSteps) throw new Error(`prompt of ${prompt.length} tokens is too short for context ${context}`);
	const numBlocks = Math.ceil(context / blockSize);
	const blockTable = Array.from({ length: numBlocks }, (_, i) => numBlocks - 1 - i); // any physical order works
	const paged = method === 'paged' ? new PagedKvCache(model.config, { numGpuBlocks: numBlocks, blockSize, numCpuBlocks: 0 }) : null;
	const contiguous = method === 'contiguous' ? new ContiguousKvCache() : null;
	const step = (start: number): Float32Array => {
		if (method === 'recompute') return readAndDispose(forwardRecompute(model, tokens, 'last'));
		const chunks = [{ id: 's', tokens, start, numTokens: tokens.length - start, blockTable }];
		return readAndDispose(forward(model, chunks, paged ? paged.attend(chunks) : contiguous!.attend(chunks), 'last'));
	};
	let logits = step(0); // prefill, untimed
	const t0 = performance.now();
	for (let i = 0; i < decodeSteps; i++) {
		tokens.push(argmax(logits));
		logits = step(tokens.length - 1);
	}
	const seconds = (performance.now() - t0) / 1000;
	paged?.dispose();
	contiguous?.dispose();
	return decodeSteps / seconds;
}

/** Every (context, method) cell, measured in interleaved rounds; the median of each cell. */
export function runDecodeBench(model: Gpt, prompt: readonly number[], opts: DecodeBenchOptions = DEFAULT_BENCH): DecodeBenchRow[] {
	// Warm-up: every cell once (WebGL compiles shaders per shape; wasm grows its heap).
	for (const context of opts.contexts) for (const method of METHODS) decodeTokensPerSec(model, prompt, context, method, opts);
	const samples = new Map<string, number[]>();
	for (let round = 0; round < opts.rounds; round++) {
		for (const context of opts.contexts) {
			for (const method of METHODS) {
				const key = `${context}/${method}`;
				samples.set(key, [...(samples.get(key) ?? []), decodeTokensPerSec(model, prompt, context, method, opts)]);
			}
		}
	}
	return opts.contexts.map((context) => ({
		context,
		tokensPerSec: Object.fromEntries(METHODS.map((m) => [m, median(samples.get(`${context}/${m}`)!)])) as Record<CacheMethod, number>
	}));
}

export function benchTable(rows: readonly DecodeBenchRow[]): string {
	return [
		'| context | paged tok/s | contiguous tok/s | recompute tok/s | paged ÷ recompute | contiguous ÷ paged |',
		'|---:|---:|---:|---:|---:|---:|',
		...rows.map(
			({ context, tokensPerSec: t }) =>
				`| ${context} | ${t.paged.toFixed(1)} | ${t.contiguous.toFixed(1)} | ${t.recompute.toFixed(1)} | ${(t.paged / t.recompute).toFixed(1)}× | ${(t.contiguous / t.paged).toFixed(2)}× |`
		)
	].join('\n');
}

/** A long enough prompt for the largest context (the text repeated). */
export function benchPrompt(encode: (s: string) => number[], text: string, length: number): number[] {
	const ids: number[] = [];
	while (ids.length < length) ids.push(...encode(text));
	return ids.slice(0, length);
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}
