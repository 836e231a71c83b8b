/**
 * Alibaba's Qwen-Bailian usage traces (alibaba-edu/qwen-bailian-usagetraces-anon): JSONL
 * lines `{chat_id, parent_chat_id, timestamp (s), input_length, output_length, type, turn,
 * hash_ids}`, one hash id per 16-token block. A later turn's hash ids begin with its
 * parent's, so the conversation's history is the shared prefix.
 */
import type { TraceFormat } from './format';
import { hashIdList, rowsToRequests, type TraceRow } from './rows';
import { clip, count, failer, jsonObject, nonNegative, splitLines } from './text';

export const BAILIAN_BLOCK_SIZE = 16;
const KEYS = ['chat_id', 'parent_chat_id', 'timestamp', 'input_length', 'output_length', 'type', 'turn', 'hash_ids'];

export const BAILIAN: TraceFormat = {
	id: 'bailian',
	name: 'Qwen-Bailian JSONL',
	signature: `JSON lines with ${KEYS.join(', ')}`,
	matches: (head) => head.kind === 'json' && head.keys.includes('chat_id'),
	parse(text, source, opts) {
		const seen = new Set<number>();
		const rows = splitLines(text).map((line): TraceRow => {
			const fail = failer(source, line.no);
			const o = jsonObject(line, KEYS, fail);
			const chatId = count(o.chat_id, 'chat_id', 0, fail);
			if (seen.has(chatId)) fail('chat_id', `duplicate chat_id ${chatId}`);
			seen.add(chatId);
			// Checked for shape only: the session structure shows in the hash ids.
			if (o.parent_chat_id !== undefined) count(o.parent_chat_id, 'parent_chat_id', -1, fail);
			if (o.turn !== undefined) count(o.turn, 'turn', 1, fail);
			if (o.type !== undefined && typeof o.type !== 'string')
				fail('type', `must be a string (text, search, image, file), got ${clip(o.type)}`);
			const inputLength = count(o.input_length, 'input_length', 1, fail);
			const row: TraceRow = {
				line: line.no,
				id: `c${chatId}`,
				timeMs: nonNegative(o.timestamp, 'timestamp', fail) * 1000,
				inputLength,
				outputLength: count(o.output_length, 'output_length', 0, fail)
			};
			if (o.hash_ids !== undefined) row.hashIds = hashIdList(o.hash_ids, inputLength, BAILIAN_BLOCK_SIZE, fail);
			return row;
		});
		return rowsToRequests(rows, source, BAILIAN_BLOCK_SIZE, opts);
	}
};
