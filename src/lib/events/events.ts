/**
 * The typed event stream (DESIGN.md §4), documented in docs/events.md.
 * Everything a view shows is folded from these events by replay.ts.
 */
import type { MemoryBreakdown } from '../engine/memory/categories';
import type { EngineConfig, PreemptionMode } from '../engine/config';

export const EVENT_SCHEMA_VERSION = 1;

export type Device = 'gpu' | 'cpu';
export type Phase = 'prefill' | 'decode';
export type RejectReason = 'prompt_too_long' | 'exceeds_pool' | 'exceeds_max_seqs' | 'exceeds_token_budget';

interface At {
	step: number;
}

export type EngineEvent = At &
	/** First event of every run: what replay needs to size the pools. */
	(
		| { type: 'run_start'; version: number; config: EngineConfig; executor: string }
		| { type: 'arrived'; req: string; promptTokens: readonly number[]; outputLen: number; width: number; beam: boolean }
		| { type: 'rejected'; req: string; reason: RejectReason }
		| { type: 'scheduled'; req: string; numTokens: number; phase: Phase; numComputed: number }
		| { type: 'prefix_hit'; req: string; logical: number; block: number }
		| { type: 'block_allocated'; req: string; seq: number; logical: number; block: number; device: Device }
		| { type: 'block_cached'; req: string; seq: number; logical: number; block: number }
		| { type: 'block_evicted'; block: number }
		| { type: 'block_freed'; block: number; device: Device }
		| { type: 'cow'; req: string; seq: number; logical: number; from: number; to: number }
		| { type: 'forked'; req: string; parent: number; child: number }
		| { type: 'seq_freed'; req: string; seq: number }
		| { type: 'generated'; req: string; seq: number; token: number }
		| { type: 'span_reserved'; req: string; seq: number; start: number; length: number }
		/** `restart`: a recomputed group of several sequences starts over from its prompt. */
		| { type: 'preempted'; req: string; mode: Exclude<PreemptionMode, 'auto'>; restart: boolean }
		| { type: 'swapped_out'; req: string; blocks: [gpu: number, cpu: number][] }
		| { type: 'swapped_in'; req: string; blocks: [cpu: number, gpu: number][] }
		| { type: 'finished'; req: string }
		| {
				type: 'step_end';
				freeGpuBlocks: number;
				running: number;
				waiting: number;
				swapped: number;
				/** Sequences in this step's batch. */
				batchSeqs: number;
				batchTokens: number;
				/** Simulated duration of the step (cost model). */
				ms: number;
				/** Token slots per category (DESIGN.md §3). */
				memory: MemoryBreakdown;
		  }
	);

export type EventType = EngineEvent['type'];
export type EventOf<T extends EventType> = Extract<EngineEvent, { type: T }>;

export const EVENT_TYPES: readonly EventType[] = [
	'run_start',
	'arrived',
	'rejected',
	'scheduled',
	'prefix_hit',
	'block_allocated',
	'block_cached',
	'block_evicted',
	'block_freed',
	'cow',
	'forked',
	'seq_freed',
	'generated',
	'span_reserved',
	'preempted',
	'swapped_out',
	'swapped_in',
	'finished',
	'step_end'
];

export function assertNever(x: never): never {
	throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
