/**
 * Checking and clamping values against the schema. Only a table's own keys are known:
 * `__proto__`, `constructor` or `hasOwnProperty` are unknown keys like any other, never a
 * lookup on Object.prototype.
 */
import { InputError, shortName, shortValue } from './input-error';
import type { NumberParam, Param } from './schema';

/** Why `v` is not a valid value of `p`, or null. */
export function paramError(p: Param, v: unknown): string | null {
	switch (p.kind) {
		case 'bool':
			return typeof v === 'boolean' ? null : 'must be true or false';
		case 'enum':
			return typeof v === 'string' && p.values.includes(v) ? null : `must be one of ${p.values.join(', ')}`;
		case 'int':
		case 'num':
			if (typeof v !== 'number' || !Number.isFinite(v)) return p.kind === 'int' ? 'must be an integer' : 'must be a finite number';
			if (p.kind === 'int' && !Number.isInteger(v)) return 'must be an integer';
			if (v < p.min) return `must be ≥ ${p.min}`;
			if (v > p.max) return `must be ≤ ${p.max.toLocaleString('en-US')} (${p.why})`;
			return null;
	}
}

/** `key` if the table has it as its own key. */
export function knownParam<T extends Record<string, Param>>(table: T, key: string): Param | undefined {
	return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Throws InputError naming `key` if it is not one of the table's own keys. */
export function assertKnown(table: Record<string, Param>, key: string, source: string, line?: number): void {
	if (!Object.hasOwn(table, key))
		throw new InputError(source, shortName(key), `unknown key (known: ${Object.keys(table).join(', ')})`, line);
}

/**
 * A checked copy of `defaults` with `raw`'s fields over it; throws InputError naming the
 * first bad field and a short form of its value. `undefined` values keep the default.
 */
export function parseParams<T extends object>(raw: unknown, table: Record<string, Param>, defaults: T, source: string): T {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InputError(source, '(root)', 'must be a JSON object');
	const out = { ...defaults } as Record<string, unknown>;
	for (const key of Object.keys(raw)) {
		assertKnown(table, key, source);
		const value = (raw as Record<string, unknown>)[key];
		if (value === undefined) continue;
		const err = paramError(table[key], value);
		if (err) throw new InputError(source, key, `${err}, got ${shortValue(value)}`);
		out[key] = value;
	}
	return out as T;
}

/** `v` brought into `p`'s range (rounded for integers), or null if it is not a number at all. */
export function clampNumber(p: NumberParam, v: number): number | null {
	if (!Number.isFinite(v)) return null;
	const x = p.kind === 'int' ? Math.round(v) : v;
	return Math.min(p.max, Math.max(p.min, x));
}
