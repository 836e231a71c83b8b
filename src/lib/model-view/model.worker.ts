/**
 * The model worker: everything that runs the real model, off the page's main thread.
 * /model's engine and model executor live here (the page sends `step` and draws the events
 * that come back, then asks for the attention probe and a K/V block); so do chapter 3's
 * decode-speed measurement and its picture's K/V trace (`kvTrace`). The backend is chosen
 * by measuring a few decode steps on each candidate (wasm, and WebGL where OffscreenCanvas
 * exists), never assumed.
 */
import * as tf from '@tensorflow/tfjs';
import { Engine } from '$lib/engine/engine';
import { parseConfig } from '$lib/engine/config';
import { TINY_WEBGL } from '$lib/engine/cost-model';
import { EventLog } from '$lib/events/event-log';
import type { RequestSpec } from '$lib/workload/request';
import { probeAttention } from '$lib/model/attention-probe';
import type { BackendName } from '$lib/model/backend';
import { chooseFastest, useBackend } from '$lib/model/backend';
import type { GptConfig } from '$lib/model/config';
import { benchPrompt, decodeTokensPerSec } from '$lib/model/decode-bench';
import { forward } from '$lib/model/gpt';
import { kvTraceOfText } from '$lib/model/kv-trace';
import { ModelExecutor } from '$lib/model/model-executor';
import type { Gpt } from '$lib/model/params';
import { disposeWeights, randomWeights } from '$lib/model/params';
import { PagedKvCache, readAndDispose } from '$lib/model/paged-kv-cache';
import type { LoadedModel } from '$lib/model/weights';
import { DownloadCancelled, downloadModel } from './load-model';
import { ARRIVAL_GAP, type ModelName, type RunSettings } from './presets';
import type { BackendInfo, Calls, FromWorker, MeasureRow, MeasureSpec, Progress, ToWorker } from './worker-protocol';
import { WASM_PATHS } from './wasm-paths';

const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

let backend: BackendInfo | null = null;
const models = new Map<ModelName, LoadedModel>();
let download: AbortController | null = null;
let run: { engine: Engine; log: EventLog; executor: ModelExecutor; model: LoadedModel; sent: number } | null = null;

/** A kjv-sized random model and a small pool, built once per backend tried. */
let probe: { backend: string; model: Gpt; cache: PagedKvCache } | null = null;
function disposeProbe(): void {
	probe?.cache.dispose();
	if (probe) disposeWeights(probe.model.weights);
	probe = null;
}

/** Prefill 8 tokens, then time 3 decode steps: milliseconds per step on the current backend. */
function probeStep(): number {
	if (probe?.backend !== tf.getBackend()) {
		disposeProbe();
		const cfg: GptConfig = { vocabSize: 64, contextLength: 64, nLayer: 4, nHead: 4, nEmbd: 128 };
		probe = {
			backend: tf.getBackend(),
			model: { config: cfg, weights: randomWeights(cfg, 1) },
			cache: new PagedKvCache(cfg, { numGpuBlocks: 4, blockSize: 16, numCpuBlocks: 0 })
		};
	}
	const { model, cache } = probe;
	const tokens = [1, 8, 15, 22, 29, 36, 43, 50];
	const step = (start: number) => {
		const chunks = [{ tokens, start, numTokens: tokens.length - start, blockTable: [3, 1, 0, 2] }];
		readAndDispose(forward(model, chunks, cache.attend(chunks), 'last'));
	};
	step(0);
	const t0 = performance.now();
	for (let i = 0; i < 3; i++) {
		tokens.push(i);
		step(tokens.length - 1);
	}
	return (performance.now() - t0) / 3;
}

async function chooseBackend(prefer: BackendName | 'auto', progress: (p: Progress) => void): Promise<BackendInfo> {
	if (backend && (prefer === 'auto' || prefer === backend.name)) return backend;
	if (prefer !== 'auto' && (await useBackend(prefer, WASM_PATHS))) return (backend = { name: prefer, timings: [], fellBack: false });
	const candidates: BackendName[] = ['wasm'];
	if (typeof OffscreenCanvas !== 'undefined') candidates.push('webgl');
	progress({ kind: 'backend', trying: candidates[0] });
	let timings = await chooseFastest(candidates, probeStep, { wasmPaths: WASM_PATHS }).catch(() => []);
	if (!timings.some((t) => Number.isFinite(t.msPerStep))) timings = await chooseFastest(['cpu'], probeStep);
	disposeProbe();
	return (backend = { name: tf.getBackend() as BackendName, timings, fellBack: prefer !== 'auto' });
}

async function load(base: string, name: ModelName, progress: (p: Progress) => void): Promise<LoadedModel> {
	const have = models.get(name);
	if (have) return have;
	download = new AbortController();
	try {
		const loaded = await downloadModel(`${base}/models/${name}`, `models/${name}`, {
			signal: download.signal,
			onProgress: (fraction) => progress({ kind: 'download', fraction })
		});
		models.set(name, loaded);
		return loaded;
	} finally {
		download = null;
	}
}

function start(s: RunSettings): Calls['start'][1] {
	const loaded = models.get(s.model);
	if (!loaded) throw new Error(`model ${s.model} is not loaded`);
	const ctx = loaded.model.config.contextLength;
	const requests: RequestSpec[] = s.prompts.map((text, i) => {
		const promptTokens = loaded.tokenizer.encode(text).slice(0, ctx - 1);
		if (promptTokens.length === 0) throw new Error(`prompt ${i + 1} has no character this model knows`);
		return { id: `r${i + 1}`, arrivalStep: i * ARRIVAL_GAP, promptTokens, outputLen: Math.max(1, s.maxTokens), n: s.n };
	});
	const config = parseConfig({
		blockSize: s.blockSize,
		numGpuBlocks: s.numBlocks,
		maxNumSeqs: 16,
		maxNumBatchedTokens: ctx,
		maxModelLen: ctx,
		enablePrefixCaching: true,
		seed: s.seed
	});
	run?.executor.dispose();
	const executor = new ModelExecutor(
		loaded.model,
		{ numGpuBlocks: s.numBlocks, blockSize: s.blockSize, numCpuBlocks: 0 },
		{ temperature: s.temperature, topK: s.topK, topP: 1 }
	);
	const log = new EventLog(true);
	run = { engine: new Engine(config, requests, { executor, sink: log, costModel: TINY_WEBGL }), log, executor, model: loaded, sent: 0 };
	return { events: newEvents() };
}

function newEvents() {
	const all = run!.log.events!;
	const out = all.slice(run!.sent);
	run!.sent = all.length;
	return out;
}

function step(): Calls['step'][1] {
	if (!run) throw new Error('no run started');
	const t0 = performance.now();
	const more = run.engine.step();
	return { more, events: newEvents(), ms: performance.now() - t0 };
}

/** Cost of one measurement cell in rough units, for the time-left estimate (recompute grows with the context, a cached step barely). */
const cellCost = (context: number, method: 'paged' | 'recompute', steps: number) =>
	(method === 'recompute' ? steps + 1 : 1) * (context / 32) ** 1.5 + (method === 'paged' ? steps * 0.4 : 0);

const TEXT =
	'In the beginning God created the heaven and the earth. And the earth was without form, and void; and darkness was upon the face of the deep.\n';

async function measure(spec: MeasureSpec, progress: (p: Progress) => void): Promise<Calls['measure'][1]> {
	const { model, tokenizer } = await load(spec.base, 'kjv', progress);
	const prompt = benchPrompt((s) => tokenizer.encode(s), TEXT, Math.max(...spec.contexts));
	const opts = { contexts: spec.contexts, rounds: 1, decodeSteps: spec.decodeSteps, blockSize: spec.blockSize };
	decodeTokensPerSec(model, prompt, spec.contexts[0], 'paged', opts); // warm-up (WebGL compiles its shaders)
	const cells = spec.contexts.flatMap((context) =>
		Array.from({ length: spec.rounds }, () => (['paged', 'recompute'] as const).map((method) => ({ context, method }))).flat()
	);
	const total = cells.reduce((a, c) => a + cellCost(c.context, c.method, spec.decodeSteps), 0);
	const rows: MeasureRow[] = [];
	const t0 = performance.now();
	let doneCost = 0;
	for (const [i, { context, method }] of cells.entries()) {
		let row = rows.find((r) => r.context === context);
		if (!row) rows.push((row = { context, cached: 0, recompute: 0 }));
		const v = decodeTokensPerSec(model, prompt, context, method, opts);
		if (method === 'paged') row.cached = Math.max(row.cached, v);
		else row.recompute = Math.max(row.recompute, v);
		doneCost += cellCost(context, method, spec.decodeSteps);
		const elapsedMs = performance.now() - t0;
		const next = cells[i + 1];
		const complete = !next || next.context !== context;
		progress({
			kind: 'measure',
			done: i + 1,
			total: cells.length,
			elapsedMs,
			etaMs: (elapsedMs / doneCost) * (total - doneCost),
			row: complete ? { ...row } : undefined,
			label: next ?? { context, method }
		});
		await new Promise((r) => setTimeout(r, 0)); // let a cancel or another request in
	}
	return { rows, backend: backend!.name };
}

async function handle(m: ToWorker): Promise<unknown> {
	const progress = (p: Progress) => post({ id: m.id, kind: 'progress', progress: p });
	switch (m.type) {
		case 'cancel':
			download?.abort();
			return null;
		case 'backend':
			return chooseBackend(m.prefer, progress);
		case 'load': {
			const { config } = (await load(m.base, m.model, progress)).model;
			return { name: m.model, config, vocab: [...models.get(m.model)!.tokenizer.vocab] };
		}
		case 'start':
			return start(m.settings);
		case 'step':
			return step();
		case 'probe':
			if (!run) throw new Error('no run started');
			return probeAttention(run.model.model, m.tokens, m.blockTable, m.blockSize, m.live ? run.executor.cache : undefined);
		case 'kv': {
			const cache = run?.executor.cache;
			if (!cache) return null;
			const block = Math.min(m.block, cache.numBlocks - 1);
			return { block, layer: m.layer, k: cache.readBlock('k', m.layer, block), v: cache.readBlock('v', m.layer, block) };
		}
		case 'measure':
			await chooseBackend('auto', progress);
			return measure(m, progress);
		case 'kvTrace': {
			// wasm unless this worker already chose: a 16-token trace is too small to be worth timing backends for.
			if (!backend) await chooseBackend('wasm', progress);
			const loaded = await load(m.base, m.model, progress);
			return { trace: kvTraceOfText(loaded, m.text, m.spec), backend: backend!.name };
		}
	}
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
	const m = e.data;
	try {
		post({ id: m.id, kind: 'done', result: await handle(m) });
	} catch (err) {
		post({ id: m.id, kind: 'error', message: (err as Error).message || String(err), cancelled: err instanceof DownloadCancelled });
	}
};
