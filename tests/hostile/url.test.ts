/**
 * Hostile query strings through the URL state, in Node: every key with every kind of bad
 * value, repeated keys, prototype-shaped and huge keys. Parsing never throws, the result is
 * a config the engine accepts, each notice names its key, is short, and appears once.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/engine/config';
import { PARAMS, parseViewParams } from '../../src/lib/url/url-state';
import { PROTOTYPE_KEYS } from './corpus';

const LONG = 'x'.repeat(8000);
const VALUES = [
	'-1',
	'1e309',
	'-1e309',
	'abc',
	'',
	'1e400',
	'NaN',
	'Infinity',
	'0x10',
	'1e12',
	'99999999999999999999',
	LONG,
	'<img src=x onerror=alert(1)>',
	'%00',
	' 4 '
];

function queries(): string[] {
	const out: string[] = [];
	for (const p of PARAMS) for (const v of VALUES) out.push(new URLSearchParams([[p.key, v]]).toString());
	for (const k of PROTOTYPE_KEYS) out.push(`${encodeURIComponent(k)}=1`, `gpu=40&${encodeURIComponent(k)}=x&${encodeURIComponent(k)}=y`);
	out.push(
		'gpu=40&foo=1&foo=2',
		'gpu=40&gpu=50&gpu=abc',
		'reqs=100000&gpu=131072&plen=131072&olen=131072&wmax=131072&maxlen=131072&n=16',
		`${LONG}=1`,
		`${LONG}=1&${LONG}=2`,
		`lang=${LONG}`,
		'lang=xx&lang=yy',
		`title=${LONG}&sel=${LONG}`,
		'wl=fixed&plen=200&olen=200&wmax=100',
		'chunked=0&maxlen=131072&budget=16',
		'=1&=2',
		'&&&',
		'a&a&a'
	);
	return out;
}

describe('hostile URLs', () => {
	const cases = queries();
	it(`the corpus has ${cases.length} query strings`, () => expect(cases.length).toBeGreaterThan(300));
	it.each(cases.map((q) => [q.length > 60 ? `${q.slice(0, 60)}… (${q.length} chars)` : q, q]))('%s', (_, q) => {
		const { state, notices } = parseViewParams(new URLSearchParams(q));
		expect(() => parseConfig(state.config)).not.toThrow();
		expect(new Set(notices).size, 'each notice once (the lab keys its list by text)').toBe(notices.length);
		for (const n of notices) expect(n.length, n.slice(0, 120)).toBeLessThan(300);
		for (const [k, v] of Object.entries(state.workload)) if (typeof v === 'number') expect(Number.isFinite(v), k).toBe(true);
		expect(state.select.length).toBeLessThanOrEqual(64);
	});

	it('a repeated key takes its last value, with one notice for an unknown one', () => {
		const { state, notices } = parseViewParams(new URLSearchParams('gpu=40&foo=1&foo=2&gpu=50'));
		expect(state.config.numGpuBlocks).toBe(50);
		expect(notices.filter((n) => n.includes('foo'))).toHaveLength(1);
	});

	it('values past the schema are clamped to its maxima', () => {
		const { state } = parseViewParams(new URLSearchParams('gpu=1e9&reqs=1e9&cpu=1e9'));
		expect(state.config.numGpuBlocks).toBe(131_072);
		expect(state.config.numCpuBlocks).toBe(131_072);
		expect(state.workload.numRequests).toBe(100_000);
	});
});
