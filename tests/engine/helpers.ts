/** Small builders shared by the engine tests. */
import { parseConfig, type EngineConfig } from '../../src/lib/engine/config';
import { EventLog } from '../../src/lib/events/event-log';
import { KVCacheManager } from '../../src/lib/engine/memory/kv-cache-manager';
import type { RequestSpec } from '../../src/lib/workload/request';
import { SequenceGroup } from '../../src/lib/engine/sequence';

export const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

export function config(over: Partial<EngineConfig> = {}): EngineConfig {
	return parseConfig({ enableChunkedPrefill: true, ...over }, 'test');
}

/** A KV-cache manager driven directly, as vLLM's own block-manager tests do. */
export function manager(over: Partial<EngineConfig> = {}) {
	const log = new EventLog(true);
	const kv = new KVCacheManager(config({ maxModelLen: 4096, ...over }), log);
	const request = (id: string, promptTokens: number[], rest: Partial<RequestSpec> = {}) =>
		new SequenceGroup({ id, arrivalStep: 0, promptTokens, outputLen: 1, ...rest }, 4096);
	/** get_computed_blocks + allocate_slots for the whole remaining prompt. */
	const allocate = (g: SequenceGroup, numNew?: number) => {
		const prefix = g.seqs[0].numComputed === 0 ? kv.findCachedPrefix(g) : { blocks: [], numTokens: 0 };
		const n = numNew ?? g.seqs[0].tokens.length - g.seqs[0].numComputed - prefix.numTokens;
		const ok = kv.allocateSlots(g, n, prefix, 0);
		if (ok) for (const s of g.seqs) s.numComputed += n;
		return ok ? g.seqs[0].blockTable.slice() : null;
	};
	return { kv, log, request, allocate, freeQueue: () => kv.pool.freeQueue.toArray() };
}
