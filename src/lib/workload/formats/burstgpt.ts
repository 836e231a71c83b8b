/**
 * BurstGPT (HPMLL/BurstGPT): CSV `Timestamp,Session ID,Elapsed time,Model,Request tokens,
 * Response tokens,Total tokens,Log Type`, Timestamp in seconds from the trace's start (the
 * v1.1 release has no Session ID or Elapsed time; both headers read). Rows with 0 response
 * tokens are the trace's failed requests and are skipped. No prefix information.
 */
import { readCsv } from './csv';
import type { TraceFormat } from './format';
import { rowsToRequests, type TraceRow } from './rows';
import { cellNumber, count, failer, nonNegative } from './text';

const REQUIRED = ['Timestamp', 'Request tokens', 'Response tokens'];
/** Read for the header check only: sessions and models don't change the KV cache here. */
const OPTIONAL = ['Session ID', 'Elapsed time', 'Model', 'Total tokens', 'Log Type'];

export const BURSTGPT: TraceFormat = {
	id: 'burstgpt',
	name: 'BurstGPT CSV',
	signature: 'CSV with header Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type',
	matches: (head) => head.kind === 'csv' && (head.columns.includes('Request tokens') || head.columns.includes('Response tokens')),
	parse(text, source, opts) {
		const table = readCsv(text, source, REQUIRED, OPTIONAL);
		const rows = table.rows.map(({ no, cells }, i): TraceRow => {
			const fail = failer(source, no);
			return {
				line: no,
				id: `r${i}`,
				timeMs: nonNegative(cellNumber(cells.Timestamp), 'Timestamp', fail) * 1000,
				inputLength: count(cellNumber(cells['Request tokens']), 'Request tokens', 1, fail),
				outputLength: count(cellNumber(cells['Response tokens']), 'Response tokens', 0, fail)
			};
		});
		return rowsToRequests(rows, source, 1, opts);
	}
};
