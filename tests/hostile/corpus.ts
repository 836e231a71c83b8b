/**
 * Generated hostile inputs (issue 14): for every schema parameter, values of the wrong type,
 * past each end of its range, huge, deeply nested or prototype-shaped; and the keys an
 * object lookup would find on Object.prototype. Each case says what its error must name.
 */
import { CONFIG_PARAMS, WORKLOAD_PARAMS, type Param } from '../../src/lib/params/schema';

export interface Case {
	name: string;
	/** The field (or flag) the error must name. */
	field: string;
	text: string;
}

/** Keys that `key in obj` or `obj[key]` would find on every object. */
export const PROTOTYPE_KEYS = [
	'__proto__',
	'constructor',
	'hasOwnProperty',
	'isPrototypeOf',
	'propertyIsEnumerable',
	'toString',
	'valueOf',
	'toLocaleString',
	'__defineGetter__',
	'__defineSetter__',
	'__lookupGetter__',
	'__lookupSetter__'
];

/** JSON nested `depth` deep: `[[[…1…]]]`. */
export const nested = (depth: number) => '['.repeat(depth) + '1' + ']'.repeat(depth);
/** A 1 MB array of numbers, as JSON. */
export const hugeArray = () => '[' + Array.from({ length: 200_000 }, (_, i) => i % 10).join(',') + ']';

/** Bad JSON values (as JSON text) for a parameter. */
export function badValues(p: Param): [string, string][] {
	const common: [string, string][] = [
		['null', 'null'],
		['an object', '{"a":1}'],
		['deep nesting', nested(50_000)],
		['a 1 MB array', hugeArray()]
	];
	if (p.kind === 'bool') return [...common, ['a string', '"yes"'], ['a number', '1']];
	if (p.kind === 'enum')
		return [
			...common,
			['an unknown word', '"lmsys"'],
			['a prototype word', '"toString"'],
			['a number', '3'],
			['a long string', JSON.stringify('x'.repeat(10_000))]
		];
	const out: [string, string][] = [
		...common,
		['a string', '"12"'],
		['true', 'true'],
		['below min', String(p.min - 1)],
		['above max', String(p.max + 1)],
		['1e12', '1e12'],
		['1e308', '1e308']
	];
	if (p.kind === 'int') out.push(['a fraction', String(p.min + 0.5)]);
	return out;
}

/** Config files: one bad field each, every parameter; prototype keys; bad roots. */
export function configCases(): Case[] {
	const out: Case[] = [];
	for (const [key, p] of Object.entries(CONFIG_PARAMS))
		for (const [what, v] of badValues(p))
			out.push({ name: `${key}: ${what}`, field: key, text: `{\n  "blockSize": 16,\n  "${key}": ${v}\n}\n` });
	for (const key of PROTOTYPE_KEYS) out.push({ name: `prototype key ${key}`, field: key, text: `{"${key}": 1}` });
	out.push({ name: 'a 10,000-character key', field: 'xxxxxxxx', text: `{"${'x'.repeat(10_000)}": 1}` });
	for (const [name, text] of [
		['null root', 'null'],
		['array root', '[]'],
		['number root', '7'],
		['string root', '"cfg"'],
		['deep nesting at the root', nested(200_000)]
	])
		out.push({ name, field: '(root)', text });
	for (const [name, text] of [
		['empty file', ''],
		['truncated', '{"blockSize": 16'],
		['trailing comma', '{"blockSize": 16,}'],
		['a long garbage line', 'x'.repeat(100_000)]
	])
		out.push({ name, field: '(json)', text });
	return out;
}

const LINE = { id: 'a', arrivalStep: 0, promptLen: 4, outputLen: 2 };
const line = (over: Record<string, unknown>, raw?: [string, string]) => {
	const o: Record<string, unknown> = { ...LINE, ...over };
	let s = JSON.stringify(o);
	if (raw) s = s.slice(0, -1) + `,"${raw[0]}":${raw[1]}}`;
	return s;
};

/** Trace files: one bad line each (after a good one, so the line number is 2). */
export function traceCases(): Case[] {
	const out: Case[] = [];
	const at2 = (name: string, field: string, bad: string) => out.push({ name, field, text: `${line({ id: 'ok' })}\n${bad}\n` });
	const values: [string, string, Record<string, unknown>][] = [
		['id a number', 'id', { id: 7 }],
		['id empty', 'id', { id: '' }],
		['id null', 'id', { id: null }],
		['arrivalStep negative', 'arrivalStep', { arrivalStep: -1 }],
		['arrivalStep fractional', 'arrivalStep', { arrivalStep: 1.5 }],
		['arrivalStep a string', 'arrivalStep', { arrivalStep: '0' }],
		['arrivalStep 1e300', 'arrivalStep', { arrivalStep: 1e300 }],
		['promptLen 0', 'promptLen', { promptLen: 0 }],
		['promptLen 1e8', 'promptLen', { promptLen: 1e8 }],
		['promptLen 4e9', 'promptLen', { promptLen: 4e9 }],
		['promptLen fractional', 'promptLen', { promptLen: 2.5 }],
		['outputLen 0', 'outputLen', { outputLen: 0 }],
		['outputLen -2', 'outputLen', { outputLen: -2 }],
		['outputLen 1e9', 'outputLen', { outputLen: 1e9 }],
		['n 0', 'n', { n: 0 }],
		['n 17', 'n', { n: 17 }],
		['n 1e6', 'n', { n: 1e6 }],
		['beamWidth 0', 'beamWidth', { beamWidth: 0 }],
		['beamWidth 1e6', 'beamWidth', { beamWidth: 1e6 }],
		['n and beam', 'beamWidth', { n: 2, beamWidth: 2 }],
		['promptTokens and promptLen', 'promptLen', { promptTokens: [1, 2] }],
		['promptTokens empty', 'promptTokens', { promptLen: undefined, promptTokens: [] }],
		['promptTokens negative id', 'promptTokens', { promptLen: undefined, promptTokens: [1, -1] }],
		['promptTokens fractional id', 'promptTokens', { promptLen: undefined, promptTokens: [1.5] }],
		['promptTokens id 2^31', 'promptTokens', { promptLen: undefined, promptTokens: [7, 2 ** 31] }],
		['promptTokens id 7 + 2^32', 'promptTokens', { promptLen: undefined, promptTokens: [7 + 2 ** 32] }],
		['promptTokens a string', 'promptTokens', { promptLen: undefined, promptTokens: 'abc' }],
		['promptTokens too long', 'promptTokens', { promptLen: undefined, promptTokens: Array(131_073).fill(1) }],
		['arrivalMs negative', 'arrivalMs', { arrivalStep: undefined, arrivalMs: -1 }],
		['arrivalMs a string', 'arrivalMs', { arrivalStep: undefined, arrivalMs: 'soon' }],
		['arrivalMs and arrivalStep', 'arrivalMs', { arrivalMs: 5 }],
		['no arrival', 'arrivalStep', { arrivalStep: undefined }],
		['no outputLen', 'outputLen', { outputLen: undefined }],
		['no prompt', 'promptTokens', { promptLen: undefined }],
		['duplicate id', 'id', { id: 'ok' }],
		['mixed clocks', 'arrivalMs', { arrivalStep: undefined, arrivalMs: 3 }]
	];
	for (const [name, field, over] of values) at2(name, field, line(over));
	for (const key of PROTOTYPE_KEYS) at2(`prototype key ${key}`, key, line({}, [key, '1']));
	at2('deeply nested id', 'id', line({}, ['x', '1']).replace('"id":"a"', `"id":${nested(50_000)}`));
	at2('a 1 MB array as outputLen', 'outputLen', line({ outputLen: undefined }, ['outputLen', hugeArray()]));
	at2('deep nesting', '(', nested(200_000));
	at2('not an object', '(line)', '[1,2,3]');
	at2('truncated line', '(json)', '{"id":"x",');
	at2('a long garbage line', '(json)', 'y'.repeat(100_000));
	return out;
}

/** Workload flags (and a few others): each bad value with the flag its error must name. */
export function flagCases(): { name: string; field: string; argv: string[] }[] {
	const out: { name: string; field: string; argv: string[] }[] = [];
	const W = ['--workload', 'fixed', '--requests', '2'];
	const flags: [flag: string, param: Param][] = [
		['requests', WORKLOAD_PARAMS.numRequests],
		['rate', WORKLOAD_PARAMS.ratePerStep],
		['prompt-len', WORKLOAD_PARAMS.promptLen],
		['output-len', WORKLOAD_PARAMS.outputLen],
		['shared-prefix-len', WORKLOAD_PARAMS.sharedPrefixLen],
		['shared-prefix-fraction', WORKLOAD_PARAMS.sharedPrefixFraction],
		['n', WORKLOAD_PARAMS.n],
		['beam-width', WORKLOAD_PARAMS.beamWidth],
		['max-len', WORKLOAD_PARAMS.maxLen],
		['vocab-size', WORKLOAD_PARAMS.vocabSize],
		['seed', WORKLOAD_PARAMS.seed]
	];
	for (const [flag, p] of flags) {
		if (p.kind !== 'int' && p.kind !== 'num') continue;
		const values = ['-1', String(p.max + 1), '1e309', 'abc', '', '1e12', 'x'.repeat(5000)];
		if (p.kind === 'int') values.push('1.5');
		if (p.min > 0) values.push(String(p.min - 1));
		for (const v of new Set(values)) out.push({ name: `--${flag} ${v.slice(0, 20)}`, field: `--${flag}`, argv: [...W, `--${flag}`, v] });
	}
	for (const word of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'h100', 'x'.repeat(3000)])
		out.push({ name: `--cost-model ${word.slice(0, 20)}`, field: '--cost-model', argv: [...W, '--cost-model', word] });
	for (const word of ['lmsys', 'toString', '__proto__', ''])
		out.push({ name: `--workload ${word}`, field: '--workload', argv: ['--workload', word] });
	for (const word of ['uniform', 'constructor'])
		out.push({ name: `--arrivals ${word}`, field: '--arrivals', argv: [...W, '--arrivals', word] });
	out.push({ name: 'an unknown flag', field: '(flags)', argv: [...W, '--frobnicate', '1'] });
	out.push({ name: 'a positional', field: '(flags)', argv: [...W, 'extra'] });
	out.push({ name: 'neither trace nor workload', field: '--trace', argv: [] });
	// Totals: every value in range, the run too big for memory; refused before a token is drawn.
	out.push({
		name: '100,000 fixed requests of 2,000 tokens',
		field: '--requests',
		argv: ['--workload', 'fixed', '--requests', '100000', '--prompt-len', '1000', '--output-len', '1000', '--max-len', '4096']
	});
	out.push({
		name: '100,000 ShareGPT requests × 16 samples',
		field: '--requests',
		argv: ['--workload', 'sharegpt', '--requests', '100000', '--n', '16']
	});
	out.push({
		name: 'a 131,072-token prefix on 100,000 requests',
		field: '--requests',
		argv: [
			'--workload',
			'alpaca',
			'--requests',
			'100000',
			'--shared-prefix-len',
			'131000',
			'--shared-prefix-fraction',
			'1',
			'--max-len',
			'131072'
		]
	});
	return out;
}

/** The field's trace formats (Mooncake JSONL, Azure CSV): one bad row each after a good one. */
export function foreignTraceCases(): Case[] {
	const moon = (o: Record<string, unknown>, raw?: string) =>
		raw ?? JSON.stringify({ timestamp: 0, input_length: 1100, output_length: 12, hash_ids: [0, 1, 2], ...o });
	const out: Case[] = [];
	const m = (name: string, field: string, bad: string) => out.push({ name: `mooncake: ${name}`, field, text: `${moon({})}\n${bad}\n` });
	m('deeply nested hash_ids', 'hash_ids', moon({}).replace('[0,1,2]', nested(50_000)));
	m('a 1 MB timestamp array', 'timestamp', moon({}).replace('"timestamp":0', `"timestamp":${hugeArray()}`));
	// Foreign lengths are held by the trace's token limit (named as (trace)), not a per-field maximum.
	m('input_length 1e12', '(trace)', moon({ input_length: 1e12 }));
	m('output_length a string', 'output_length', moon({ output_length: 'ten' }));
	for (const key of ['__proto__', 'constructor', 'toString']) m(`prototype key ${key}`, key, moon({}).replace('{', `{"${key}":1,`));
	const a = (name: string, field: string, bad: string) =>
		out.push({
			name: `azure: ${name}`,
			field,
			text: `TIMESTAMP,ContextTokens,GeneratedTokens\r\n2023-11-16 18:15:46.6805900,374,44\r\n${bad}\r\n`
		});
	a('a 10,000-character timestamp', 'TIMESTAMP', `${'9'.repeat(10_000)},374,44`);
	a('ContextTokens 1e12', '(trace)', '2023-11-16 18:15:47.0000000,1e12,44');
	a('GeneratedTokens negative', 'GeneratedTokens', '2023-11-16 18:15:47.0000000,374,-4');
	return out;
}
