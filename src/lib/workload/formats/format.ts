/** A trace format: how to recognise it from its first line, and how to read it. */
import type { ParsedRows, RowOptions } from './rows';

export type TraceFormatId = 'pagedkv' | 'mooncake' | 'bailian' | 'azure' | 'burstgpt';

/** The first non-blank line, as detection sees it. */
export type TraceHead = { kind: 'json'; keys: string[] } | { kind: 'csv'; columns: string[] };

export interface TraceFormat {
	id: TraceFormatId;
	/** As the docs and the lab name it. */
	name: string;
	/** What its first line holds, for the error that lists the formats. */
	signature: string;
	/** Whether a file whose first line is `head` is in this format. */
	matches(head: TraceHead): boolean;
	/** Every request of the file; throws InputError naming the line and field. */
	parse(text: string, source: string, opts?: RowOptions): ParsedRows;
}
