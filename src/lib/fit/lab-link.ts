/**
 * "Open this pool in the lab": the lab's URL parameters for a sized pool (its real block
 * count, block size, max model length and scheduler budget, and the roofline cost model),
 * each capped at what the lab's URL accepts today, with every cap reported, never silent.
 */
import { PARAMS } from '../url/url-state';
import { formatCostSpec } from './cost-spec';
import type { FitReport } from './plan';

export type CappedKey = 'gpu' | 'maxlen' | 'budget' | 'seqs' | 'wmax';

export interface LabLink {
	/** Query string for /lab/ (without `?` and without `lang`). */
	query: string;
	/** Settings the lab cannot take whole: what the pool wants and what the lab opens with. */
	capped: { key: CappedKey; want: number; used: number }[];
}

/** The lab's largest accepted value for a URL key (read from its table, so raised limits show up here). */
export function labMax(key: string): number {
	const spec = PARAMS.find((p) => p.key === key);
	return spec && (spec.type.kind === 'int' || spec.type.kind === 'num') ? spec.type.max : Infinity;
}

/** A workload big enough to matter on a real pool, small enough to simulate in a browser tab. */
const LAB_WORKLOAD = { wl: 'sharegpt', reqs: 200, rate: 2 } as const;

export function labLink(r: FitReport): LabLink | null {
	if (r.error || r.pool.numGpuBlocks < 1) return null;
	const s = r.settings;
	const capped: LabLink['capped'] = [];
	const cap = (key: CappedKey, want: number) => {
		const used = Math.min(want, labMax(key));
		if (used < want) capped.push({ key, want, used });
		return used;
	};
	const maxlen = cap('maxlen', s.maxModelLen);
	const q = new URLSearchParams({
		bs: String(s.blockSize),
		gpu: String(cap('gpu', r.pool.numGpuBlocks)),
		maxlen: String(maxlen),
		// vLLM V1 always chunks prefills; the budget is max_num_batched_tokens.
		chunked: '1',
		budget: String(cap('budget', s.maxNumBatchedTokens)),
		seqs: String(cap('seqs', s.maxNumSeqs)),
		prefix: '1',
		wl: LAB_WORKLOAD.wl,
		reqs: String(LAB_WORKLOAD.reqs),
		rate: String(LAB_WORKLOAD.rate),
		wmax: String(Math.min(maxlen, labMax('wmax'))),
		cost: formatCostSpec({ model: s.model.id, gpu: s.gpu.id, tp: s.tp, weightDtype: s.weightDtype, kvDtype: s.kvDtype })
	});
	return { query: q.toString(), capped };
}
