import { describe, expect, it } from 'vitest';
import { BURSTGPT } from '../../src/lib/workload/formats/burstgpt';
import { splitCsvLine } from '../../src/lib/workload/formats/csv';
import { inputErrorOf } from './helpers';

const parse = (text: string) => BURSTGPT.parse(text, 'burst.csv');
const HEAD = 'Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type';
const V11 = 'Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type';

describe('BurstGPT CSV', () => {
	it.each([
		['a,b,c', ['a', 'b', 'c']],
		[' a , b ', ['a', 'b']],
		['"Conversation log","a, b"', ['Conversation log', 'a, b']],
		['"say ""hi""",2', ['say "hi"', '2']],
		['a,,c', ['a', '', 'c']]
	])('splits the CSV line %s', (line, cells) => {
		expect(splitCsvLine(line)).toEqual(cells);
	});

	it.each([
		[
			'the full header, seconds to ms',
			`${HEAD}\n5,s1,1.5,ChatGPT,472,18,490,Conversation log\n45.5,s2,2.0,GPT-4,1087,230,1317,API log`,
			[
				{ id: 'r0', arrivalMs: 0, promptLen: 472, outputLen: 18 },
				{ id: 'r1', arrivalMs: 40_500, promptLen: 1087, outputLen: 230 }
			]
		],
		['the v1.1 header', `${V11}\n5,ChatGPT,472,18,490,Conversation log`, [{ id: 'r0', arrivalMs: 0, promptLen: 472, outputLen: 18 }]],
		['only the required columns, CRLF', `Timestamp,Request tokens,Response tokens\r\n0,3,1\r\n`, [{ id: 'r0', promptLen: 3, outputLen: 1 }]]
	])('reads %s', (_name, text, want) => {
		const got = parse(text).requests.map((r) => ({
			id: r.id,
			arrivalMs: r.arrivalMs,
			promptLen: r.promptTokens.length,
			outputLen: r.outputLen
		}));
		expect(got).toMatchObject(want);
	});

	it('skips failed requests (0 response tokens) and counts them', () => {
		const parsed = parse(`${V11}\n5,ChatGPT,472,0,472,API log\n6,ChatGPT,10,2,12,API log`);
		expect(parsed.skipped).toBe(1);
		expect(parsed.requests.map((r) => [r.id, r.arrivalMs])).toEqual([['r1', 0]]);
	});

	it.each([
		['an unknown column', `${V11},User\n5,ChatGPT,472,18,490,API log,u1`, 'User', 1],
		['no Response tokens column', `Timestamp,Request tokens\n5,10`, 'Response tokens', 1],
		['a row with an extra cell', `${V11}\n5,ChatGPT,472,18,490,API log,extra`, '(row)', 2],
		['a negative timestamp', `${V11}\n-5,ChatGPT,472,18,490,API log`, 'Timestamp', 2],
		['a date for a timestamp', `${V11}\n2024-01-01,ChatGPT,472,18,490,API log`, 'Timestamp', 2],
		['no request tokens', `${V11}\n5,ChatGPT,,18,18,API log`, 'Request tokens', 2],
		['negative response tokens', `${V11}\n5,ChatGPT,4,-1,3,API log`, 'Response tokens', 2]
	])('names the line and field of %s', (_name, text, field, lineNo) => {
		const e = inputErrorOf(() => parse(text));
		expect([e.field, e.line]).toEqual([field, lineNo]);
	});
});
