/**
 * Where the engine's events go. Counting mode allocates nothing per event, so big
 * benchmark runs stay fast; keeping mode stores every event for replay and export.
 */
import { EVENT_TYPES, type EngineEvent, type EventType } from './events';

export class EventLog {
	/** The stream, or null when only counting. */
	readonly events: EngineEvent[] | null;
	readonly counts: Record<EventType, number>;
	private listener: ((e: EngineEvent) => void) | null;

	constructor(keep: boolean, listener?: (e: EngineEvent) => void) {
		this.events = keep ? [] : null;
		this.listener = listener ?? null;
		this.counts = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as Record<EventType, number>;
	}

	/** True when events must be built as objects (kept or listened to). */
	get wantsObjects(): boolean {
		return this.events !== null || this.listener !== null;
	}

	get total(): number {
		let n = 0;
		for (const t of EVENT_TYPES) n += this.counts[t];
		return n;
	}

	/** Count an event whose object the caller chose not to build. */
	count(type: EventType): void {
		this.counts[type]++;
	}

	push(e: EngineEvent): void {
		this.counts[e.type]++;
		this.events?.push(e);
		this.listener?.(e);
	}
}
