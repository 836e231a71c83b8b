/**
 * How many of a list's items to draw: when the list grows (a page's first runs arrive from
 * the worker), one more each animation frame, so drawing several maps and charts is several
 * short main-thread tasks instead of one long one. Call during component setup.
 */
export function oneAFrame(count: () => number): { readonly shown: number } {
	let shown = $state(0);
	$effect(() => {
		const n = count();
		if (shown >= n) {
			shown = n;
			return;
		}
		const id = requestAnimationFrame(() => (shown += 1));
		return () => cancelAnimationFrame(id);
	});
	return {
		get shown() {
			return shown;
		}
	};
}
