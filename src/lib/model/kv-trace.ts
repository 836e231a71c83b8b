/**
 * Chapter 3's picture from the model's own tensors: a text decoded one position per step
 * twice, without a cache and with the paged one, keeping for each position the first few
 * numbers of one layer's head of K and V, how many rows each step's forward pass computed
 * (the tapped K's first axis, not a formula), and how far the recomputed K/V are from the
 * cached ones over every layer, head and number.
 *
 *   step 0 (prefill)  without: forward(0 .. p-1)      with: forward(0 .. p-1) → pool
 *   step s            without: forward(0 .. p+s-1)    with: forward(p+s-1) → pool, 0 .. p+s-2 read back from the pool
 *
 * The text is taken as given (teacher forcing), so both ways see the same tokens.
 */
import { blocksFor, slotOf } from './block-table';
import { headDim } from './config';
import { denseAttend, forward, type Attend, type SeqChunk } from './gpt';
import type { Gpt } from './params';
import { PagedKvCache } from './paged-kv-cache';
import type { LoadedModel } from './weights';

export interface KvTraceSpec {
	/** Prompt positions: step 0 computes them all. */
	prompt: number;
	/** What is shown: one layer, one head, its first `dims` numbers. */
	layer: number;
	head: number;
	dims: number;
	blockSize: number;
}

/** Shown numbers, [position][dim], for positions 0 .. n-1. */
export interface KvRows {
	k: number[][];
	v: number[][];
}

export interface KvTraceStep {
	/** Context after this step. */
	n: number;
	/** Rows (positions) this step's forward pass computed, each way. */
	computedWithout: number;
	computedWith: number;
	/** Without a cache: every position as recomputed at this step. */
	without: KvRows;
	/** With the cache: positions before `n - computedWith` read back from the pool, the rest as this step computed them. */
	with: KvRows;
	/** Largest |recomputed − cached| over every layer, head and number of positions 0 .. n-1. */
	maxDiff: number;
}

export interface KvTrace {
	/** The text's characters, one per position (unknown ones as the vocabulary's stand-in). */
	chars: string[];
	spec: KvTraceSpec;
	nLayer: number;
	nHead: number;
	headDim: number;
	steps: KvTraceStep[];
}

/** Per layer, one forward's fresh K and V ([rows, nh, hs] flattened), read through the forward pass's tap. */
interface Fresh {
	rows: number;
	k: Float32Array[];
	v: Float32Array[];
}

function runTapped(model: Gpt, chunks: readonly SeqChunk[], attend: Attend): Fresh {
	const out: Fresh = { rows: 0, k: [], v: [] };
	const logits = forward(model, chunks, attend, 'last', (name, t) => {
		const m = /^h\.(\d+)\.([kv])$/.exec(name);
		if (!m) return;
		out.rows = t.shape[0];
		out[m[2] as 'k' | 'v'][Number(m[1])] = (t.dataSync() as Float32Array).slice();
	});
	logits.dispose();
	return out;
}

/** Positions 0 .. n-1 of every layer's K and V as the pool holds them, through the block table. */
function readPool(cache: PagedKvCache, blockTable: readonly number[], n: number): { k: Float32Array[]; v: Float32Array[] } {
	const row = cache.nHead * cache.headDim;
	const read = (kind: 'k' | 'v', layer: number) => {
		const blocks = new Map<number, Float32Array>();
		const out = new Float32Array(n * row);
		for (let p = 0; p < n; p++) {
			const [block, offset] = slotOf(blockTable, p, cache.blockSize);
			if (!blocks.has(block)) blocks.set(block, cache.readBlock(kind, layer, block));
			out.set(blocks.get(block)!.subarray(offset * row, (offset + 1) * row), p * row);
		}
		return out;
	};
	const layers = [...Array(cache.nLayer).keys()];
	return { k: layers.map((l) => read('k', l)), v: layers.map((l) => read('v', l)) };
}

export function kvTrace(model: Gpt, tokens: readonly number[], chars: string[], spec: KvTraceSpec): KvTrace {
	const cfg = model.config;
	const hs = headDim(cfg);
	const T = tokens.length;
	const { prompt, layer, head, dims, blockSize } = spec;
	if (T > cfg.contextLength) throw new Error(`${T} tokens exceed the model's context of ${cfg.contextLength}`);
	if (!(prompt >= 1 && prompt <= T)) throw new Error(`prompt of ${prompt} positions, but the text has ${T}`);
	if (!(layer >= 0 && layer < cfg.nLayer && head >= 0 && head < cfg.nHead && dims >= 1 && dims <= hs))
		throw new Error(`layer ${layer}, head ${head}, ${dims} dims: the model has ${cfg.nLayer} layers, ${cfg.nHead} heads of ${hs}`);
	const pick = (data: Float32Array, positions: number, from = 0): number[][] =>
		Array.from({ length: positions }, (_, p) => Array.from(data.subarray(((p + from) * cfg.nHead + head) * hs).subarray(0, dims)));
	// The blocks in reverse order, so the cached rows really come back through the block table.
	const numBlocks = blocksFor(T, blockSize);
	const blockTable = Array.from({ length: numBlocks }, (_, i) => numBlocks - 1 - i);
	const cache = new PagedKvCache(cfg, { numGpuBlocks: numBlocks, blockSize, numCpuBlocks: 0 });
	const steps: KvTraceStep[] = [];
	try {
		for (let n = prompt; n <= T; n++) {
			const whole = [{ tokens, start: 0, numTokens: n }];
			const again = runTapped(model, whole, denseAttend(whole));
			const start = n === prompt ? 0 : n - 1;
			const chunks = [{ tokens, start, numTokens: n - start, blockTable }];
			const now = runTapped(model, chunks, cache.attend(chunks));
			const pool = readPool(cache, blockTable, n);
			let maxDiff = 0;
			for (const kind of ['k', 'v'] as const)
				for (let l = 0; l < cfg.nLayer; l++) {
					const a = again[kind][l];
					const b = pool[kind][l];
					for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
				}
			const withRows = (kind: 'k' | 'v') => [...pick(pool[kind][layer], start), ...pick(now[kind][layer], now.rows)];
			steps.push({
				n,
				computedWithout: again.rows,
				computedWith: now.rows,
				without: { k: pick(again.k[layer], n), v: pick(again.v[layer], n) },
				with: { k: withRows('k'), v: withRows('v') },
				maxDiff
			});
		}
	} finally {
		cache.dispose();
	}
	return { chars, spec, nLayer: cfg.nLayer, nHead: cfg.nHead, headDim: hs, steps };
}

/** The trace of a text as the model worker computes it: the text through the model's tokenizer, then `kvTrace`. */
export function kvTraceOfText({ model, tokenizer }: LoadedModel, text: string, spec: KvTraceSpec): KvTrace {
	const ids = tokenizer.encode(text);
	return kvTrace(
		model,
		ids,
		ids.map((id) => tokenizer.vocab[id]),
		spec
	);
}
