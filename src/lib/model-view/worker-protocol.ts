/**
 * The messages between the pages and the model worker (model.worker.ts). Every request
 * carries an id; the worker answers it once (`done` or `error`) and may send `progress`
 * for it before. Plain data only: everything here survives structured cloning.
 */
import type { AttentionProbe } from '$lib/model/attention-probe';
import type { BackendName, BackendTiming } from '$lib/model/backend';
import type { GptConfig } from '$lib/model/config';
import type { KvTrace, KvTraceSpec } from '$lib/model/kv-trace';
import type { EngineEvent } from '$lib/events/events';
import type { ModelName, RunSettings } from './presets';

export interface BackendInfo {
	name: BackendName;
	/** What was measured to choose it, fastest first (empty when the page asked for one). */
	timings: BackendTiming[];
	/** The backend the page asked for could not start. */
	fellBack: boolean;
}

export interface ModelInfo {
	name: ModelName;
	config: GptConfig;
	vocab: string[];
}

export interface KvBlock {
	block: number;
	layer: number;
	k: Float32Array;
	v: Float32Array;
}

export interface MeasureRow {
	context: number;
	/** Decode tokens/s with the paged KV cache and with none (best of the rounds). */
	cached: number;
	recompute: number;
}

export interface MeasureSpec {
	base: string;
	contexts: number[];
	decodeSteps: number;
	rounds: number;
	blockSize: number;
}

/** Request type → [request fields, reply]. */
export interface Calls {
	backend: [{ prefer: BackendName | 'auto' }, BackendInfo];
	load: [{ base: string; model: ModelName }, ModelInfo];
	start: [{ settings: RunSettings }, { events: EngineEvent[] }];
	step: [Record<string, never>, { more: boolean; events: EngineEvent[]; ms: number }];
	probe: [{ tokens: number[]; blockTable: number[]; blockSize: number; live: boolean }, AttentionProbe];
	kv: [{ block: number; layer: number }, KvBlock | null];
	measure: [MeasureSpec, { rows: MeasureRow[]; backend: BackendName }];
	/** Chapter 3's picture: a text decoded with and without the cache, the model's own K/V (model/kv-trace.ts). */
	kvTrace: [{ base: string; model: ModelName; text: string; spec: KvTraceSpec }, { trace: KvTrace; backend: BackendName }];
}
export type CallType = keyof Calls;

export type ToWorker = { [K in CallType]: { id: number; type: K } & Calls[K][0] }[CallType] | { id: number; type: 'cancel' };

export type Progress =
	| { kind: 'download'; fraction: number }
	| { kind: 'backend'; trying: BackendName }
	| {
			kind: 'measure';
			done: number;
			total: number;
			elapsedMs: number;
			etaMs: number;
			row?: MeasureRow;
			label: { context: number; method: 'paged' | 'recompute' };
	  };

export type FromWorker =
	| { id: number; kind: 'done'; result: unknown }
	| { id: number; kind: 'error'; message: string; cancelled?: boolean }
	| { id: number; kind: 'progress'; progress: Progress };
