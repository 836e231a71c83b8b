/**
 * Paged vs the contiguous Orca baselines on one workload, side by side:
 *   npm run compare -- --config cfg.json (--trace trace.jsonl | --workload sharegpt --requests 1000 --rate 2)
 * `--summary FILE` also writes the four summaries as one JSON object keyed by allocator.
 */
import { ALLOCATORS } from '../src/lib/engine/config';
import { Engine } from '../src/lib/engine/engine';
import type { Summary } from '../src/lib/engine/stats';
import { INPUT_HELP, loadInputs, num, parseFlags, PendingFile, pct, runCli, runEngine } from './cli-args';

const HELP = `usage: npm run compare -- (--trace FILE | --workload PRESET ...) [--config FILE] [--summary FILE]
Runs ${ALLOCATORS.join(', ')} on the same requests (the config's allocator is ignored).
  --summary FILE    write the four summaries as JSON
${INPUT_HELP}`;

const ROWS: [label: string, cell: (s: Summary) => string][] = [
	['token states', (s) => pct(s.memory.tokenStates)],
	['reserved', (s) => pct(s.memory.reserved)],
	['internal frag', (s) => pct(s.memory.internalFragmentation)],
	['external frag', (s) => pct(s.memory.externalFragmentation)],
	['free', (s) => pct(s.memory.free)],
	['avg batch (seqs)', (s) => num(s.avgBatchSize)],
	['preemptions', (s) => String(s.preemptions)],
	['throughput (tok/s)', (s) => num(s.throughputTokensPerSec, 0)],
	['TTFT p50 (ms)', (s) => num(s.ttftMs.p50, 0)],
	['norm. latency (ms/tok)', (s) => num(s.normalizedLatencyMsPerToken.mean)],
	['steps', (s) => String(s.steps)],
	['finished', (s) => String(s.finished)],
	['rejected', (s) => String(s.rejected)]
];

let pending: PendingFile | null = null;

runCli(main, () => pending?.discard());

async function main(): Promise<void> {
	const flags = parseFlags(process.argv.slice(2), { summary: { type: 'string' } });
	if (flags.help) {
		console.log(HELP);
		return;
	}
	const { config, requests, costModel, describe } = loadInputs(flags);
	if (flags.summary !== undefined) pending = new PendingFile(flags.summary as string);
	const summaries: Summary[] = [];
	for (const allocator of ALLOCATORS) summaries.push(await runEngine(new Engine({ ...config, allocator }, requests, { costModel })));
	pending?.write(JSON.stringify(Object.fromEntries(summaries.map((s) => [s.allocator, s])), null, 2) + '\n');
	pending?.commit();
	console.log(
		`${describe}; ${config.numGpuBlocks} blocks of ${config.blockSize}, max ${config.maxNumSeqs} seqs, ${config.maxNumBatchedTokens} batched tokens, ${costModel.name}\n`
	);
	console.log(
		table(
			['', ...summaries.map((s) => s.allocator)],
			ROWS.map(([label, cell]) => [label, ...summaries.map(cell)])
		)
	);
	if (pending) console.log(`\nwrote ${pending.path}`);
}

function table(head: string[], rows: string[][]): string {
	const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
	const fmt = (r: string[]) => r.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ');
	return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}
