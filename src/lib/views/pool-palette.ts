/**
 * The pool map's packed colours. Free, null, background and the mark follow the theme's CSS
 * variables; reading them (getComputedStyle) every frame of playback costs a style lookup, so
 * they are read once per theme, projector mode and colouring, and again when the page's theme
 * attributes change.
 */
import * as pm from '$lib/layout/pool-map';
import { MEMORY_COLORS, requestColor } from '$lib/layout/colors';
import type { ColorBy } from './draw-blocks';
import { themeKey } from './theme-attrs';

export interface PoolPaint {
	palette: pm.PoolPalette;
	/** The selected request's blocks zoomed out, and where transitions flash from. */
	mark: number;
	/** The mark as CSS, for outlines and the ring. */
	markCss: string;
	/** A held block's empty slots when colouring by memory category. */
	empty?: number;
}

/** Colours read from `el`'s computed style, cached until the theme or the colouring changes. */
export class PoolPaletteCache {
	#key = '';
	#paint: PoolPaint | null = null;

	get(el: Element, colorBy: ColorBy): PoolPaint {
		const key = `${themeKey()}|${colorBy}`;
		if (this.#paint && key === this.#key) return this.#paint;
		const css = getComputedStyle(el);
		const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
		const memory = colorBy === 'memory';
		const markCss = v('--highlight', '#111111');
		this.#key = key;
		this.#paint = {
			palette: {
				free: pm.packColor(v('--block-free', '#e6e6e6')),
				used: pm.packColor(memory ? MEMORY_COLORS.tokenStates : pm.KIND_COLORS.used),
				shared: pm.packColor(memory ? MEMORY_COLORS.tokenStates : pm.KIND_COLORS.shared),
				cached: pm.packColor(memory ? v('--block-free', '#e6e6e6') : pm.KIND_COLORS.cached),
				null: pm.packColor(v('--muted', '#5d6670')),
				background: pm.packColor(v('--panel', v('--bg', '#ffffff')))
			},
			mark: pm.packColor(markCss),
			markCss,
			empty: memory ? pm.packColor(MEMORY_COLORS.internalFragmentation) : undefined
		};
		return this.#paint;
	}
}

const requestPacked: number[] = [];
/** A request's colour by arrival index, packed (the same whatever the theme). */
export function packedRequestColor(index: number): number {
	if (index < 0) return pm.packColor(requestColor(index));
	return (requestPacked[index] ??= pm.packColor(requestColor(index)));
}
