/**
 * What `sim` and `compare` share: flags, loading the config and the requests (a trace or
 * a generated workload), the cost model, error reporting, and all-or-nothing file writes.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError, parseConfig, type EngineConfig } from '../src/lib/engine/config';
import { COST_MODELS, OPT_13B_A100, type CostModel } from '../src/lib/engine/cost-model';
import { resolveCostModel } from '../src/lib/fit/cost-spec';
import type { RequestSpec } from '../src/lib/workload/request';
import { readTrace, TRACE_FORMATS } from '../src/lib/workload/formats/detect';
import { generateWorkload, validateWorkload, type WorkloadSpec } from '../src/lib/workload/workload';
import { MAX_ECHO, shortValue } from '../src/lib/params/input-error';
import { checkRunTokens, MAX_RUN_TOKENS, runTokens } from '../src/lib/params/limits';
import type { Summary } from '../src/lib/engine/stats';

const CLI = 'command line';

/** Workload flags and the WorkloadSpec field each sets. */
const WORKLOAD_FLAGS = {
	requests: 'numRequests',
	rate: 'ratePerStep',
	'prompt-len': 'promptLen',
	'output-len': 'outputLen',
	'shared-prefix-len': 'sharedPrefixLen',
	'shared-prefix-fraction': 'sharedPrefixFraction',
	n: 'n',
	'beam-width': 'beamWidth',
	'max-len': 'maxLen',
	'vocab-size': 'vocabSize',
	seed: 'seed'
} as const satisfies Record<string, keyof WorkloadSpec>;

export const INPUT_HELP = `inputs:
  --config FILE            engine config JSON (every key optional; DESIGN.md §4)
  --trace FILE             requests: our JSONL, Mooncake or Qwen-Bailian JSONL, Azure or
                           BurstGPT CSV, detected from the first line (docs/traces.md)
  --workload PRESET        or generate them: fixed | sharegpt | alpaca
    --requests N --rate R  requests, mean arrivals per step (0: all at step 0)
    --arrivals poisson|even
    --prompt-len L --output-len L   (fixed only)
    --n N | --beam-width W
    --shared-prefix-len L --shared-prefix-fraction F
    --max-len L            prompt + output ≤ L (default: the config's maxModelLen)
    --vocab-size V --seed S (default: the config's seed)
  --cost-model NAME        ${Object.keys(COST_MODELS).join(' | ')} (default ${OPT_13B_A100.name}),
                           or a roofline: llama-3.1-8b_h100-80gb_tp1_wbf16_kvbf16 (docs/fit.md)`;

type Extra = Record<string, { type: 'string' | 'boolean' }>;

/** `--rate -1`: a negative number after a flag is that flag's value (node's parseArgs takes it for a flag). */
function joinNegativeValues(argv: string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const next = argv[i + 1];
		if (argv[i].startsWith('--') && !argv[i].includes('=') && next !== undefined && /^-\.?\d/.test(next))
			out.push(`${argv[i]}=${argv[++i]}`);
		else out.push(argv[i]);
	}
	return out;
}

/** Parse `argv` strictly; `inputs: false` leaves out the config/trace/workload flags (for tools that run no simulation). */
export function parseFlags<E extends Extra>(argv: string[], extra: E, { inputs = true } = {}) {
	const workloadFlags = Object.fromEntries(Object.keys(WORKLOAD_FLAGS).map((k) => [k, { type: 'string' as const }]));
	const inputFlags = inputs
		? {
				config: { type: 'string' },
				trace: { type: 'string' },
				workload: { type: 'string' },
				arrivals: { type: 'string' },
				'cost-model': { type: 'string' },
				...workloadFlags
			}
		: {};
	try {
		return parseArgs({
			args: joinNegativeValues(argv),
			strict: true,
			allowPositionals: false,
			options: { help: { type: 'boolean', short: 'h' }, ...(inputFlags as Extra), ...extra }
		}).values as Record<string, string | boolean | undefined>;
	} catch (e) {
		throw new InputError(CLI, '(flags)', (e as Error).message);
	}
}

export interface Inputs {
	config: EngineConfig;
	requests: RequestSpec[];
	costModel: CostModel;
	/** Where the requests came from, for the printed summary. */
	describe: string;
}

export function loadInputs(flags: Record<string, string | boolean | undefined>): Inputs {
	const config = loadConfig(flags.config as string | undefined);
	const costName = (flags['cost-model'] as string | undefined) ?? OPT_13B_A100.name;
	const costModel = resolveCostModel(costName);
	if (!costModel)
		throw new InputError(
			CLI,
			'--cost-model',
			`must be one of ${Object.keys(COST_MODELS).join(', ')} or a roofline <model>_<gpu>_tp<N>_w<dtype>_kv<dtype> (see npm run fit), got ${shortValue(costName)}`
		);

	const trace = flags.trace as string | undefined;
	const preset = flags.workload as string | undefined;
	if (trace !== undefined && preset !== undefined) throw new InputError(CLI, '--trace', 'give --trace or --workload, not both');
	if (trace === undefined && preset === undefined) throw new InputError(CLI, '--trace', 'missing (or generate requests with --workload)');
	if (trace !== undefined) {
		for (const flag of [...Object.keys(WORKLOAD_FLAGS), 'arrivals'])
			if (flags[flag] !== undefined) throw new InputError(CLI, `--${flag}`, 'only applies with --workload');
		const parsed = readTrace(readInput(trace), trace);
		checkRunTokens(runTokens(parsed.requests), MAX_RUN_TOKENS, trace);
		const format = TRACE_FORMATS.find((f) => f.id === parsed.format)!.name;
		const skipped = parsed.skipped ? `, ${parsed.skipped} failed request${parsed.skipped === 1 ? '' : 's'} skipped` : '';
		return { config, costModel, requests: parsed.requests, describe: `${trace} (${format}${skipped})` };
	}
	const spec = workloadSpec(flags, config);
	return { config, costModel, requests: asFlagError(() => generateWorkload(spec, { source: CLI })), describe: describeWorkload(spec) };
}

function loadConfig(path: string | undefined): EngineConfig {
	if (path === undefined) return parseConfig({}, '(default config)');
	// A byte-order mark is how some editors start UTF-8; JSON.parse takes CRLF as whitespace.
	const text = readInput(path).replace(/^\uFEFF/, '');
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (e) {
		// V8 quotes the text in its message: keep it short.
		throw new InputError(path, '(json)', `malformed JSON: ${(e as Error).message.slice(0, MAX_ECHO)}`);
	}
	try {
		return parseConfig(raw, path);
	} catch (e) {
		if (!(e instanceof InputError)) throw e;
		// Point at the line of the offending key.
		const at = text.indexOf(JSON.stringify(e.field));
		const line = at < 0 ? undefined : text.slice(0, at).split('\n').length;
		throw new InputError(path, e.field, e.message.slice(`${path}: ${e.field}: `.length), line);
	}
}

function workloadSpec(flags: Record<string, string | boolean | undefined>, config: EngineConfig): WorkloadSpec {
	const raw: Record<string, unknown> = { preset: flags.workload, maxLen: config.maxModelLen, seed: config.seed };
	if (flags.arrivals !== undefined) raw.arrivals = flags.arrivals;
	for (const [flag, field] of Object.entries(WORKLOAD_FLAGS)) {
		const v = flags[flag];
		if (v === undefined) continue;
		const num = Number(v);
		if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(num))
			throw new InputError(CLI, `--${flag}`, `must be a number, got ${shortValue(v)}`);
		raw[field] = num;
	}
	return asFlagError(() => validateWorkload(raw as Partial<WorkloadSpec>, CLI));
}

/** Run `f`, renaming a workload field in its InputError to the flag that sets it. */
function asFlagError<T>(f: () => T): T {
	try {
		return f();
	} catch (e) {
		if (!(e instanceof InputError)) throw e;
		const flag = Object.entries(WORKLOAD_FLAGS).find(([, f]) => f === e.field)?.[0] ?? (e.field === 'preset' ? 'workload' : e.field);
		throw new InputError(CLI, `--${flag}`, e.message.slice(`${CLI}: ${e.field}: `.length));
	}
}

function describeWorkload(s: WorkloadSpec): string {
	const parts = [
		`${s.preset} workload`,
		`${s.numRequests} requests`,
		s.ratePerStep > 0 ? `${s.ratePerStep}/step (${s.arrivals})` : 'all at step 0'
	];
	if (s.preset === 'fixed') parts.push(`prompt ${s.promptLen}, output ${s.outputLen}`);
	if (s.n > 1) parts.push(`n=${s.n}`);
	if (s.beamWidth > 1) parts.push(`beam ${s.beamWidth}`);
	if (s.sharedPrefixFraction > 0) parts.push(`${s.sharedPrefixLen}-token prefix on ${s.sharedPrefixFraction * 100}%`);
	parts.push(`seed ${s.seed}`);
	return parts.join(', ');
}

function readInput(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (e) {
		throw new InputError(path, '(file)', `can’t read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
	}
}

/** Temporaries not yet committed: removed if the run fails or is interrupted. */
const unfinished = new Set<PendingFile>();

/**
 * A file written beside its destination under a temporary name and renamed into place
 * only by `commit`, so a failed or interrupted run leaves nothing behind. Created before
 * the run, so a path that can't be written (a directory, a missing or read-only folder)
 * is named before any output exists.
 */
export class PendingFile {
	readonly tmp: string;
	private fd: number;
	private chunk = '';

	constructor(readonly path: string) {
		this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
		if (isDirectory(path)) throw new InputError(path, '(file)', 'is a directory; give a file name for the output');
		try {
			this.fd = openSync(this.tmp, 'w');
		} catch (e) {
			throw new InputError(path, '(file)', `can’t write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
		}
		unfinished.add(this);
	}

	write(s: string): void {
		this.chunk += s;
		if (this.chunk.length > 1 << 20) this.flush();
	}

	commit(): void {
		this.flush();
		closeSync(this.fd);
		this.fd = -1;
		try {
			renameSync(this.tmp, this.path);
		} catch (e) {
			throw new InputError(this.path, '(file)', `can’t write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
		}
		unfinished.delete(this);
	}

	discard(): void {
		if (this.fd >= 0) closeSync(this.fd);
		this.fd = -1;
		if (existsSync(this.tmp)) rmSync(this.tmp);
		unfinished.delete(this);
	}

	private flush(): void {
		if (this.chunk) writeSync(this.fd, this.chunk);
		this.chunk = '';
	}
}

function isDirectory(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}

/**
 * Run `main`; bad input prints `error: <file>:<line>: <field>: <message>` and exits 1, any
 * other failure one line (no stack; DEBUG=1 shows it) and exits 2. Ctrl-C or SIGTERM
 * removes every temporary first (exit 130 or 143): long runs yield now and then (`runEngine`) so the signal is heard.
 */
export function runCli(main: () => void | Promise<void>, cleanup: () => void): void {
	const fail = (e: unknown) => {
		cleanup();
		for (const f of unfinished) f.discard();
		if (e instanceof InputError) console.error(`error: ${e.message}`);
		else
			console.error(`error: internal: ${process.env.DEBUG ? ((e as Error).stack ?? e) : String((e as Error).message ?? e).split('\n')[0]}`);
		process.exit(e instanceof InputError ? 1 : 2);
	};
	for (const [signal, code] of [
		['SIGINT', 130],
		['SIGTERM', 143]
	] as const)
		process.on(signal, () => {
			cleanup();
			for (const f of unfinished) f.discard();
			console.error(`error: interrupted (${signal}); no output written`);
			process.exit(code);
		});
	try {
		const done = main();
		if (done) done.catch(fail);
	} catch (e) {
		fail(e);
	}
}

/**
 * Step an engine to the end, yielding to the event loop every 10 ms so a signal is heard:
 * tsx, which runs our scripts, forwards Ctrl-C and kills its child outright if the child
 * hasn't answered within 30 ms.
 */
export async function runEngine(engine: { step(): boolean; summary(): Summary }): Promise<Summary> {
	let last = performance.now();
	while (engine.step()) {
		if (performance.now() - last < 10) continue;
		await new Promise((r) => setImmediate(r));
		last = performance.now();
	}
	return engine.summary();
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
export const num = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
