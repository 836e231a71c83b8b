/**
 * Azure's LLM inference traces (Azure/AzurePublicDataset, AzureLLMInferenceTrace_*.csv):
 * `TIMESTAMP,ContextTokens,GeneratedTokens`, TIMESTAMP a date-time such as
 * `2023-11-16 18:15:46.6805900` (read as UTC; only the gaps matter). No prefix information:
 * every prompt gets its own random tokens.
 */
import { readCsv } from './csv';
import type { TraceFormat } from './format';
import { rowsToRequests, type TraceRow } from './rows';
import { cellNumber, clip, count, failer } from './text';

const COLUMNS = ['TIMESTAMP', 'ContextTokens', 'GeneratedTokens'];
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z?$/;

/** Milliseconds since the epoch of `YYYY-MM-DD hh:mm:ss[.fraction]`, or null. */
export function parseDateTimeMs(text: string): number | null {
	const m = DATE_TIME.exec(text.trim());
	if (!m) return null;
	const [, y, mo, d, h, mi, s, frac = ''] = m;
	const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
	// Date.UTC rolls 2023-02-30 over to March: refuse instead.
	if (new Date(ms).getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) return null;
	return ms + (frac ? Number(`0.${frac}`) * 1000 : 0);
}

export const AZURE: TraceFormat = {
	id: 'azure',
	name: 'Azure LLM inference CSV',
	signature: `CSV with header ${COLUMNS.join(',')}`,
	matches: (head) => head.kind === 'csv' && (head.columns.includes('TIMESTAMP') || head.columns.includes('ContextTokens')),
	parse(text, source, opts) {
		const table = readCsv(text, source, COLUMNS);
		const rows = table.rows.map(({ no, cells }, i): TraceRow => {
			const fail = failer(source, no);
			const timeMs = parseDateTimeMs(cells.TIMESTAMP);
			if (timeMs === null) fail('TIMESTAMP', `must be a date-time like 2023-11-16 18:15:46.6805900, got ${clip(cells.TIMESTAMP)}`);
			return {
				line: no,
				id: `r${i}`,
				timeMs: timeMs!,
				inputLength: count(cellNumber(cells.ContextTokens), 'ContextTokens', 1, fail),
				outputLength: count(cellNumber(cells.GeneratedTokens), 'GeneratedTokens', 0, fail)
			};
		});
		return rowsToRequests(rows, source, 1, opts);
	}
};
