/**
 * Where the attention view puts each block and slot: blocks left to right in block-table
 * order, wrapping; a block's slots left to right by offset. (Which physical block holds a
 * position is block-table.ts's rule; here only the table's order matters.)
 */
import { blocksFor } from '$lib/model/block-table';

export interface SlotBox {
	pos: number;
	x: number;
	y: number;
}

export interface BlockBox {
	logical: number;
	block: number;
	x: number;
	y: number;
	width: number;
}

export interface AttentionLayout {
	blocks: BlockBox[];
	slots: SlotBox[];
	slot: number;
	height: number;
}

export interface AttentionLayoutOptions {
	width: number;
	slot?: number;
	gap?: number;
	/** Room above each row of blocks for the block label. */
	label?: number;
}

/** `blockTable[i]` holds positions i·bs … i·bs+bs-1; `length` positions are in use. */
export function layoutAttention(
	blockTable: readonly number[],
	blockSize: number,
	length: number,
	o: AttentionLayoutOptions
): AttentionLayout {
	const slot = o.slot ?? 18;
	const gap = o.gap ?? 8;
	const label = o.label ?? 14;
	const blockW = blockSize * slot;
	const perRow = Math.max(1, Math.floor((Math.max(o.width, blockW) + gap) / (blockW + gap)));
	const rowH = label + slot + 6;
	const used = blocksFor(length, blockSize);
	const blocks: BlockBox[] = [];
	const slots: SlotBox[] = [];
	for (let i = 0; i < used; i++) {
		const b = { logical: i, block: blockTable[i], x: (i % perRow) * (blockW + gap), y: Math.floor(i / perRow) * rowH, width: blockW };
		blocks.push(b);
		for (let off = 0, pos = i * blockSize; off < blockSize && pos < length; off++, pos++)
			slots.push({ pos, x: b.x + off * slot, y: b.y + label });
	}
	return { blocks, slots, slot, height: Math.ceil(used / perRow) * rowH };
}
