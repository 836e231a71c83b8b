/**
 * The root attributes the theme's CSS variables hang on (app.css, routes/+layout.svelte):
 * canvas views read their colours from those variables once per theme, keyed by these.
 */
const THEME_ATTRS = ['data-theme', 'data-projector'];

/** The page's theme as one string: the same string, the same colours. */
export function themeKey(): string {
	const root = document.documentElement;
	return THEME_ATTRS.map((a) => root.getAttribute(a) ?? '-').join('|');
}

/** Calls `changed` when the page's theme attributes change; returns the stop function. */
export function watchTheme(changed: () => void): () => void {
	const o = new MutationObserver(changed);
	o.observe(document.documentElement, { attributes: true, attributeFilter: THEME_ATTRS });
	return () => o.disconnect();
}
