/**
 * Callouts tie a chapter's text to its view: the first event of each kind the text names
 * (a preemption, a copy-on-write, a prefix hit), with the step to jump to. Found in the
 * engine's own stream for the session's current input, so they follow the reader's changes.
 */
import type { EngineConfig } from '../engine/config';
import type { EngineEvent, EventOf } from '../events/events';
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

/** Callouts for a config and its requests (a chapter's run is small: simulating it again is cheap). */
export function calloutsFor(config: EngineConfig, requests: readonly RequestSpec[], kinds: readonly CalloutKind[]): (Callout | null)[] {
	if (!kinds.length) return [];
	try {
		return firstEvents(simulate(config, requests).events, kinds);
	} catch {
		return kinds.map(() => null);
	}
}

/** How many events of `type` a run has (a whole-run figure the summary doesn't carry). */
export function countEvents(events: readonly EngineEvent[], type: EngineEvent['type']): number {
	let n = 0;
	for (const e of events) if (e.type === type) n++;
	return n;
}
