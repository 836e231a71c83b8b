/**
 * The compact event store holds exactly what EventLog keeps: every event materialised equals
 * the kept object, the JSONL is byte-identical, and data posted from a worker reads the same.
 */
import { GOLDEN_CASES } from './golden-cases';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOCATORS, parseConfig } from '../../src/lib/engine/config';
import { Engine } from '../../src/lib/engine/engine';
import { EventLog } from '../../src/lib/events/event-log';
import { EventStore, RunTooLargeError } from '../../src/lib/events/store';
import { toJsonl } from '../../src/lib/events/store-jsonl';
import { jsonlInSlices } from '../../src/lib/io/jsonl-slices';
import { CODE, RowCursor } from '../../src/lib/events/rows';
import { eventsToJsonl } from '../../src/lib/io/export';
import { generateWorkload } from '../../src/lib/workload/workload';
import type { RequestSpec } from '../../src/lib/workload/request';
import type { EngineConfig } from '../../src/lib/engine/config';

function both(config: EngineConfig, requests: RequestSpec[]) {
	const log = new EventLog(true);
	new Engine(config, requests, { sink: log }).run();
	const store = new EventStore();
	new Engine(config, structuredClone(requests), { sink: store }).run();
	return { events: log.events!, store };
}

const CASES: [string, object, object][] = Object.entries(GOLDEN_CASES).map(([name, c]) => [name, c.config, c.workload]);

describe('EventStore', () => {
	it.each(CASES)('%s: every event materialises as EventLog keeps it, JSONL byte for byte', (name, config, workload) => {
		const { events, store } = both(parseConfig(config, name), generateWorkload(workload as Parameters<typeof generateWorkload>[0]));
		expect(store.length).toBe(events.length);
		for (let i = 0; i < events.length; i++) expect(store.get(i), `event ${i}`).toEqual(events[i]);
		expect(toJsonl(store)).toBe(eventsToJsonl(events));
		for (const e of events) store.counts[e.type]--;
		expect(
			Object.values(store.counts).every((n) => n === 0),
			'counts per type'
		).toBe(true);
	});

	it('reads the same after fromEvents and after posting its data (structured clone)', () => {
		const [, config, workload] = CASES[3];
		const { events, store } = both(parseConfig(config), generateWorkload(workload as Parameters<typeof generateWorkload>[0]));
		const jsonl = eventsToJsonl(events);
		expect(toJsonl(EventStore.fromEvents(events))).toBe(jsonl);
		const posted = EventStore.fromData(structuredClone(store.data()));
		expect(toJsonl(posted)).toBe(jsonl);
		expect(posted.counts).toEqual(store.counts);
		expect(posted.range(3, 9)).toEqual(events.slice(3, 9));
	});

	it('export → import → export round-trips byte for byte, in parts too', async () => {
		for (const [, config, workload] of CASES) {
			const { store } = both(parseConfig(config), generateWorkload(workload as Parameters<typeof generateWorkload>[0]));
			const jsonl = toJsonl(store);
			// The page's export: parts built in slices.
			expect((await jsonlInSlices(store, { lines: 7 })).join('')).toBe(jsonl);
			const imported = EventStore.fromEvents(
				jsonl
					.trimEnd()
					.split('\n')
					.map((l) => JSON.parse(l))
			);
			expect(toJsonl(imported)).toBe(jsonl);
		}
	});

	it('matches EventLog on random configs for every allocator', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...ALLOCATORS),
				fc.integer({ min: 8, max: 40 }),
				fc.integer({ min: 0, max: 99 }),
				(allocator, blocks, seed) => {
					const config = parseConfig({
						allocator,
						numGpuBlocks: blocks,
						numCpuBlocks: 8,
						blockSize: 4,
						maxModelLen: 96,
						maxNumBatchedTokens: 128,
						preemptionMode: 'auto',
						enablePrefixCaching: true,
						seed
					});
					const requests = generateWorkload({
						preset: 'fixed',
						numRequests: 6,
						ratePerStep: 1,
						promptLen: 20,
						outputLen: 10,
						sharedPrefixLen: 8,
						sharedPrefixFraction: 0.5,
						n: seed % 3 === 0 ? 2 : 1,
						maxLen: 96,
						seed
					});
					const { events, store } = both(config, requests);
					expect(toJsonl(store)).toBe(eventsToJsonl(events));
				}
			),
			{ numRuns: 60 }
		);
	});

	it('refuses a run past its event limit with a clear message', () => {
		const store = new EventStore({ maxEvents: 2000 });
		const config = parseConfig({ numGpuBlocks: 48, blockSize: 16 });
		const requests = generateWorkload({ preset: 'sharegpt', numRequests: 40, ratePerStep: 1, maxLen: 1024, seed: 1 });
		expect(() => new Engine(config, requests, { sink: store }).run()).toThrow(RunTooLargeError);
		expect(() => new Engine(config, requests, { sink: new EventStore({ maxEvents: 2000 }) }).run()).toThrow(/more than 2,000 events/);
	});

	it('keeps a long run in under 6 bytes an event, and reads any event from its nearest mark', () => {
		const config = parseConfig({ numGpuBlocks: 128, blockSize: 16, maxNumSeqs: 32 });
		const requests = generateWorkload({ preset: 'sharegpt', numRequests: 60, ratePerStep: 1, maxLen: 1024, seed: 4 });
		const { events, store } = both(config, requests);
		const d = store.data();
		expect(d.rows.byteLength / store.length).toBeLessThan(6);
		// Backwards, so every read seeks from a mark rather than going on from the last one.
		for (let i = events.length - 1; i >= 0; i -= 7) expect(store.get(i), `event ${i}`).toEqual(events[i]);
	});

	it('refuses an event whose offsets are not what the stream implies (they are not stored)', () => {
		const w = new RowCursor(new Uint8Array(64));
		expect(() => w.put(CODE.generated, 0, 0, 5)).toThrow(/not what the stream implies/);
		expect(() => w.put(CODE.scheduled, -1, 1, 0)).toThrow(/not a row number/);
	});
});
