/**
 * docs/limits.md's tables are the schema's: generated here, compared with the file
 * (UPDATE_DOCS=1 rewrites the part between the markers).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_PARAMS, WORKLOAD_PARAMS, type Param } from '../../src/lib/params/schema';
import { MAX_PAGE_TOKENS, MAX_RUN_TOKENS, MAX_TOKEN_ID } from '../../src/lib/params/limits';

const FILE = new URL('../../docs/limits.md', import.meta.url);
const BEGIN = '<!-- limits:begin (generated from src/lib/params/schema.ts by tests/hostile/limits-doc.test.ts) -->';
const END = '<!-- limits:end -->';
const n = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : String(x));

function range(p: Param): string {
	if (p.kind === 'bool') return 'true / false';
	if (p.kind === 'enum') return p.values.map((v) => `\`${v}\``).join(', ');
	return `${n(p.min)} – ${n(p.max)}${p.kind === 'num' ? '' : ', integer'}`;
}

function table(title: string, params: Record<string, Param>): string {
	const rows = Object.entries(params).map(([k, p]) => {
		const why = p.kind === 'int' || p.kind === 'num' ? p.why : '';
		return `| \`${k}\` | ${p.url ? `\`${p.url}\`` : '–'} | ${range(p)} | ${String(p.default)} | ${p.doc} | ${why} |`;
	});
	return [
		`### ${title}`,
		'',
		'| field | URL key | range | default | meaning | why the maximum |',
		'|---|---|---|---|---|---|',
		...rows
	].join('\n');
}

function generated(): string {
	return [
		BEGIN,
		table('Engine config (`cfg.json`, the lab’s engine controls)', CONFIG_PARAMS),
		'',
		table('Workload (`--workload` flags, the lab’s workload controls)', WORKLOAD_PARAMS),
		'',
		'### Whole runs',
		'',
		'| limit | value | why |',
		'|---|---|---|',
		`| token ids (traces) | 0 – ${n(MAX_TOKEN_ID)} | 31-bit everywhere: traces, the prefix-cache hash, typed arrays |`,
		`| prompt + output tokens × samples of a run (CLI) | ${n(MAX_RUN_TOKENS)} | a run holds every token id of every sequence in memory (~16 bytes each) |`,
		`| the same, on a page (generated or imported) | ${n(MAX_PAGE_TOKENS)} | a tab has far less memory than Node; use \`npm run sim\` beyond it |`,
		END
	].join('\n');
}

describe('docs/limits.md', () => {
	it('holds the schema’s tables', () => {
		const text = readFileSync(FILE, 'utf8');
		const [before, rest] = text.split(BEGIN);
		const after = rest?.split(END)[1];
		expect(after, 'markers present').toBeDefined();
		if (process.env.UPDATE_DOCS) writeFileSync(FILE, before + generated() + after);
		else expect(BEGIN + rest.split(END)[0] + END).toBe(generated());
	});
});
