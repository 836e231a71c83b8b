import { describe, expect, it } from 'vitest';
import { clipLabel } from '../../src/lib/layout/clip-label';

describe('clipLabel', () => {
	it.each([
		['r12', 8, 'r12'],
		['exactly8', 8, 'exactly8'],
		['nine-char', 8, 'nine-ch…'],
		['x'.repeat(10_000), 12, 'xxxxxxxxxxx…'],
		['😀😀😀😀😀', 3, '😀😀…'],
		['请求甲乙丙丁', 4, '请求甲…'],
		['', 4, ''],
		['abc', 0, '']
	])('%s cut to %i is %s', (text, max, want) => expect(clipLabel(text, max)).toBe(want));
});
