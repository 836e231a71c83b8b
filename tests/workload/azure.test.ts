import { describe, expect, it } from 'vitest';
import { AZURE, parseDateTimeMs } from '../../src/lib/workload/formats/azure';
import { HUGE, inputErrorOf } from './helpers';

const parse = (text: string) => AZURE.parse(text, 'azure.csv');
const HEAD = 'TIMESTAMP,ContextTokens,GeneratedTokens';

describe('Azure LLM inference CSV', () => {
	it.each([
		['2023-11-16 18:15:46.6805900', Date.UTC(2023, 10, 16, 18, 15, 46) + 680.59],
		['2023-11-16 18:15:46', Date.UTC(2023, 10, 16, 18, 15, 46)],
		['2024-05-10T00:00:00.5Z', Date.UTC(2024, 4, 10) + 500],
		['2023-02-30 00:00:00', null],
		['2023-11-16 24:00:00', null],
		['18:15:46', null],
		['1700158546', null]
	])('reads the date-time %s', (text, want) => {
		const got = parseDateTimeMs(text);
		if (want === null) expect(got).toBeNull();
		else expect(got).toBeCloseTo(want, 3);
	});

	it.each([
		[
			'rows, times relative to the first',
			`${HEAD}\n2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:46.9027800,396,109`,
			[
				{ id: 'r0', arrivalMs: 0, promptLen: 374, outputLen: 44 },
				{ id: 'r1', arrivalMs: 222.19, promptLen: 396, outputLen: 109 }
			]
		],
		['CRLF and a BOM', `\uFEFF${HEAD}\r\n2023-11-16 18:15:46.6805900,10,2\r\n`, [{ id: 'r0', arrivalMs: 0, promptLen: 10, outputLen: 2 }]],
		[
			'columns in another order',
			`GeneratedTokens,TIMESTAMP,ContextTokens\n7,2023-11-16 18:15:46,12`,
			[{ id: 'r0', promptLen: 12, outputLen: 7 }]
		],
		['a header alone', HEAD, []]
	])('reads %s', (_name, text, want) => {
		const got = parse(text).requests.map((r) => ({
			id: r.id,
			arrivalMs: r.arrivalMs,
			promptLen: r.promptTokens.length,
			outputLen: r.outputLen
		}));
		expect(got).toMatchObject(want);
	});

	it('skips rows that generated nothing', () => {
		expect(parse(`${HEAD}\n2023-11-16 18:15:46,10,0\n2023-11-16 18:15:47,10,1`)).toMatchObject({
			skipped: 1,
			requests: [{ arrivalMs: 0 }]
		});
	});

	it.each([
		['an unknown column', `${HEAD},Model\n2023-11-16 18:15:46,10,2,gpt`, 'Model', 1],
		['a missing column', `TIMESTAMP,ContextTokens\n2023-11-16 18:15:46,10`, 'GeneratedTokens', 1],
		['a column twice', `${HEAD},ContextTokens\n2023-11-16 18:15:46,10,2,3`, 'ContextTokens', 1],
		['a short row', `${HEAD}\n2023-11-16 18:15:46,10`, '(row)', 2],
		['a bad date-time', `${HEAD}\n2023-11-16 18:15:46,10,2\n16/11/2023 18:15,10,2`, 'TIMESTAMP', 3],
		['a non-numeric count', `${HEAD}\n2023-11-16 18:15:46,ten,2`, 'ContextTokens', 2],
		['zero context tokens', `${HEAD}\n2023-11-16 18:15:46,0,2`, 'ContextTokens', 2],
		['a fractional count', `${HEAD}\n2023-11-16 18:15:46,10,2.5`, 'GeneratedTokens', 2],
		['a huge bad cell', `${HEAD}\n${HUGE},10,2`, 'TIMESTAMP', 2]
	])('names the line and field of %s', (_name, text, field, lineNo) => {
		const e = inputErrorOf(() => parse(text));
		expect([e.field, e.line]).toEqual([field, lineNo]);
		expect(e.message).not.toContain('x'.repeat(81));
	});
});
