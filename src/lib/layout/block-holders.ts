/**
 * Who holds each block at a replayed moment: every request whose block tables name it.
 * A block's `owner` is only the request that last allocated or hit it; a shared block
 * (ref count 2+) belongs to all its holders, so views draw and name them all.
 */
import type { ReplayState } from '../replay/state';

/** Holders by block id, in arrival order, each request once (its sequences may share the block too). */
export type Holders = ReadonlyMap<number, readonly string[]>;

/**
 * vLLM V1's null block on the GPU pool: block 0 under semantics "v1" (docs/semantics.md), a
 * placeholder never allocated nor free; -1 when the pool has none (the paper's semantics).
 */
export function nullBlockId(state: Pick<ReplayState, 'config' | 'gpu' | 'pool'>): number {
	if (state.config.semantics === 'v1') return 0;
	// A replayed state marks block 0 exactly under "v1"; reading `gpu` would make every block's object.
	if (state.pool) return -1;
	return (state.gpu[0] as { nullBlock?: boolean } | undefined)?.nullBlock ? 0 : -1;
}

/** Blocks of `device` held by more than one request → those requests. Blocks with one holder are left out. */
export function sharedHolders(state: ReplayState, device: 'gpu' | 'cpu' = 'gpu'): Holders {
	const ids = device === 'gpu' ? state.running : state.swapped;
	const refCount = refCounts(state, device);
	const all = new Map<number, string[]>();
	for (const id of ids) {
		const r = state.requests.get(id);
		if (!r) continue;
		for (const s of r.seqs)
			for (const b of s.blockTable) {
				if (refCount(b) < 2) continue;
				const list = all.get(b);
				if (!list) all.set(b, [id]);
				else if (list[list.length - 1] !== id && !list.includes(id)) list.push(id);
			}
	}
	const byArrival = (a: string, b: string) => (state.requests.get(a)?.index ?? 0) - (state.requests.get(b)?.index ?? 0);
	const out = new Map<number, string[]>();
	for (const [b, list] of all) if (list.length > 1) out.set(b, list.sort(byArrival));
	return out;
}

/** Holders of one block (requests whose block tables name it), in arrival order; for a read-out. */
export function holdersOf(state: ReplayState, device: 'gpu' | 'cpu', block: number): string[] {
	const out: string[] = [];
	for (const id of device === 'gpu' ? state.running : state.swapped) {
		const r = state.requests.get(id);
		if (r && r.seqs.some((s) => s.blockTable.includes(block))) out.push(id);
	}
	const index = (id: string) => state.requests.get(id)?.index ?? 0;
	return out.sort((a, b) => index(a) - index(b));
}

/** A block's ref count by id: from the pool's array when the replay made one (no block objects). */
function refCounts(state: ReplayState, device: 'gpu' | 'cpu'): (b: number) => number {
	const ref = device === 'gpu' ? state.pool?.refCount : state.cpuPool?.refCount;
	if (ref) return (b) => ref[b] ?? 0;
	const pool = device === 'gpu' ? state.gpu : state.cpu;
	return (b) => pool[b]?.refCount ?? 0;
}
