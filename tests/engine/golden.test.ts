/**
 * The event stream of fixed seeds, pinned byte for byte (as a SHA-256 of its JSONL), so a
 * refactor that must not change behaviour can prove it did not. A deliberate change to
 * the engine's behaviour regenerates these with UPDATE_GOLDEN=1 and says why in its commit.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/engine/config';
import { simulate } from '../../src/lib/engine/simulate';
import { GOLDEN_CASES as CASES } from './golden-cases';
import { generateWorkload } from '../../src/lib/workload/workload';

const FILE = new URL('./golden/streams.json', import.meta.url);

function digest(name: string): { events: number; sha256: string } {
	const { config, workload } = CASES[name];
	const requests = generateWorkload(workload as Parameters<typeof generateWorkload>[0]);
	const { events } = simulate(parseConfig(config, name), requests);
	const jsonl = events.map((e) => JSON.stringify(e)).join('\n');
	return { events: events.length, sha256: createHash('sha256').update(jsonl).digest('hex') };
}

describe('golden event streams', () => {
	const stored = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, ReturnType<typeof digest>>;
	const now = Object.fromEntries(Object.keys(CASES).map((n) => [n, digest(n)]));
	if (process.env.UPDATE_GOLDEN) writeFileSync(FILE, JSON.stringify(now, null, '\t') + '\n');
	for (const name of Object.keys(CASES))
		it(`${name} is byte-identical to the stored stream`, () => expect(now[name]).toEqual(stored[name]));
});
