/**
 * The K/V heatmap's colours as pixels: value v of a block whose largest |value| is m is
 * coloured like d3's scaleDiverging(interpolateRdBu).domain([m, 0, -m]) (+m red, 0 white,
 * −m blue), read from a table of 1,024 steps of the scale instead of a colour string per cell.
 */
import { interpolateRdBu } from 'd3-scale-chromatic';

const STEPS = 1024;
let table: Uint8Array | null = null;

function rdbu(): Uint8Array {
	if (table) return table;
	table = new Uint8Array(STEPS * 3);
	for (let i = 0; i < STEPS; i++) {
		const [r, g, b] = (interpolateRdBu(i / (STEPS - 1)).match(/\d+/g) ?? ['0', '0', '0']).map(Number);
		table.set([r, g, b], i * 3);
	}
	return table;
}

/** The scale's position (0 = +m, 0.5 = 0, 1 = −m) of value v, clamped. */
export const heatPosition = (v: number, m: number): number => Math.min(1, Math.max(0, 0.5 - v / (2 * m)));

/** Write one opaque RGBA pixel per value into `out` (4 bytes each). */
export function heatmapPixels(values: ArrayLike<number>, m: number, out: Uint8ClampedArray): void {
	const t = rdbu();
	for (let i = 0; i < values.length; i++) {
		const k = Math.round(heatPosition(values[i], m) * (STEPS - 1)) * 3;
		out[i * 4] = t[k];
		out[i * 4 + 1] = t[k + 1];
		out[i * 4 + 2] = t[k + 2];
		out[i * 4 + 3] = 255;
	}
}
