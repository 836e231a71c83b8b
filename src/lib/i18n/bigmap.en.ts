/** UI strings of the pool map for real GPU pools, PoolMap.canvas.svelte (spread into `en.ts`). */
export const bigmapEn = {
	'bigmap.aria': 'KV-cache pool of {n} blocks, {used} in use: + and − zoom, arrow keys move between blocks',
	'bigmap.zoomIn': 'Zoom in',
	'bigmap.zoomOut': 'Zoom out',
	'bigmap.fit': 'Whole pool',
	'bigmap.view': 'Blocks {first}–{last} of {n} · {px} px a block',
	'bigmap.hint':
		'Point at or tap a block to read it. Wheel or pinch zooms, dragging pans; on the focused map ← ↑ → ↓ move, + − zoom, 0 shows the whole pool.',
	'bigmap.block': 'Block {id}: {kind}{owner}, {fill}/{size} slots, ref {ref}',
	'bigmap.owner': ', {owner}',
	'bigmap.tokens': 'tokens',
	'bigmap.kind.free': 'free',
	'bigmap.kind.used': 'in use',
	'bigmap.kind.shared': 'shared',
	'bigmap.kind.cached': 'free, still cached',
	'bigmap.kind.null': 'the null block (vLLM V1’s placeholder)',
	'bigmap.legend.used': 'in use by one request',
	'bigmap.legend.shared': 'shared (ref > 1)',
	'bigmap.legend.cached': 'free, still cached',
	'bigmap.legend.free': 'free',
	'bigmap.legend.null': 'null block',
	'bigmap.legend.filled': 'filled slots (token states)',
	'bigmap.legend.tail': 'empty slots of a held block (zoomed in)',
	'bigmap.legend.byRequest': 'zoom in to see each request in its own colour',
	'bigmap.legend.zoomed':
		'zoomed in: each block in its request’s colour, pale when free but still cached, filled from the bottom to its slots in use'
} as const;
