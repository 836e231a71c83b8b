/** Shared by the trace-format tests. */
import { expect } from 'vitest';
import { InputError } from '../../src/lib/engine/config';

/** The InputError `run` throws (failing the test if it throws nothing or something else). */
export function inputErrorOf(run: () => unknown): InputError {
	try {
		run();
	} catch (e) {
		expect(e).toBeInstanceOf(InputError);
		return e as InputError;
	}
	throw new Error('parsed without error');
}

export const jsonl = (...objs: unknown[]) => objs.map((o) => JSON.stringify(o)).join('\n');

/** A value far longer than any message may repeat. */
export const HUGE = 'x'.repeat(10_000);
