import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectTraceFormat, readTrace, TRACE_FORMATS } from '../../src/lib/workload/formats/detect';
import { MAX_TRACE_TOKENS } from '../../src/lib/workload/formats/rows';
import { TRACE_SAMPLES } from '../../src/lib/workload/trace-samples';
import { HUGE, inputErrorOf, jsonl } from './helpers';

describe('detectTraceFormat', () => {
	it.each([
		['our JSONL', jsonl({ id: 'a', arrivalStep: 0, promptLen: 3, outputLen: 1 }), 'pagedkv'],
		['our JSONL, timed', jsonl({ id: 'a', arrivalMs: 5, promptLen: 3, outputLen: 1 }), 'pagedkv'],
		['Mooncake', jsonl({ timestamp: 0, input_length: 5, output_length: 1, hash_ids: [1] }), 'mooncake'],
		['Mooncake without hash ids', jsonl({ timestamp: 0, input_length: 5, output_length: 1 }), 'mooncake'],
		['Qwen-Bailian', jsonl({ chat_id: 1, timestamp: 0, input_length: 5, output_length: 1, hash_ids: [1] }), 'bailian'],
		['Azure', 'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46,3,1', 'azure'],
		['BurstGPT', 'Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n0,ChatGPT,3,1,4,API log', 'burstgpt'],
		['a BOM and leading blank lines', `\uFEFF\r\n\r\n${jsonl({ timestamp: 0, input_length: 5, output_length: 1 })}`, 'mooncake']
	])('recognises %s', (_name, text, id) => {
		expect(detectTraceFormat(text, 't')?.id).toBe(id);
	});

	it.each(TRACE_SAMPLES)('reads the sample $file as $format', ({ file, format }) => {
		const trace = readTrace(readFileSync(`static/traces/${file}`, 'utf8'), file);
		expect(trace.format).toBe(format);
		expect(trace.requests.length).toBeGreaterThanOrEqual(10);
	});

	it('reads an empty file as an empty trace', () => {
		expect(readTrace('\n \r\n', 't')).toEqual({ format: 'pagedkv', requests: [], skipped: 0 });
	});

	it.each([
		['an unknown JSON line', jsonl({ prompt: 'hi', max_tokens: 5 }), '(format)'],
		['an unknown CSV header', 'time,prompt_tokens,completion_tokens\n0,1,2', '(format)'],
		['malformed JSON on the first line', '{"timestamp": 0,', '(json)'],
		['a huge first line', HUGE, '(format)']
	])('refuses %s, listing the formats', (_name, text, field) => {
		const e = inputErrorOf(() => readTrace(text, 'what.txt'));
		expect([e.field, e.line]).toEqual([field, 1]);
		if (field === '(format)') for (const f of TRACE_FORMATS) expect(e.message).toContain(f.name);
		expect(e.message).not.toContain('x'.repeat(81));
	});
});

describe('the token limit', () => {
	it('refuses a trace past the limit before drawing its tokens, naming the line', () => {
		const text = jsonl(...Array.from({ length: 3 }, (_, i) => ({ timestamp: i, input_length: 400, output_length: 100 })));
		expect(readTrace(text, 't', { maxTokens: 1500 }).requests).toHaveLength(3);
		const e = inputErrorOf(() => readTrace(text, 't', { maxTokens: 1499 }));
		expect([e.field, e.line]).toEqual(['(trace)', 3]);
	});

	it('holds by default at MAX_TRACE_TOKENS, without allocating a billion-token prompt', () => {
		const e = inputErrorOf(() => readTrace(jsonl({ timestamp: 0, input_length: 1e9, output_length: 1 }), 't'));
		expect(e.message).toContain(MAX_TRACE_TOKENS.toLocaleString('en-US'));
	});
});

describe('the token limit in our JSONL', () => {
	it.each([
		['promptLen', { id: 'a', arrivalMs: 0, promptLen: 8, outputLen: 1 }],
		['promptTokens', { id: 'a', arrivalMs: 0, promptTokens: [1, 2, 3], outputLen: 5 }]
	])('refuses the line that crosses it (%s)', (_name, next) => {
		const text = jsonl({ id: 'z', arrivalMs: 0, promptLen: 4, outputLen: 1 }, next);
		expect(readTrace(text, 'ours.jsonl', { maxTokens: 20 }).requests).toHaveLength(2);
		const e = inputErrorOf(() => readTrace(text, 'ours.jsonl', { maxTokens: 10 }));
		expect([e.field, e.line]).toEqual(['(trace)', 2]);
		expect(e.message).toContain('more than 10 prompt + output tokens');
	});

	it('repeats at most 80 characters of a bad value', () => {
		for (const bad of [
			{ id: HUGE, arrivalMs: 0, promptLen: 1 },
			{ id: 'a', arrivalMs: HUGE, promptLen: 1, outputLen: 1 },
			{ id: 'a', arrivalMs: 0, promptLen: 1, outputLen: 1, [HUGE]: 1 }
		]) {
			const e = inputErrorOf(() => readTrace(jsonl(bad), 'ours.jsonl'));
			expect(e.message).not.toContain('x'.repeat(81));
		}
	});
});
