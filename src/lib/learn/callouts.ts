/**
 * Callouts tie a chapter's text to its view: the first event of each kind the text names
 * (a preemption, a copy-on-write, a prefix hit), with the step to jump to. Found in the
 * engine's own stream: the page reads the run on screen (`firstEventsIn`), so they follow
 * the reader's changes with the run.
 */
import type { EngineConfig } from '../engine/config';
import type { EngineEvent, EventOf } from '../events/events';
import type { EventStore } from '../events/store';
import type { RequestSpec } from '../workload/request';
import { simulate } from '../engine/simulate';

export type CalloutKind = 'preempted' | 'cow' | 'prefix_hit';

export type Callout =
	| { kind: 'preempted'; step: number; req: string; mode: string; block: -1 }
	| { kind: 'cow'; step: number; req: string; from: number; to: number; block: number }
	| { kind: 'prefix_hit'; step: number; req: string; block: number };

function toCallout(e: EventOf<CalloutKind>): Callout {
	switch (e.type) {
		case 'preempted':
			return { kind: 'preempted', step: e.step, req: e.req, mode: e.mode, block: -1 };
		case 'cow':
			return { kind: 'cow', step: e.step, req: e.req, from: e.from, to: e.to, block: e.to };
		case 'prefix_hit':
			return { kind: 'prefix_hit', step: e.step, req: e.req, block: e.block };
	}
}

/** The first event of each kind, in the order asked; null where the run has none. */
export function firstEvents(events: readonly EngineEvent[], kinds: readonly CalloutKind[]): (Callout | null)[] {
	return kinds.map((k) => {
		const e = events.find((x): x is EventOf<CalloutKind> => x.type === k);
		return e ? toCallout(e) : null;
	});
}

/** The first event of each kind in a run's store (one pass over its types; objects only for the hits). */
export function firstEventsIn(store: EventStore, kinds: readonly CalloutKind[]): (Callout | null)[] {
	const at = new Map<string, number>();
	for (let i = 0; i < store.length && at.size < kinds.length; i++) {
		const type = store.type(i);
		if (kinds.includes(type as CalloutKind) && !at.has(type)) at.set(type, i);
	}
	return kinds.map((k) => {
		const i = at.get(k);
		return i === undefined ? null : toCallout(store.get(i) as EventOf<CalloutKind>);
	});
}

/** Callouts for a config and its requests (a chapter's run is small: simulating it again is cheap). */
export function calloutsFor(config: EngineConfig, requests: readonly RequestSpec[], kinds: readonly CalloutKind[]): (Callout | null)[] {
	if (!kinds.length) return [];
	try {
		return firstEvents(simulate(config, requests).events, kinds);
	} catch {
		return kinds.map(() => null);
	}
}
