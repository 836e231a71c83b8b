/**
 * The sink that keeps the stream: every event as an object, in an array (`keep`) or handed
 * to a listener (the CLI streams them to a file; live pages fold them as they come).
 */
import type { EngineEvent } from './events';
import { EventSink } from './sink';

export class EventLog extends EventSink {
	/** The stream, or null when events only go to the listener (or are only counted). */
	readonly events: EngineEvent[] | null;
	private readonly listener: ((e: EngineEvent) => void) | null;

	constructor(keep: boolean, listener?: (e: EngineEvent) => void) {
		super(keep || listener !== undefined);
		this.events = keep ? [] : null;
		this.listener = listener ?? null;
	}

	protected override put(e: EngineEvent): void {
		this.events?.push(e);
		this.listener?.(e);
	}
}
