/** Legend entries shared by the views, in the current language. */
import { MEMORY_CATEGORIES } from '$lib/engine/memory/categories';
import { MEMORY_COLORS } from '$lib/layout/colors';
import { t } from '$lib/i18n';

export interface LegendItem {
	label: string;
	color: string;
}

/** The five memory categories; free follows the theme's free-block colour. */
export function memoryLegend(): LegendItem[] {
	return MEMORY_CATEGORIES.map((k) => ({ label: t(`mem.${k}`), color: k === 'free' ? 'var(--block-free)' : MEMORY_COLORS[k] }));
}
