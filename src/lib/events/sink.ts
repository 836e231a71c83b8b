/**
 * Where the engine's events go. The sink owns the current step, so emitting is one call
 * with only the event's own fields; each event's shape is written here once.
 *
 * `EventSink` itself only counts and allocates nothing per event, so big benchmark runs
 * stay fast. A subclass that sets `keeps` receives every event as an object in `put`
 * (`EventLog` keeps them in an array; a compact store can encode them).
 */
import type { EngineConfig } from '../engine/config';
import type { StepStats } from '../replay/state';
import { EVENT_SCHEMA_VERSION, EVENT_TYPES, type Device, type EngineEvent, type EventType, type Phase, type RejectReason } from './events';

export class EventSink {
	/** Engine step stamped on every event; the engine advances it. */
	step = 0;
	readonly counts: Record<EventType, number>;

	constructor(protected readonly keeps = false) {
		this.counts = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as Record<EventType, number>;
	}

	get total(): number {
		let n = 0;
		for (const t of EVENT_TYPES) n += this.counts[t];
		return n;
	}

	/** Receives each event when `keeps` is set. */
	protected put(_e: EngineEvent): void {}

	runStart(config: EngineConfig, executor: string): void {
		this.counts.run_start++;
		if (this.keeps) this.put({ step: this.step, type: 'run_start', version: EVENT_SCHEMA_VERSION, config: { ...config }, executor });
	}

	arrived(req: string, promptTokens: readonly number[], outputLen: number, width: number, beam: boolean): void {
		this.counts.arrived++;
		if (this.keeps) this.put({ step: this.step, type: 'arrived', req, promptTokens, outputLen, width, beam });
	}

	rejected(req: string, reason: RejectReason): void {
		this.counts.rejected++;
		if (this.keeps) this.put({ step: this.step, type: 'rejected', req, reason });
	}

	scheduled(req: string, numTokens: number, phase: Phase, numComputed: number): void {
		this.counts.scheduled++;
		if (this.keeps) this.put({ step: this.step, type: 'scheduled', req, numTokens, phase, numComputed });
	}

	prefixHit(req: string, logical: number, block: number): void {
		this.counts.prefix_hit++;
		if (this.keeps) this.put({ step: this.step, type: 'prefix_hit', req, logical, block });
	}

	blockAllocated(req: string, seq: number, logical: number, block: number, device: Device): void {
		this.counts.block_allocated++;
		if (this.keeps) this.put({ step: this.step, type: 'block_allocated', req, seq, logical, block, device });
	}

	blockCached(req: string, seq: number, logical: number, block: number): void {
		this.counts.block_cached++;
		if (this.keeps) this.put({ step: this.step, type: 'block_cached', req, seq, logical, block });
	}

	blockEvicted(block: number): void {
		this.counts.block_evicted++;
		if (this.keeps) this.put({ step: this.step, type: 'block_evicted', block });
	}

	blockFreed(block: number, device: Device): void {
		this.counts.block_freed++;
		if (this.keeps) this.put({ step: this.step, type: 'block_freed', block, device });
	}

	cow(req: string, seq: number, logical: number, from: number, to: number): void {
		this.counts.cow++;
		if (this.keeps) this.put({ step: this.step, type: 'cow', req, seq, logical, from, to });
	}

	forked(req: string, parent: number, child: number): void {
		this.counts.forked++;
		if (this.keeps) this.put({ step: this.step, type: 'forked', req, parent, child });
	}

	seqFreed(req: string, seq: number): void {
		this.counts.seq_freed++;
		if (this.keeps) this.put({ step: this.step, type: 'seq_freed', req, seq });
	}

	generated(req: string, seq: number, token: number): void {
		this.counts.generated++;
		if (this.keeps) this.put({ step: this.step, type: 'generated', req, seq, token });
	}

	spanReserved(req: string, seq: number, start: number, length: number): void {
		this.counts.span_reserved++;
		if (this.keeps) this.put({ step: this.step, type: 'span_reserved', req, seq, start, length });
	}

	preempted(req: string, mode: 'swap' | 'recompute', restart: boolean): void {
		this.counts.preempted++;
		if (this.keeps) this.put({ step: this.step, type: 'preempted', req, mode, restart });
	}

	swappedOut(req: string, blocks: [gpu: number, cpu: number][]): void {
		this.counts.swapped_out++;
		if (this.keeps) this.put({ step: this.step, type: 'swapped_out', req, blocks });
	}

	swappedIn(req: string, blocks: [cpu: number, gpu: number][]): void {
		this.counts.swapped_in++;
		if (this.keeps) this.put({ step: this.step, type: 'swapped_in', req, blocks });
	}

	finished(req: string): void {
		this.counts.finished++;
		if (this.keeps) this.put({ step: this.step, type: 'finished', req });
	}

	stepEnd(stats: StepStats): void {
		this.counts.step_end++;
		if (this.keeps) this.put({ step: this.step, type: 'step_end', ...stats });
	}
}
