/** Binary searches over ascending numbers (steps, cursors, checkpoints): one home for them. */

/** How many of the first `n` entries of the ascending `xs` are ≤ `x`. */
export function countAtOrBelow(xs: ArrayLike<number>, x: number, n = xs.length): number {
	let lo = 0;
	let hi = n;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (xs[mid] <= x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** How many of the first `n` entries of the ascending `xs` are < `x`. */
export function countBelow(xs: ArrayLike<number>, x: number, n = xs.length): number {
	let lo = 0;
	let hi = n;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (xs[mid] < x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Index of the last of the first `n` entries ≤ `x`, or 0 when there is none. */
export function lastAtOrBelow(xs: ArrayLike<number>, x: number, n = xs.length): number {
	return Math.max(0, countAtOrBelow(xs, x, n) - 1);
}
