/**
 * An element's client size (clientWidth, clientHeight), told by one shared ResizeObserver.
 * Svelte's bind:clientWidth also reads the size as the element mounts, which forces a layout
 * in the middle of the page's effects (when /model's results first mounted, one layout per
 * view); the observer reports after the browser's own layout, before the frame is painted.
 */
export interface ClientSize {
	width: number;
	height: number;
}

const listeners = new WeakMap<Element, (size: ClientSize) => void>();
let observer: ResizeObserver | null = null;

/** Svelte action: `use:clientSize={(s) => (width = s.width)}`. */
export function clientSize(node: HTMLElement, onsize: (size: ClientSize) => void) {
	observer ??= new ResizeObserver((entries) => {
		// Every size is read before any listener's state change is drawn (Svelte flushes in a microtask).
		const sizes = entries.map((e) => ({
			el: e.target as HTMLElement,
			width: (e.target as HTMLElement).clientWidth,
			height: (e.target as HTMLElement).clientHeight
		}));
		for (const { el, width, height } of sizes) listeners.get(el)?.({ width, height });
	});
	listeners.set(node, onsize);
	// The border box, as bind:clientWidth observes: a padding change is a client size change too.
	observer.observe(node, { box: 'border-box' });
	return {
		update(next: (size: ClientSize) => void) {
			listeners.set(node, next);
		},
		destroy() {
			observer?.unobserve(node);
			listeners.delete(node);
		}
	};
}
