/**
 * The UI language: one reactive holder. Chosen from `?lang=` (the URL wins), else from the
 * browser's `navigator.languages`, else English. `t()` reads it, so every string re-renders
 * when it changes.
 */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(x: unknown): x is Locale {
	return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}

/** The first of the browser's languages we speak (`zh-CN`, `zh-TW`, `zh` → zh; `en-*` → en). */
export function detectLocale(languages: readonly string[] = []): Locale {
	for (const l of languages) {
		const base = l.toLowerCase().split('-')[0];
		if (isLocale(base)) return base;
	}
	return DEFAULT_LOCALE;
}

/** `?lang=` if valid, else the browser's choice. */
export function resolveLocale(param: string | null, languages: readonly string[] = []): Locale {
	return isLocale(param) ? param : detectLocale(languages);
}

class LocaleState {
	#current = $state<Locale>(DEFAULT_LOCALE);

	get current(): Locale {
		return this.#current;
	}
	set current(l: Locale) {
		this.#current = l;
		if (typeof document !== 'undefined') document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
	}

	/** Call once in the browser, before the first render. */
	init(search: string, languages: readonly string[]): void {
		this.current = resolveLocale(new URLSearchParams(search).get('lang'), languages);
	}
}

export const locale = new LocaleState();
