/**
 * The CSV the public traces use: a header row naming the columns, then one request per
 * row. Quoted cells ("a, b" and "" for a quote) are read; a cell never spans lines.
 */
import { clipName, failer, splitLines, type Line } from './text';

export interface CsvRow {
	no: number;
	/** Cells by column name. */
	cells: Record<string, string>;
}

export interface CsvTable {
	header: string[];
	rows: CsvRow[];
}

/** Split one line into cells. */
export function splitCsvLine(text: string): string[] {
	const cells: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') ((cell += '"'), i++);
			else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') (cells.push(cell.trim()), (cell = ''));
		else cell += c;
	}
	cells.push(cell.trim());
	return cells;
}

/**
 * Read a table whose header must hold every `required` column and nothing outside
 * `required` + `optional`. Each error names the column (or `(row)` for a short row).
 */
export function readCsv(text: string, source: string, required: readonly string[], optional: readonly string[] = []): CsvTable {
	const lines = splitLines(text);
	if (lines.length === 0) return { header: [], rows: [] };
	const head: Line = lines[0];
	const header = splitCsvLine(head.text);
	const fail = failer(source, head.no);
	const known = [...required, ...optional];
	for (const col of header) if (!known.includes(col)) fail(clipName(col), `unknown column (known: ${known.join(', ')})`);
	for (const col of required) if (!header.includes(col)) fail(col, 'missing column');
	const seen = new Set<string>();
	for (const col of header) {
		if (seen.has(col)) fail(col, 'column given twice');
		seen.add(col);
	}
	const rows: CsvRow[] = [];
	for (const line of lines.slice(1)) {
		const cells = splitCsvLine(line.text);
		if (cells.length !== header.length)
			failer(source, line.no)('(row)', `has ${cells.length} cells, the header has ${header.length} columns`);
		rows.push({ no: line.no, cells: Object.fromEntries(header.map((c, i) => [c, cells[i]])) });
	}
	return { header, rows };
}
