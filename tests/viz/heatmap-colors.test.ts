/**
 * The K/V heatmap's pixels (model-view/heatmap-colors.ts) are the colours of the scale the
 * SVG cells used, d3's scaleDiverging(interpolateRdBu).domain([m, 0, -m]), to within one
 * level of 255 per channel (the table's step), for any block of values.
 */
import fc from 'fast-check';
import { scaleDiverging } from 'd3-scale';
import { interpolateRdBu } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { heatmapPixels } from '../../src/lib/model-view/heatmap-colors';

const rgb = (s: string) => (s.match(/\d+/g) ?? []).map(Number);

describe('K/V heatmap colours', () => {
	it('match the diverging RdBu scale of the block, +|max| red, 0 white, −|max| blue', () => {
		fc.assert(
			fc.property(fc.array(fc.float({ min: -8, max: 8, noNaN: true }), { minLength: 1, maxLength: 256 }), (vals) => {
				const values = Float32Array.from(vals);
				const m = Math.max(1e-6, ...values.map(Math.abs));
				const color = scaleDiverging(interpolateRdBu).domain([m, 0, -m]);
				const out = new Uint8ClampedArray(values.length * 4);
				heatmapPixels(values, m, out);
				values.forEach((v, i) => {
					const want = rgb(color(v));
					const got = Array.from(out.subarray(i * 4, i * 4 + 3));
					got.forEach((c, k) => expect(Math.abs(c - want[k]), `value ${v} of |max| ${m}, channel ${k}`).toBeLessThanOrEqual(1));
					expect(out[i * 4 + 3]).toBe(255);
				});
			}),
			{ numRuns: 100 }
		);
	});

	it('paints the ends and the middle of the scale', () => {
		const out = new Uint8ClampedArray(12);
		heatmapPixels(Float32Array.from([2, 0, -2]), 2, out);
		const [pos, zero, neg] = [0, 1, 2].map((i) => Array.from(out.subarray(i * 4, i * 4 + 3)));
		expect(pos[0]).toBeGreaterThan(pos[2]); // red
		expect(neg[2]).toBeGreaterThan(neg[0]); // blue
		expect(Math.min(...zero)).toBeGreaterThan(230); // near white (RdBu's middle is a light grey)
	});
});
