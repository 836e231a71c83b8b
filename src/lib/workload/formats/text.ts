/**
 * What every trace parser shares: lines (a UTF-8 BOM and CRLF accepted), values clipped
 * before they go into a message, and number fields that name themselves when wrong.
 */
import { InputError, MAX_ECHO, shortName, shortValue } from '../../params/input-error';

export { MAX_ECHO };

/** A value as a message shows it: JSON-like, cut to MAX_ECHO characters (never stringifying a deep or huge value whole). */
export const clip = shortValue;

/** A key or column name as a field of an error, cut to MAX_ECHO characters. */
export const clipName = shortName;

/** A line with its 1-based number in the file. */
export interface Line {
	no: number;
	text: string;
}

/** The non-blank lines, trimmed, numbered as an editor numbers them. */
export function splitLines(text: string): Line[] {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const out: Line[] = [];
	const lines = body.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const t = lines[i].trim();
		if (t !== '') out.push({ no: i + 1, text: t });
	}
	return out;
}

export type Fail = (field: string, message: string) => never;

export function failer(source: string, line: number): Fail {
	return (field, message) => {
		throw new InputError(source, field, message, line);
	};
}

/** One JSONL line as an object whose keys are all known. */
export function jsonObject(line: Line, known: readonly string[], fail: Fail): Record<string, unknown> {
	let raw: unknown;
	try {
		raw = JSON.parse(line.text);
	} catch (e) {
		// V8 quotes the text in its message: keep it short.
		return fail('(json)', `malformed JSON: ${(e as Error).message.slice(0, MAX_ECHO)}`);
	}
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('(line)', 'must be a JSON object');
	const obj = raw as Record<string, unknown>;
	for (const key of Object.keys(obj)) if (!known.includes(key)) fail(clipName(key), `unknown key (known: ${known.join(', ')})`);
	return obj;
}

/** A count of tokens: an integer ≥ min. */
export function count(v: unknown, field: string, min: number, fail: Fail): number {
	if (v === undefined) return fail(field, 'missing');
	if (typeof v !== 'number' || !Number.isInteger(v)) return fail(field, `must be an integer, got ${clip(v)}`);
	if (v < min) return fail(field, `must be ≥ ${min}, got ${v}`);
	return v;
}

/** A time or amount: a finite number ≥ 0. */
export function nonNegative(v: unknown, field: string, fail: Fail): number {
	if (v === undefined) return fail(field, 'missing');
	if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return fail(field, `must be a number ≥ 0, got ${clip(v)}`);
	return v;
}

/** A CSV cell as a number (the cell's text, so "12" and " 12 " read, "12abc" doesn't). */
export function cellNumber(cell: string): number | string {
	const t = cell.trim();
	const n = t === '' ? NaN : Number(t);
	return Number.isFinite(n) ? n : cell;
}
