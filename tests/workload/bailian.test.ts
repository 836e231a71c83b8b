import { describe, expect, it } from 'vitest';
import { BAILIAN } from '../../src/lib/workload/formats/bailian';
import { blockTokens } from '../../src/lib/workload/formats/hash-blocks';
import { HUGE, inputErrorOf, jsonl } from './helpers';

const parse = (text: string) => BAILIAN.parse(text, 'q.jsonl');
const root = {
	chat_id: 159,
	parent_chat_id: -1,
	timestamp: 61.114,
	input_length: 40,
	output_length: 3,
	type: 'text',
	turn: 1,
	hash_ids: [1, 2, 3]
};
const child = { ...root, chat_id: 160, parent_chat_id: 159, timestamp: 62.5, input_length: 64, turn: 2, hash_ids: [1, 2, 4, 5] };

describe('Qwen-Bailian JSONL', () => {
	it.each([
		[
			'a root and its next turn',
			jsonl(root, child),
			[
				{ id: 'c159', arrivalMs: 0, promptLen: 40 },
				{ id: 'c160', arrivalMs: 1386, promptLen: 64 }
			]
		],
		[
			'only the required keys',
			jsonl({ chat_id: 0, timestamp: 0, input_length: 5, output_length: 1 }),
			[{ id: 'c0', arrivalMs: 0, promptLen: 5 }]
		],
		['a BOM and CRLF', `\uFEFF${jsonl(root)}\r\n`, [{ id: 'c159' }]]
	])('reads %s', (_name, text, want) => {
		const got = parse(text).requests.map((r) => ({ id: r.id, arrivalMs: r.arrivalMs, promptLen: r.promptTokens.length }));
		expect(got).toMatchObject(want);
	});

	it('fills 16-token blocks from hash ids, so a later turn shares its parent’s prefix', () => {
		const [a, b] = parse(jsonl(root, child)).requests;
		expect(a.promptTokens.slice(0, 16)).toEqual(blockTokens(1, 16, 50_000));
		expect(a.promptTokens.slice(32)).toEqual(blockTokens(3, 16, 50_000).slice(0, 8));
		expect(b.promptTokens.slice(0, 32)).toEqual(a.promptTokens.slice(0, 32));
		expect(b.promptTokens.slice(32, 48)).not.toEqual(a.promptTokens.slice(32, 48));
	});

	it.each([
		['unknown key', jsonl({ ...root, user: 'u1' }), 'user', 1],
		['missing chat_id', jsonl({ timestamp: 0, input_length: 5, output_length: 1 }), 'chat_id', 1],
		['duplicate chat_id', jsonl(root, { ...child, chat_id: 159 }), 'chat_id', 2],
		['parent_chat_id below -1', jsonl({ ...root, parent_chat_id: -2 }), 'parent_chat_id', 1],
		['turn 0', jsonl({ ...root, turn: 0 }), 'turn', 1],
		['type not a string', jsonl({ ...root, type: 3 }), 'type', 1],
		['timestamp as a date', jsonl({ ...root, timestamp: '2024-12-01 10:00:00' }), 'timestamp', 1],
		['too many hash ids', jsonl({ ...root, input_length: 16 }), 'hash_ids', 1],
		['a hash id past 2^53', `{"chat_id": 1, "timestamp": 0, "input_length": 40, "output_length": 1, "hash_ids": [1e300]}`, 'hash_ids', 1],
		['a long bad type', jsonl({ ...root, type: [HUGE] }), 'type', 1]
	])('names the line and field of %s', (_name, text, field, lineNo) => {
		const e = inputErrorOf(() => parse(text));
		expect([e.field, e.line]).toEqual([field, lineNo]);
		expect(e.message).not.toContain('x'.repeat(81));
	});
});
