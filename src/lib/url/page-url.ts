/** Browser glue for URL state: read the current query, write it back (debounced). */
import { replaceState } from '$app/navigation';
import { parseViewParams, viewToParams, DEFAULT_VIEW, type ParsedView, type ViewState } from './url-state';

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
	return `${location.origin}${location.pathname}?${p.toString()}`;
}
