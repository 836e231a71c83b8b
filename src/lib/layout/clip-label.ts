/**
 * A label cut to a length for places CSS can't ellipsize (SVG text, <option>): the first
 * `max − 1` characters and an ellipsis. Pair it with the full text in a tooltip.
 */
export function clipLabel(text: string, max: number): string {
	if (max < 1) return '';
	// Count code points, so a cut never splits a surrogate pair (an emoji, a rare CJK character).
	const chars = Array.from(text.length > 4 * max ? text.slice(0, 4 * max) : text);
	return chars.length <= max && text.length <= 4 * max ? text : chars.slice(0, max - 1).join('') + '…';
}
