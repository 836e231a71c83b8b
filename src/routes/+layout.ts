import { browser } from '$app/environment';
import { locale } from '$lib/i18n';

export const prerender = true;
export const trailingSlash = 'always';

// Pick the language before the first render (the URL wins over navigator.languages).
// Prerendered HTML is English; hydration swaps the text in place.
export function load() {
	if (browser) locale.init(location.search, navigator.languages);
	return {};
}
