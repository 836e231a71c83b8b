import { describe, expect, it } from 'vitest';
import { MOONCAKE } from '../../src/lib/workload/formats/mooncake';
import { blockTokens } from '../../src/lib/workload/formats/hash-blocks';
import { HUGE, inputErrorOf, jsonl } from './helpers';

const parse = (text: string) => MOONCAKE.parse(text, 'm.jsonl');
const line = { timestamp: 0, input_length: 600, output_length: 5, hash_ids: [7, 8] };

describe('Mooncake JSONL', () => {
	it.each([
		['one request', jsonl(line), [{ id: 'r0', arrivalMs: 0, promptLen: 600, outputLen: 5 }]],
		[
			'times relative to the first request',
			jsonl({ ...line, timestamp: 5000 }, { ...line, timestamp: 5250.5 }),
			[
				{ id: 'r0', arrivalMs: 0, promptLen: 600, outputLen: 5 },
				{ id: 'r1', arrivalMs: 250.5, promptLen: 600, outputLen: 5 }
			]
		],
		['no hash_ids', jsonl({ timestamp: 3, input_length: 10, output_length: 1 }), [{ id: 'r0', arrivalMs: 0, promptLen: 10, outputLen: 1 }]],
		[
			'fewer hash ids than blocks',
			jsonl({ ...line, input_length: 1100, hash_ids: [1] }),
			[{ id: 'r0', arrivalMs: 0, promptLen: 1100, outputLen: 5 }]
		],
		['CRLF, a BOM and blank lines', `\uFEFF${jsonl(line)}\r\n\r\n${jsonl(line)}\r\n`, [{ id: 'r0' }, { id: 'r1' }]]
	])('reads %s', (_name, text, want) => {
		const { requests } = parse(text);
		expect(
			requests.map((r) => ({ id: r.id, arrivalMs: r.arrivalMs, promptLen: r.promptTokens.length, outputLen: r.outputLen }))
		).toMatchObject(want);
		for (const r of requests) expect(r.arrivalStep).toBe(0);
	});

	it('fills each 512-token block from its hash id; the last block only up to input_length', () => {
		const [r] = parse(jsonl({ ...line, input_length: 700, hash_ids: [7, 8] })).requests;
		expect(r.promptTokens.slice(0, 512)).toEqual(blockTokens(7, 512, 50_000));
		expect(r.promptTokens.slice(512)).toEqual(blockTokens(8, 512, 50_000).slice(0, 188));
	});

	it('gives equal tokens exactly where hash ids are equal', () => {
		const [a, b] = parse(
			jsonl({ ...line, input_length: 1536, hash_ids: [1, 2, 3] }, { ...line, input_length: 1536, hash_ids: [1, 2, 4] })
		).requests;
		expect(a.promptTokens.slice(0, 1024)).toEqual(b.promptTokens.slice(0, 1024));
		expect(a.promptTokens[1024]).not.toEqual(b.promptTokens[1024]);
	});

	it('skips requests with no output and counts them', () => {
		const parsed = parse(jsonl(line, { ...line, output_length: 0 }));
		expect(parsed.requests).toHaveLength(1);
		expect(parsed.skipped).toBe(1);
	});

	it.each([
		['malformed JSON', `${jsonl(line)}\n{"timestamp": 1,`, '(json)', 2],
		['an array line', '[1, 2]', '(line)', 1],
		['unknown key', jsonl({ ...line, prompt: 'hi' }), 'prompt', 1],
		['missing timestamp', jsonl({ input_length: 5, output_length: 1 }), 'timestamp', 1],
		['negative timestamp', jsonl({ ...line, timestamp: -1 }), 'timestamp', 1],
		['timestamp as a string', jsonl({ ...line, timestamp: '0' }), 'timestamp', 1],
		['missing input_length', jsonl({ timestamp: 0, output_length: 1 }), 'input_length', 1],
		['zero input_length', jsonl({ ...line, input_length: 0, hash_ids: [] }), 'input_length', 1],
		['fractional output_length', jsonl({ ...line, output_length: 2.5 }), 'output_length', 1],
		['hash_ids not an array', jsonl({ ...line, hash_ids: '7,8' }), 'hash_ids', 1],
		['a negative hash id', jsonl({ ...line, hash_ids: [7, -8] }), 'hash_ids', 1],
		['more hash ids than blocks', jsonl({ ...line, input_length: 600, hash_ids: [1, 2, 3] }), 'hash_ids', 1],
		['a bad third line', jsonl(line, line, { ...line, output_length: null }), 'output_length', 3]
	])('names the line and field of %s', (_name, text, field, lineNo) => {
		const e = inputErrorOf(() => parse(text));
		expect([e.field, e.line]).toEqual([field, lineNo]);
		expect(e.message).toMatch(/^m\.jsonl:\d+: /);
	});

	it('repeats at most 80 characters of a bad value', () => {
		for (const text of [jsonl({ ...line, timestamp: HUGE }), jsonl({ ...line, [HUGE]: 1 }), `{"timestamp": "${HUGE}`]) {
			const e = inputErrorOf(() => parse(text));
			expect(e.message.length).toBeLessThan(400);
			expect(e.message).not.toContain('x'.repeat(81));
		}
	});
});
