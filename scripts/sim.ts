/**
 * The simulator CLI (DESIGN.md §4):
 *   npm run sim -- --config cfg.json --trace trace.jsonl [--events events.jsonl] [--summary summary.json]
 *   npm run sim -- --config cfg.json --workload sharegpt --requests 1000 --rate 2
 * Without --events, events are only counted. Output files appear whole or not at all.
 */
import { Engine } from '../src/lib/engine/engine';
import { EventLog } from '../src/lib/events/event-log';
import { InputError } from '../src/lib/engine/config';
import { ALLOCATORS, type AllocatorKind } from '../src/lib/engine/config';
import type { Summary } from '../src/lib/engine/stats';
import { kvCacheTokens, maxConcurrency, startupLines } from '../src/lib/engine/vllm-metrics';
import { INPUT_HELP, loadInputs, num, parseFlags, PendingFile, pct, runCli, runEngine } from './cli-args';

const HELP = `usage: npm run sim -- (--trace FILE | --workload PRESET ...) [--config FILE]
                      [--events FILE] [--summary FILE] [--allocator KIND]
  --events FILE     write every event as JSONL (otherwise events are only counted)
  --summary FILE    write the run's summary as JSON
  --allocator KIND  override the config's allocator: ${ALLOCATORS.join(' | ')}
${INPUT_HELP}`;

const pending: PendingFile[] = [];

runCli(main, () => {
	for (const f of pending) f.discard();
});

async function main(): Promise<void> {
	const flags = parseFlags(process.argv.slice(2), {
		events: { type: 'string' },
		summary: { type: 'string' },
		allocator: { type: 'string' }
	});
	if (flags.help) {
		console.log(HELP);
		return;
	}
	const { config, requests, costModel, describe } = loadInputs(flags);
	if (flags.allocator !== undefined) {
		if (!ALLOCATORS.includes(flags.allocator as AllocatorKind))
			throw new InputError(
				'command line',
				'--allocator',
				`must be one of ${ALLOCATORS.join(', ')}, got ${JSON.stringify(flags.allocator)}`
			);
		config.allocator = flags.allocator as AllocatorKind;
	}
	const eventsFile = flags.events === undefined ? null : new PendingFile(flags.events as string);
	if (eventsFile) pending.push(eventsFile);
	const summaryFile = flags.summary === undefined ? null : new PendingFile(flags.summary as string);
	if (summaryFile) pending.push(summaryFile);

	// What vLLM prints at start-up for this pool (full attention).
	const kvTokens = kvCacheTokens(config.numGpuBlocks, config.blockSize);
	for (const line of startupLines(kvTokens, config.maxModelLen, maxConcurrency(config.numGpuBlocks, config.blockSize, config.maxModelLen)))
		console.log(`INFO ${line}`);
	const t0 = performance.now();
	// Events streamed to the file, or only counted.
	const log = new EventLog(false, eventsFile ? (e) => eventsFile.write(JSON.stringify(e) + '\n') : undefined);
	const summary: Summary = await runEngine(new Engine(config, requests, { sink: log, costModel }));
	const wallMs = performance.now() - t0;

	summaryFile?.write(JSON.stringify(summary, null, 2) + '\n');
	eventsFile?.commit();
	summaryFile?.commit();
	printSummary(summary, describe, wallMs, [eventsFile?.path, summaryFile?.path]);
}

function printSummary(s: Summary, describe: string, wallMs: number, files: (string | undefined)[]): void {
	const m = s.memory;
	const lines = [
		`${s.allocator} on ${describe} (${s.costModel}, ${s.executor} executor)`,
		`  requests   ${s.finished} finished, ${s.rejected} rejected of ${s.requests}`,
		`  steps      ${s.steps}, avg batch ${num(s.avgBatchSize)} seqs, ${s.preemptions} preemptions, peak ${s.peakGpuBlocksUsed} GPU blocks`,
		`  memory     token states ${pct(m.tokenStates)}, reserved ${pct(m.reserved)}, internal frag ${pct(m.internalFragmentation)}, external frag ${pct(m.externalFragmentation)}, free ${pct(m.free)}`,
		`  prefix     ${s.prefixHitTokens} cached tokens hit`,
		`  vLLM       kv_cache_usage mean ${pct(s.kvCacheUsage.mean)}, peak ${pct(s.kvCacheUsage.peak)}; prefix cache ${s.prefixCacheHits} hits of ${s.prefixCacheQueries} queried tokens (${pct(s.prefixCacheQueries ? s.prefixCacheHits / s.prefixCacheQueries : 0)}); num_preemptions ${s.preemptions}`,
		`  time       ${num(s.simulatedMs / 1000, 2)} s simulated, ${num(s.throughputTokensPerSec)} tokens/s`,
		`  latency    TTFT p50 ${num(s.ttftMs.p50)} ms, p99 ${num(s.ttftMs.p99)} ms; TPOT p50 ${num(s.tpotMs.p50)} ms`,
		`  events     ${s.events} (${num(wallMs / 1000, 2)} s wall)`
	];
	for (const f of files) if (f) lines.push(`  wrote      ${f}`);
	console.log(lines.join('\n'));
}
