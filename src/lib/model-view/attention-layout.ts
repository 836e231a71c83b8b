/** Where the attention view puts each block and slot: blocks left to right in block-table order, wrapping. */

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
export function layoutAttention(blockTable: readonly number[], blockSize: number, length: number, o: AttentionLayoutOptions): AttentionLayout {
	const slot = o.slot ?? 18;
	const gap = o.gap ?? 8;
	const label = o.label ?? 14;
	const blockW = blockSize * slot;
	const perRow = Math.max(1, Math.floor((Math.max(o.width, blockW) + gap) / (blockW + gap)));
	const rowH = label + slot + 6;
	const used = Math.ceil(length / blockSize);
	const blocks: BlockBox[] = [];
	for (let i = 0; i < used; i++) {
		blocks.push({ logical: i, block: blockTable[i], x: (i % perRow) * (blockW + gap), y: Math.floor(i / perRow) * rowH, width: blockW });
	}
	const slots: SlotBox[] = [];
	for (let pos = 0; pos < length; pos++) {
		const b = blocks[Math.floor(pos / blockSize)];
		slots.push({ pos, x: b.x + (pos % blockSize) * slot, y: b.y + label });
	}
	return { blocks, slots, slot, height: Math.ceil(used / perRow) * rowH };
}
