/**
 * The /model page's session: the real engine driving the real model executor, one step at
 * a time, in the model worker (model.worker.ts) so the page never blocks on tfjs. Each
 * step's events come back and are replayed here into the state the views draw; then the
 * attention probe and the K/V heatmap ask the worker for what the pool holds now (the pool
 * only exists there, not in the event stream).
 */
import type { EngineEvent } from '$lib/events/events';
import type { LogSource } from '$lib/layout/event-list';
import type { ReplayState, SeqState } from '$lib/replay/state';
import type { AttentionProbe } from '$lib/model/attention-probe';
import type { BackendName } from '$lib/model/backend';
import type { GptConfig } from '$lib/model/config';
import { CharTokenizer } from '$lib/model/tokenizer';
import { NO_LANES, type Lanes } from '$lib/replay/lanes';
import { LiveRun, type RunCounts } from './live-run';
import { ModelClient, WorkerStopped } from './model-client';
import type { BackendInfo, KvBlock } from './worker-protocol';
import type { ModelName, RunSettings } from './presets';

export type { KvBlock };
export type RunStatus = 'idle' | 'loading' | 'ready' | 'running' | 'paused' | 'done' | 'failed';

/** A sequence by request and sequence number, `r1/0`. */
export type SeqKey = `${string}/${number}`;
export const seqKey = (req: string, seq: number): SeqKey => `${req}/${seq}`;

/** What the page knows of a loaded model (the weights stay in the worker). */
export interface ModelInfo {
	name: ModelName;
	model: { config: GptConfig };
	tokenizer: CharTokenizer;
}

/** A sequence's computed context, kept after its blocks are freed. */
interface SeqContext {
	tokens: number[];
	blockTable: number[];
}

const nextFrame = () => new Promise<void>((ok) => requestAnimationFrame(() => ok()));
const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

export class ModelRun {
	status = $state<RunStatus>('idle');
	/** Weights download, 0..1. */
	progress = $state(0);
	/** The worker is measuring the backends before the first run. */
	choosingBackend = $state(false);
	backend = $state.raw<BackendInfo | null>(null);
	error = $state('');
	/** The event log's rows, the replayed state, lanes and counts: all of the same step. */
	log = $state.raw<LogSource>(new LiveRun().log());
	snapshot = $state.raw<ReplayState | null>(null);
	lanes = $state.raw<Lanes>(NO_LANES);
	counts = $state.raw<RunCounts>({ generated: 0, prefixHits: 0, forks: 0, cows: 0 });
	/** Generated tokens per second of model time (engine steps in the worker, not drawing). */
	tokensPerSec = $state(0);
	/** Milliseconds to wait between steps. */
	delayMs = $state(120);
	model = $state.raw<ModelInfo | null>(null);
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

	#client = new ModelClient();
	#models = new Map<ModelName, ModelInfo>();
	#contexts = new Map<SeqKey, SeqContext>();
	#live = new LiveRun();
	#modelMs = 0;
	#runId = 0;
	#stepping = false;
	#probeFor = '';

	/** The block the heatmap shows. */
	get block(): number {
		return this.#blockOf(this.selected);
	}

	#blockOf(key: SeqKey | ''): number {
		if (this.blockChoice >= 0) return this.blockChoice;
		const ctx = key ? this.#contexts.get(key) : undefined;
		return ctx?.blockTable[Math.max(0, Math.ceil(ctx.tokens.length / this.blockSize) - 1)] ?? 0;
	}

	get busy(): boolean {
		return this.status === 'loading' || this.status === 'running';
	}

	/** Load (once per model) and start a new run with these settings. `prefer` 'auto' measures the backends. */
	async generate(s: RunSettings, base: string, prefer: BackendName | 'auto' = 'auto'): Promise<void> {
		const id = ++this.#runId;
		this.error = '';
		try {
			if (!this.backend) {
				this.status = 'loading';
				this.choosingBackend = true;
				this.backend = await this.#client.call('backend', { prefer }).finally(() => (this.choosingBackend = false));
			}
			let info = this.#models.get(s.model);
			if (!info) {
				this.status = 'loading';
				this.progress = 0;
				const m = await this.#client.call('load', { base, model: s.model }, (p) => p.kind === 'download' && (this.progress = p.fraction));
				info = { name: m.name, model: { config: m.config }, tokenizer: new CharTokenizer(m.vocab) };
				this.#models.set(s.model, info);
			}
			if (id !== this.#runId) return;
			await this.#waitIdle();
			const { events } = await this.#client.call('start', { settings: s });
			this.#reset(info, s, events);
			this.status = 'running';
			await this.#loop(id);
		} catch (e) {
			if (id !== this.#runId) return;
			this.error = (e as { cancelled?: boolean }).cancelled ? '' : (e as Error).message || String(e);
			this.status = this.error ? 'failed' : this.snapshot ? 'done' : 'idle';
		}
	}

	/** Stop a download in progress. */
	cancelLoad(): void {
		this.#client.cancelDownload();
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
	async stepOnce(): Promise<void> {
		if (this.status !== 'paused' || this.#stepping) return;
		if (!(await this.#step(this.#runId))) this.status = 'done';
	}

	selectSeq(key: SeqKey | ''): void {
		this.selected = key;
		this.blockChoice = -1;
		void this.#refresh();
	}

	selectBlock(block: number): void {
		this.blockChoice = block;
		void this.#refreshKv();
	}

	setLayer(layer: number): void {
		this.layer = layer;
		void this.#refreshKv();
	}

	/** Text of a token id under the current model. */
	decode = (id: number): string => this.model?.tokenizer.vocab[id] ?? '';

	dispose(): void {
		this.#runId++;
		this.#client.terminate('page closed');
	}

	#reset(info: ModelInfo, s: RunSettings, events: EngineEvent[]): void {
		this.#contexts.clear();
		this.#live = new LiveRun();
		this.#modelMs = 0;
		this.#probeFor = '';
		this.model = info;
		this.modelName = s.model;
		this.blockSize = s.blockSize;
		this.tokensPerSec = 0;
		this.selected = '';
		this.blockChoice = -1;
		this.layer = Math.min(this.layer, info.model.config.nLayer - 1);
		this.head = Math.min(this.head, info.model.config.nHead - 1);
		this.probe = null;
		this.kv = null;
		this.#live.append(events);
		const snap = this.#live.state();
		this.#remember(snap);
		this.#show(snap, this.#live.lanes());
	}

	async #waitIdle(): Promise<void> {
		while (this.#stepping) await sleep(10);
	}

	async #loop(id: number): Promise<void> {
		while (this.status === 'running' && id === this.#runId) {
			if (!(await this.#step(id))) {
				if (id === this.#runId) this.status = 'done';
				return;
			}
			await nextFrame(); // let the step paint
			if (this.delayMs > 0) await sleep(this.delayMs);
		}
	}

	/**
	 * One engine step in the worker, then redraw; false when the run is over (or replaced).
	 * The new step's attention probe and K/V block are asked for before any of the step is
	 * shown, so the views change together in one frame (one style and layout pass, not three).
	 */
	async #step(id: number): Promise<boolean> {
		this.#stepping = true;
		try {
			const { more, events, ms } = await this.#client.call('step', {});
			if (id !== this.#runId) return false;
			if (more) this.#modelMs += ms;
			this.#live.append(events);
			const snap = this.#live.state();
			const lanes = this.#live.lanes();
			this.#remember(snap);
			const asked = { selected: this.selected, layer: this.layer, blockChoice: this.blockChoice };
			const selected = this.#pick(asked.selected, snap);
			const probeAsk = this.#probeAsk(selected, snap);
			const kvAsk = { block: this.#blockOf(selected), layer: this.layer };
			const [probe, kv] = await Promise.all([
				probeAsk ? this.#client.call('probe', probeAsk.args).catch(() => null) : null,
				this.model ? this.#client.call('kv', kvAsk).catch(() => null) : null
			]);
			if (id !== this.#runId) return false;
			const unchanged = this.selected === asked.selected && this.layer === asked.layer && this.blockChoice === asked.blockChoice;
			this.#show(snap, lanes);
			if (!unchanged) {
				// The reader picked something else meanwhile: draw what they picked, from this step.
				await this.#refresh();
				return more;
			}
			if (probeAsk === null) this.probe = null;
			else if (probeAsk && probe && this.#probeFor === probeAsk.tag) this.probe = probe;
			if (kv) this.kv = kv;
			return more;
		} catch (e) {
			if (e instanceof WorkerStopped) return false;
			throw e;
		} finally {
			this.#stepping = false;
		}
	}

	/** Put a replayed step on screen: the state, lanes, event log, counts and speed all of it. */
	#show(snap: ReplayState, lanes: Lanes): void {
		this.snapshot = snap;
		this.lanes = lanes;
		this.log = this.#live.log();
		this.counts = this.#live.counts();
		this.tokensPerSec = this.#modelMs > 0 ? (this.counts.generated * 1000) / this.#modelMs : 0;
		this.selected = this.#pick(this.selected, snap);
	}

	/** The sequence to show: the one chosen while it has a context, else the first running one. */
	#pick(key: SeqKey | '', snap: ReplayState): SeqKey | '' {
		return key && this.#contexts.has(key) ? key : this.#firstRunning(snap, key);
	}

	/** Keep every resident sequence's computed context, so a finished one can still be probed. */
	#remember(snap: ReplayState): void {
		for (const r of snap.requests.values())
			for (const s of r.seqs) if (s.numComputed > 0 && s.blockTable.length) this.#contexts.set(seqKey(r.id, s.seq), contextOf(s));
	}

	#firstRunning(snap: ReplayState, fallback: SeqKey | ''): SeqKey | '' {
		for (const id of snap.running) {
			const r = snap.requests.get(id);
			const s = r?.seqs.find((q) => q.numComputed > 0);
			if (r && s) return seqKey(r.id, s.seq);
		}
		return fallback;
	}

	/**
	 * The probe call for `key` in `snap` and a tag naming it: null = no probe (nothing
	 * selected), undefined = keep the one shown (it is already this one, or there is no context).
	 * A new tag is remembered as the one in flight.
	 */
	#probeAsk(key: SeqKey | '', snap: ReplayState | null) {
		if (!this.model || !key) return null;
		const live = resident(snap, key);
		const ctx = live ? contextOf(live) : this.#contexts.get(key);
		if (!ctx) return undefined;
		const tag = `${key}|${ctx.tokens.length}|${ctx.blockTable.join()}|${live ? 'pool' : 'dense'}|${this.#runId}`;
		if (tag === this.#probeFor) return undefined;
		this.#probeFor = tag;
		return { tag, args: { ...ctx, blockSize: this.blockSize, live: !!live } };
	}

	async #refresh(): Promise<void> {
		await Promise.all([this.#refreshProbe(), this.#refreshKv()]);
	}

	async #refreshProbe(): Promise<void> {
		const ask = this.#probeAsk(this.selected, this.snapshot);
		if (ask === null) this.probe = null;
		if (!ask) return;
		const probe = await this.#client.call('probe', ask.args).catch(() => null);
		if (this.#probeFor === ask.tag && probe) this.probe = probe;
	}

	async #refreshKv(): Promise<void> {
		if (!this.model) return;
		const want = { block: this.block, layer: this.layer };
		const kv = await this.#client.call('kv', want).catch(() => null);
		if (kv && want.block === this.block && want.layer === this.layer) this.kv = kv;
	}
}

/** The live sequence state behind a key, when its blocks are still on the GPU. */
function resident(snap: ReplayState | null, key: SeqKey): SeqState | undefined {
	const [req, seq] = key.split('/');
	const r = snap?.requests.get(req);
	if (!r || r.status !== 'running') return undefined;
	return r.seqs.find((s) => s.seq === Number(seq) && s.numComputed > 0 && s.blockTable.length > 0);
}

function contextOf(s: SeqState): SeqContext {
	return { tokens: s.tokens.slice(0, s.numComputed), blockTable: s.blockTable.slice() };
}
