/**
 * Which arriving requests can never run, and why. Without these checks a request would
 * wait forever: its prompt can't fit the context, its group is wider than the batch, or
 * its worst case can't fit the pool (the allocator's own rule).
 */
import type { KvAllocator } from './allocator';
import type { EngineConfig } from './config';
import type { RejectReason } from '../events/events';
import type { SequenceGroup } from './sequence';

export function rejectReason(g: SequenceGroup, config: EngineConfig, kv: KvAllocator): RejectReason | null {
	if (g.promptLen >= config.maxModelLen) return 'prompt_too_long';
	if (g.width > config.maxNumSeqs) return 'exceeds_max_seqs';
	if (g.width > config.maxNumBatchedTokens) return 'exceeds_token_budget';
	return kv.rejectReason(g);
}
