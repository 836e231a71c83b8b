/**
 * The /model page's session: the real engine driving the real model executor in the
 * browser, one step at a time on a timer. Events are collected through the EventLog and
 * replayed into the state the views draw; the attention probe and the K/V heatmap read the
 * executor's pool right after each step (the pool only exists now, not in the event stream).
 */
import { Engine } from '$lib/engine/engine';
import { EventLog } from '$lib/events/event-log';
import { parseConfig } from '$lib/engine/config';
import { TINY_WEBGL } from '$lib/engine/cost-model';
import { replayAll } from '$lib/replay/replay';
import type { EngineEvent } from '$lib/events/events';
import type { ReplayState, SeqState } from '$lib/replay/state';
import type { RequestSpec } from '$lib/workload/request';
import type { AttentionProbe, probeAttention } from '$lib/model/attention-probe';
import type { ModelExecutor } from '$lib/model/model-executor';
import type { LoadedModel } from '$lib/model/weights';
import { buildLanes, type Lanes } from '$lib/layout/timeline';
import { initBackend, loadModelWithProgress, type BackendInfo } from './load-model';
import { ARRIVAL_GAP, type ModelName, type RunSettings } from './presets';

export type RunStatus = 'idle' | 'loading' | 'ready' | 'running' | 'paused' | 'done' | 'failed';

/** A sequence by request and sequence number, `r1/0`. */
export type SeqKey = `${string}/${number}`;
export const seqKey = (req: string, seq: number): SeqKey => `${req}/${seq}`;

/** A sequence's computed context, kept after its blocks are freed. */
interface SeqContext {
	tokens: number[];
	blockTable: number[];
}

export interface KvBlock {
	block: number;
	layer: number;
	k: Float32Array;
	v: Float32Array;
}

const nextFrame = () => new Promise<void>((ok) => requestAnimationFrame(() => ok()));
const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

export class ModelRun {
	status = $state<RunStatus>('idle');
	/** Weights download, 0..1. */
	progress = $state(0);
	backend = $state.raw<BackendInfo | null>(null);
	error = $state('');
	events = $state.raw<EngineEvent[]>([]);
	snapshot = $state.raw<ReplayState | null>(null);
	readonly lanes: Lanes = $derived(buildLanes(this.events));
	/** Generated tokens per second of model time (engine steps only, not drawing). */
	tokensPerSec = $state(0);
	/** Milliseconds to wait between steps. */
	delayMs = $state(120);
	model = $state.raw<LoadedModel | null>(null);
	modelName = $state<ModelName>('kjv');
	blockSize = $state(8);

	selected = $state<SeqKey | ''>('');
	layer = $state(0);
	/** -1 = mean over heads. */
	head = $state(0);
	/** Block shown in the heatmap; -1 = follow the selected sequence's newest block. */
	blockChoice = $state(-1);
	probe = $state.raw<AttentionProbe | null>(null);
	kv = $state.raw<KvBlock | null>(null);

	#models = new Map<ModelName, LoadedModel>();
	#engine: Engine | null = null;
	#executor: ModelExecutor | null = null;
	#contexts = new Map<SeqKey, SeqContext>();
	#generated = 0;
	#modelMs = 0;
	#runId = 0;
	#probeFor = '';
	/** The tfjs-backed modules, imported on first use (they stay out of the page's first load). */
	#tf: { ModelExecutor: typeof ModelExecutor; probeAttention: typeof probeAttention } | null = null;

	/** The block the heatmap shows. */
	get block(): number {
		if (this.blockChoice >= 0) return this.blockChoice;
		const ctx = this.selected ? this.#contexts.get(this.selected) : undefined;
		return ctx?.blockTable[Math.max(0, Math.ceil(ctx.tokens.length / this.blockSize) - 1)] ?? 0;
	}

	get busy(): boolean {
		return this.status === 'loading' || this.status === 'running';
	}

	/** Load (once per model) and start a new run with these settings. */
	async generate(s: RunSettings, base: string, preferBackend: 'webgl' | 'cpu' = 'webgl'): Promise<void> {
		const id = ++this.#runId;
		this.error = '';
		try {
			this.backend ??= await initBackend(preferBackend);
			if (!this.#tf) {
				const [{ ModelExecutor }, { probeAttention }] = await Promise.all([import('$lib/model/model-executor'), import('$lib/model/attention-probe')]);
				this.#tf = { ModelExecutor, probeAttention };
			}
			let loaded = this.#models.get(s.model);
			if (!loaded) {
				this.status = 'loading';
				this.progress = 0;
				loaded = await loadModelWithProgress(`${base}/models/${s.model}`, `models/${s.model}`, (f) => (this.progress = f));
				this.#models.set(s.model, loaded);
			}
			if (id !== this.#runId) return;
			this.#start(loaded, s);
			this.status = 'running';
			await this.#loop(id);
		} catch (e) {
			if (id !== this.#runId) return;
			this.error = (e as Error).message || String(e);
			this.status = 'failed';
		}
	}

	pause(): void {
		if (this.status === 'running') this.status = 'paused';
	}

	async resume(): Promise<void> {
		if (this.status !== 'paused') return;
		this.status = 'running';
		await this.#loop(this.#runId);
	}

	/** One engine step while paused. */
	stepOnce(): void {
		if (this.status === 'paused' && !this.#step()) this.status = 'done';
	}

	selectSeq(key: SeqKey | ''): void {
		this.selected = key;
		this.blockChoice = -1;
		this.#refreshProbe();
		this.#refreshKv();
	}

	selectBlock(block: number): void {
		this.blockChoice = block;
		this.#refreshKv();
	}

	setLayer(layer: number): void {
		this.layer = layer;
		this.#refreshKv();
	}

	/** Text of a token id under the current model. */
	decode = (id: number): string => this.model?.tokenizer.vocab[id] ?? '';

	dispose(): void {
		this.#runId++;
		this.#executor?.dispose();
		this.#executor = null;
	}

	#start(loaded: LoadedModel, s: RunSettings): void {
		const { ModelExecutor } = this.#tf!;
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
		this.#executor?.dispose();
		const executor = new ModelExecutor(loaded.model, { numGpuBlocks: s.numBlocks, blockSize: s.blockSize, numCpuBlocks: 0 }, { temperature: s.temperature, topK: s.topK, topP: 1 });
		const log = new EventLog(true, (e) => {
			if (e.type === 'generated') this.#generated++;
		});
		this.#executor = executor;
		this.#engine = new Engine(config, requests, { executor, log, costModel: TINY_WEBGL });
		this.#contexts.clear();
		this.#generated = 0;
		this.#modelMs = 0;
		this.#probeFor = '';
		this.model = loaded;
		this.modelName = s.model;
		this.blockSize = s.blockSize;
		this.tokensPerSec = 0;
		this.selected = '';
		this.blockChoice = -1;
		this.layer = Math.min(this.layer, loaded.model.config.nLayer - 1);
		this.head = Math.min(this.head, loaded.model.config.nHead - 1);
		this.probe = null;
		this.kv = null;
		this.#publish();
	}

	async #loop(id: number): Promise<void> {
		while (this.status === 'running' && id === this.#runId) {
			if (!this.#step()) {
				this.status = 'done';
				return;
			}
			await nextFrame(); // let the step paint before the next one blocks the thread
			if (this.delayMs > 0) await sleep(this.delayMs);
		}
	}

	/** Run one engine step and redraw; false when the run is over. */
	#step(): boolean {
		const engine = this.#engine;
		if (!engine) return false;
		const t0 = performance.now();
		const more = engine.step();
		if (more) {
			this.#modelMs += performance.now() - t0;
			this.tokensPerSec = this.#modelMs > 0 ? (this.#generated * 1000) / this.#modelMs : 0;
		}
		this.#publish();
		return more;
	}

	#publish(): void {
		const engine = this.#engine;
		if (!engine) return;
		this.events = engine.log.events!.slice();
		const snap = replayAll(this.events);
		this.snapshot = snap;
		this.#remember(snap);
		if (!this.selected || !this.#contexts.has(this.selected)) this.selected = this.#firstRunning(snap);
		this.#refreshProbe();
		this.#refreshKv();
	}

	/** Keep every resident sequence's computed context, so a finished one can still be probed. */
	#remember(snap: ReplayState): void {
		for (const r of snap.requests.values())
			for (const s of r.seqs) if (s.numComputed > 0 && s.blockTable.length) this.#contexts.set(seqKey(r.id, s.seq), contextOf(s));
	}

	#firstRunning(snap: ReplayState): SeqKey | '' {
		for (const id of snap.running) {
			const r = snap.requests.get(id);
			const s = r?.seqs.find((q) => q.numComputed > 0);
			if (r && s) return seqKey(r.id, s.seq);
		}
		return this.selected;
	}

	/** The live sequence state behind a key, when its blocks are still on the GPU. */
	#resident(key: SeqKey): SeqState | undefined {
		const [req, seq] = key.split('/');
		const r = this.snapshot?.requests.get(req);
		if (!r || r.status !== 'running') return undefined;
		return r.seqs.find((s) => s.seq === Number(seq) && s.numComputed > 0 && s.blockTable.length > 0);
	}

	#refreshProbe(): void {
		const loaded = this.model;
		const key = this.selected;
		if (!loaded || !key) {
			this.probe = null;
			return;
		}
		const live = this.#resident(key);
		const ctx = live ? contextOf(live) : this.#contexts.get(key);
		if (!ctx) return;
		const tag = `${key}|${ctx.tokens.length}|${ctx.blockTable.join()}|${live ? 'pool' : 'dense'}|${this.#runId}`;
		if (tag === this.#probeFor || !this.#tf) return;
		const cache = live ? this.#executor?.cache : undefined;
		this.probe = this.#tf.probeAttention(loaded.model, ctx.tokens, ctx.blockTable, this.blockSize, cache);
		this.#probeFor = tag;
	}

	#refreshKv(): void {
		const cache = this.#executor?.cache;
		if (!cache) return;
		const block = Math.min(this.block, cache.numBlocks - 1);
		const layer = this.layer;
		this.kv = { block, layer, k: cache.readBlock('k', layer, block), v: cache.readBlock('v', layer, block) };
	}
}

function contextOf(s: SeqState): SeqContext {
	return { tokens: s.tokens.slice(0, s.numComputed), blockTable: s.blockTable.slice() };
}
