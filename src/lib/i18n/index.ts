/**
 * `t(key, vars)`: the message for `key` in the current locale, `{name}` placeholders filled.
 * A key missing at run time (a dynamic key) renders as `⟦key⟧`, so tests can spot it.
 */
import { en, type MessageKey } from './en';
import { zh } from './zh';
import { locale, type Locale } from './locale.svelte';

export type { MessageKey } from './en';
export { locale, LOCALES, isLocale, detectLocale, resolveLocale, type Locale } from './locale.svelte';

export const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, zh };

export function format(template: string, vars: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
	const msg = (CATALOGS[locale.current] as Record<string, string>)[key];
	return msg === undefined ? `⟦${key}⟧` : format(msg, vars);
}

/** Whether `key` exists (for keys built at run time). */
export function hasMessage(key: string): key is MessageKey {
	return key in en;
}
