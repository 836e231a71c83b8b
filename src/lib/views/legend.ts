/** Legend entries shared by the views, in the current language. */
import { MEMORY_CATEGORIES } from '$lib/engine/memory/categories';
import { MEMORY_COLORS } from '$lib/layout/colors';
import { t } from '$lib/i18n';

export interface LegendItem {
	label: string;
	color: string;
	/** Swatch pattern: dashed outline (cached, free), hatched (null block), striped (shared), a badge (ref count). */
	pattern?: 'dashed' | 'hatched' | 'striped' | 'badge';
}

/** The five memory categories; free follows the theme's free-block colour. */
export function memoryLegend(): LegendItem[] {
	return MEMORY_CATEGORIES.map((k) => ({ label: t(`mem.${k}`), color: k === 'free' ? 'var(--block-free)' : MEMORY_COLORS[k] }));
}

/**
 * The block map's key. By request: free, cached, shared (striped in every holder's colour,
 * with its ref count), and vLLM V1's null block. By memory category (/compare): the same
 * colours as the memory legend: filled slots are token states, a held block's empty slots
 * internal fragmentation (the paged allocator's definition, engine/memory/kv-cache-manager.ts).
 */
export function blockLegend(colorBy: 'request' | 'memory', nullBlock: boolean): LegendItem[] {
	const items: LegendItem[] =
		colorBy === 'memory'
			? [
					{ label: t('map.legend.filled'), color: MEMORY_COLORS.tokenStates },
					{ label: t('map.legend.tail'), color: MEMORY_COLORS.internalFragmentation },
					{ label: t('map.legend.free'), color: 'var(--block-free)' }
				]
			: [
					{ label: t('map.legend.owned'), color: '#4e79a7' },
					{ label: t('map.legend.free'), color: 'var(--block-free)' },
					{ label: t('map.legend.cached'), color: '#888888', pattern: 'dashed' },
					{ label: t('map.legend.sharedAll'), color: '#4e79a7', pattern: 'striped' }
				];
	if (colorBy === 'request') items.push({ label: t('map.legend.refCount'), color: 'var(--fg)', pattern: 'badge' });
	if (nullBlock) items.push({ label: t('map.legend.null'), color: 'var(--muted)', pattern: 'hatched' });
	return items;
}
