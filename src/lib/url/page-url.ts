/** Browser glue for URL state: read the current query, write it back (debounced). */
import { replaceState } from '$app/navigation';
import { locale } from '../i18n';
import { projector, PROJECTOR_KEY } from '../state/projector.svelte';
import { parseViewParams, viewToParams, DEFAULT_VIEW, LANG_KEY, type ParsedView, type ViewState } from './url-state';

export function readLocation(defaults: ViewState = DEFAULT_VIEW, search?: string): ParsedView & { params: URLSearchParams } {
	const params = new URLSearchParams(search ?? (typeof location === 'undefined' ? '' : location.search));
	return { ...parseViewParams(params, defaults), params };
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Put the view in the address bar (replacing history, at most every 250 ms). `extra` keeps page-owned keys. */
export function writeLocation(view: ViewState, extra: Record<string, string> = {}): void {
	clearTimeout(timer);
	timer = setTimeout(() => {
		const p = viewToParams(view);
		for (const [k, v] of Object.entries(extra)) p.set(k, v);
		p.set(LANG_KEY, locale.current);
		if (projector.on) p.set(PROJECTOR_KEY, '1');
		try {
			replaceState(`?${p.toString()}`, {});
		} catch {
			history.replaceState(history.state, '', `?${p.toString()}`);
		}
	}, 250);
}

/** The shareable link of a view. */
export function linkFor(view: ViewState, extra: Record<string, string> = {}): string {
	const p = viewToParams(view);
	for (const [k, v] of Object.entries(extra)) p.set(k, v);
	p.set(LANG_KEY, locale.current);
	return `${location.origin}${location.pathname}?${p.toString()}`;
}

/** Put the language in the address bar, keeping every other parameter. */
export function writeLang(): void {
	const url = new URL(location.href);
	url.searchParams.set(LANG_KEY, locale.current);
	try {
		replaceState(url, {});
	} catch {
		history.replaceState(history.state, '', url);
	}
}

/** An app path with the current language: `withLang('/lab/?gpu=8')`. */
export function withLang(path: string): string {
	const [p, q = ''] = path.split('?');
	const params = new URLSearchParams(q);
	params.set(LANG_KEY, locale.current);
	return `${p}?${params.toString()}`;
}
