/**
 * Which format a trace file is in, from its first non-blank line: a JSON object's keys or
 * a CSV header's columns. Nothing matching is an error that lists what would have.
 */
import { InputError } from '../../params/input-error';
import type { RequestSpec } from '../request';
import { AZURE } from './azure';
import { BAILIAN } from './bailian';
import { BURSTGPT } from './burstgpt';
import { splitCsvLine } from './csv';
import type { TraceFormat, TraceFormatId, TraceHead } from './format';
import { MOONCAKE } from './mooncake';
import { PAGEDKV } from './pagedkv';
import type { RowOptions } from './rows';
import { clip, MAX_ECHO, splitLines } from './text';

/** In detection order: Bailian before Mooncake (Bailian lines hold Mooncake's keys too). */
export const TRACE_FORMATS: readonly TraceFormat[] = [BAILIAN, MOONCAKE, PAGEDKV, AZURE, BURSTGPT];

export interface ParsedTrace {
	format: TraceFormatId;
	requests: RequestSpec[];
	/** Rows dropped as failed requests (no output tokens). */
	skipped: number;
}

export function detectTraceFormat(text: string, source: string): TraceFormat | null {
	const first = splitLines(text)[0];
	if (!first) return null;
	let head: TraceHead;
	if (first.text.startsWith('{')) {
		let raw: unknown;
		try {
			raw = JSON.parse(first.text);
		} catch (e) {
			throw new InputError(source, '(json)', `malformed JSON: ${(e as Error).message.slice(0, MAX_ECHO)}`, first.no);
		}
		head = { kind: 'json', keys: raw && typeof raw === 'object' ? Object.keys(raw) : [] };
	} else head = { kind: 'csv', columns: splitCsvLine(first.text) };
	const format = TRACE_FORMATS.find((f) => f.matches(head));
	if (!format)
		throw new InputError(
			source,
			'(format)',
			`${clip(first.text)} is not the first line of a trace format I read. Expected one of:\n${TRACE_FORMATS.map((f) => `  ${f.name}: ${f.signature}`).join('\n')}`,
			first.no
		);
	return format;
}

/** Detect the format and read every request (an empty file is an empty trace). */
export function readTrace(text: string, source: string, opts: RowOptions = {}): ParsedTrace {
	const format = detectTraceFormat(text, source);
	if (!format) return { format: 'pagedkv', requests: [], skipped: 0 };
	const { requests, skipped } = format.parse(text, source, opts);
	return { format: format.id, requests, skipped };
}
