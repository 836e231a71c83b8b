/** Rows to CSV (RFC 4180 quoting) and to a fixed-width text table. */
import type { Cell, Row } from '../experiments/types';

function csvCell(c: Cell | undefined): string {
	if (c === undefined) return '';
	const s = typeof c === 'number' ? formatNumber(c) : c;
	return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Numbers with up to 6 significant decimals, no exponent noise for ordinary values. */
function formatNumber(x: number): string {
	if (!Number.isFinite(x)) return String(x);
	if (Number.isInteger(x)) return String(x);
	return String(Number(x.toPrecision(6)));
}

export function toCsv(columns: string[], rows: Row[]): string {
	return [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}

/** Display formatting: fractions of 1 in `*Pct` columns as percentages, others rounded. */
export function displayCell(column: string, c: Cell | undefined): string {
	if (c === undefined) return '';
	if (typeof c === 'string') return c;
	if (/pct$/i.test(column)) return `${(c * 100).toFixed(1)}%`;
	if (Number.isInteger(c)) return c.toLocaleString('en-US');
	return c.toLocaleString('en-US', { maximumFractionDigits: Math.abs(c) < 10 ? 3 : 1 });
}

export function toTextTable(columns: string[], rows: Row[]): string {
	const cells = rows.map((r) => columns.map((c) => displayCell(c, r[c])));
	const widths = columns.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
	const fmt = (r: string[]) => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
	return [fmt(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(fmt)].join('\n');
}

export function toMarkdownTable(columns: string[], rows: Row[]): string {
	const cells = rows.map((r) => columns.map((c) => displayCell(c, r[c])));
	return [
		`| ${columns.join(' | ')} |`,
		`|${columns.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
		...cells.map((r) => `| ${r.join(' | ')} |`)
	].join('\n');
}
