/**
 * Chapter 7's hash chain as rows of cells: one row per sequence's block table, one cell per
 * logical block with its physical id, its tokens, its prefix-cache hash (full blocks only:
 * hash = H(parent's hash, its tokens), the engine's own hashBlock) and every request holding
 * it. Pure: state in, cells out.
 */
import type { ReplayState } from '../replay/state';
import { hashBlock, NO_HASH } from '../engine/memory/block-hash';

export interface ChainCell {
	logical: number;
	block: number;
	tokens: number[];
	/** Null for a block that is not full yet (it has no hash). */
	hash: number | null;
	/** Registered in the prefix-cache index. */
	cached: boolean;
	/** Requests holding the block (by arrival index), with how many of their sequences do. */
	holders: { req: string; index: number; seqs: number }[];
	refCount: number;
}

export interface ChainRow {
	req: string;
	index: number;
	seq: number;
	cells: ChainCell[];
}

/** Short display form of a hash: its last 4 hex digits. */
export const shortHash = (h: number) => (h % 0x10000).toString(16).padStart(4, '0');

/**
 * Rows for the sequences holding GPU blocks: every sequence of `first` (the request the text
 * asks about), then sequence 0 of the others, at most `maxRows`. Holders count every sequence.
 */
export function chainRows(snap: ReplayState, first = '', maxRows = 6): ChainRow[] {
	const bs = snap.config.blockSize;
	const holders = new Map<number, Map<string, { req: string; index: number; seqs: number }>>();
	const rows: ChainRow[] = [];
	for (const r of snap.requests.values()) {
		if (r.status === 'swapped') continue;
		for (const s of r.seqs) {
			for (const b of s.blockTable) {
				const m = holders.get(b) ?? new Map();
				const h = m.get(r.id) ?? { req: r.id, index: r.index, seqs: 0 };
				h.seqs++;
				m.set(r.id, h);
				holders.set(b, m);
			}
			if (s.blockTable.length && (r.id === first || s === r.seqs[0])) rows.push({ req: r.id, index: r.index, seq: s.seq, cells: [] });
		}
	}
	rows.sort((a, b) => Number(b.req === first) - Number(a.req === first) || a.index - b.index || a.seq - b.seq);
	const shown = rows.slice(0, maxRows);
	for (const row of shown) {
		const seq = snap.requests.get(row.req)!.seqs.find((s) => s.seq === row.seq)!;
		let parent = NO_HASH;
		row.cells = seq.blockTable.map((block, logical) => {
			const b = snap.gpu[block];
			const start = logical * bs;
			const end = start + Math.min(b?.fill ?? 0, Math.max(0, seq.tokens.length - start));
			const hash = end - start === bs ? hashBlock(parent, seq.tokens, start, end) : null;
			parent = hash ?? NO_HASH;
			return {
				logical,
				block,
				tokens: seq.tokens.slice(start, end),
				hash,
				cached: !!b?.cached,
				holders: [...(holders.get(block)?.values() ?? [])].sort((x, y) => x.index - y.index),
				refCount: b?.refCount ?? 0
			};
		});
	}
	return shown;
}
