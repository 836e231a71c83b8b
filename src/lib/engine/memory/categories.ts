/** The five memory categories of DESIGN.md §3; every token slot of the pool is in exactly one. */
export interface MemoryBreakdown {
	/** Slots holding a computed token's K/V. */
	tokenStates: number;
	/** Slots set aside for tokens this request will produce later. */
	reserved: number;
	/** Slots set aside that will never be used (past the final length, or a last block's tail). */
	internalFragmentation: number;
	/** Free slots in gaps too small for the request at the head of the queue. */
	externalFragmentation: number;
	free: number;
}

export const MEMORY_CATEGORIES = [
	'tokenStates',
	'reserved',
	'internalFragmentation',
	'externalFragmentation',
	'free'
] as const satisfies readonly (keyof MemoryBreakdown)[];

export function emptyMemory(): MemoryBreakdown {
	return { tokenStates: 0, reserved: 0, internalFragmentation: 0, externalFragmentation: 0, free: 0 };
}
