/**
 * Mooncake's FAST'25 traces (kvcache-ai/Mooncake, FAST25-release/traces): JSONL lines
 * `{"timestamp": ms since the first request, "input_length", "output_length", "hash_ids"}`,
 * one hash id per 512-token block of the prompt.
 */
import type { TraceFormat } from './format';
import { hashIdList, rowsToRequests, type TraceRow } from './rows';
import { count, failer, jsonObject, nonNegative, splitLines } from './text';

export const MOONCAKE_BLOCK_SIZE = 512;
const KEYS = ['timestamp', 'input_length', 'output_length', 'hash_ids'];

export const MOONCAKE: TraceFormat = {
	id: 'mooncake',
	name: 'Mooncake JSONL',
	signature: `JSON lines with ${KEYS.join(', ')}`,
	matches: (head) => head.kind === 'json' && head.keys.includes('input_length') && !head.keys.includes('chat_id'),
	parse(text, source, opts) {
		const rows = splitLines(text).map((line, i): TraceRow => {
			const fail = failer(source, line.no);
			const o = jsonObject(line, KEYS, fail);
			const inputLength = count(o.input_length, 'input_length', 1, fail);
			const row: TraceRow = {
				line: line.no,
				id: `r${i}`,
				timeMs: nonNegative(o.timestamp, 'timestamp', fail),
				inputLength,
				outputLength: count(o.output_length, 'output_length', 0, fail)
			};
			if (o.hash_ids !== undefined) row.hashIds = hashIdList(o.hash_ids, inputLength, MOONCAKE_BLOCK_SIZE, fail);
			return row;
		});
		return rowsToRequests(rows, source, MOONCAKE_BLOCK_SIZE, opts);
	}
};
