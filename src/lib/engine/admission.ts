/**
 * Which arriving requests can never run, and why. Without these checks a request would
 * wait forever: its prompt can't fit the context, its group is wider than the batch, or
 * its worst case can't fit the pool (the allocator's own rule).
 */
import type { KvAllocator } from './allocator';
import type { EngineConfig } from './config';
import type { RejectReason } from '../events/events';
import type { SequenceGroup } from './sequence';
import { InputError } from '../params/input-error';
import type { RequestSpec } from '../workload/request';

/**
 * vLLM V1 has no sequence groups: a request with n > 1 becomes n child requests
 * ("{i}_{id}", vLLM's ParentRequest) that share the prompt only through prefix caching of
 * full blocks. The paper's engine keeps one group that forks after the prompt.
 */
export function fanOut(spec: RequestSpec, config: EngineConfig): RequestSpec[] {
	const n = spec.n ?? 1;
	if (config.semantics !== 'v1' || n <= 1) return [spec];
	return Array.from({ length: n }, (_, i) => ({ ...spec, id: `${i}_${spec.id}`, n: 1 }));
}

/** Requests this engine can never take under its semantics: vLLM V1 runs beam search outside the engine. */
export function checkRequests(requests: readonly RequestSpec[], config: EngineConfig): void {
	if (config.semantics !== 'v1') return;
	const beam = requests.find((r) => (r.beamWidth ?? 1) > 1);
	if (beam)
		throw new InputError(
			'requests',
			'beamWidth',
			`request ${JSON.stringify(beam.id.slice(0, 40))} asks for beam search, which vLLM V1 runs outside the engine (one request per beam, LLM.beam_search); use semantics "paper" to see the paper's beam search`
		);
}

export function rejectReason(g: SequenceGroup, config: EngineConfig, kv: KvAllocator): RejectReason | null {
	if (g.promptLen >= config.maxModelLen) return 'prompt_too_long';
	if (g.width > config.maxNumSeqs) return 'exceeds_max_seqs';
	if (g.width > config.maxNumBatchedTokens) return 'exceeds_token_budget';
	return kv.rejectReason(g);
}
