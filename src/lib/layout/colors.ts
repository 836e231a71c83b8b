/** Stable colours: a request keeps its colour (by arrival index) in every view. */
import { schemeTableau10 } from 'd3-scale-chromatic';
import { hsl } from 'd3-color';
import type { MemoryBreakdown } from '../engine/memory/categories';

export function requestColor(index: number): string {
	if (index < 0) return '#999999';
	// The palette's last colour is grey, which reads as "free": skip it.
	if (index < 9) return schemeTableau10[index];
	// Golden-angle hues past the palette: neighbours stay distinguishable.
	return hsl((index * 137.508) % 360, 0.55, 0.55).formatHex();
}

/** The five memory categories, in stacking order. */
export const MEMORY_COLORS: Record<keyof MemoryBreakdown, string> = {
	tokenStates: '#4e79a7',
	reserved: '#9ecae9',
	internalFragmentation: '#f28e2b',
	externalFragmentation: '#e15759',
	free: '#d9d9d9'
};

/** Lane colours of the timeline. */
export const STATUS_COLORS = {
	waiting: '#c9c9c9',
	prefill: '#59a14f',
	decode: '#4e79a7',
	preempted: '#e15759',
	swapped: '#b07aa1',
	finished: 'transparent',
	rejected: '#9c755f'
} as const;
