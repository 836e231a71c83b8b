/**
 * The one error bad input raises, everywhere (config, workload, traces, flags, URL): it
 * names the source, the 1-based line when there is one, and the field. Messages repeat a
 * bad value only as `shortValue` prints it, so a 1 MB array or JSON nested 100,000 deep
 * never floods the terminal or overflows the stack.
 */
export class InputError extends Error {
	constructor(
		readonly source: string,
		readonly field: string,
		message: string,
		readonly line?: number
	) {
		super(`${source}${line !== undefined ? `:${line}` : ''}: ${field}: ${message}`);
		this.name = 'InputError';
	}
}

/** Longest piece of a bad value (or key) a message repeats. */
export const MAX_ECHO = 80;

/** A value as a message shows it: JSON-like, cut to MAX_ECHO characters, never recursing deeper than a few levels. */
export function shortValue(v: unknown): string {
	const out = { s: '' };
	brief(v, 0, out);
	return cut(out.s);
}

/** A key or field name as an error shows it, cut to MAX_ECHO characters. */
export function shortName(s: string): string {
	return cut(s);
}

function cut(s: string): string {
	return s.length > MAX_ECHO ? `${s.slice(0, MAX_ECHO - 1)}…` : s;
}

const MAX_DEPTH = 4;

/** Appends to `out.s` until it is longer than MAX_ECHO; bounded in depth and in items visited. */
function brief(v: unknown, depth: number, out: { s: string }): void {
	if (out.s.length > MAX_ECHO) return;
	if (typeof v === 'string') out.s += JSON.stringify(v.length > MAX_ECHO ? v.slice(0, MAX_ECHO) : v);
	else if (typeof v === 'number' || typeof v === 'boolean' || v === null) out.s += String(v);
	else if (typeof v === 'bigint') out.s += `${v}n`;
	else if (Array.isArray(v)) {
		if (depth >= MAX_DEPTH) return void (out.s += '[…]');
		out.s += '[';
		for (let i = 0; i < v.length && out.s.length <= MAX_ECHO; i++) {
			if (i > 0) out.s += ',';
			brief(v[i], depth + 1, out);
		}
		out.s += ']';
	} else if (typeof v === 'object') {
		if (depth >= MAX_DEPTH) return void (out.s += '{…}');
		out.s += '{';
		let first = true;
		for (const k in v) {
			if (!Object.hasOwn(v, k)) continue;
			if (out.s.length > MAX_ECHO) break;
			out.s += `${first ? '' : ','}${JSON.stringify(k.slice(0, MAX_ECHO))}:`;
			first = false;
			brief((v as Record<string, unknown>)[k], depth + 1, out);
		}
		out.s += '}';
	} else out.s += String(v);
}
