import { browser } from '$app/environment';
import { locale } from '$lib/i18n';

export const prerender = true;
export const trailingSlash = 'always';

// Pick the language before the first render (the URL wins over navigator.languages), and
// again on every navigation (back/forward to a link with another ?lang=). Prerendered HTML
// is English; hydration swaps the text in place. `url` is only read in the browser:
// prerendering forbids reading the query.
export function load({ url }: { url: URL }) {
	if (browser) locale.init(url.search, navigator.languages);
	return {};
}
