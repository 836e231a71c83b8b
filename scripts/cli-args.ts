/**
 * What `sim` and `compare` share: flags, loading the config and the requests (a trace or
 * a generated workload), the cost model, error reporting, and all-or-nothing file writes.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError, parseConfig, type EngineConfig } from '../src/lib/engine/config';
import { COST_MODELS, OPT_13B_A100, type CostModel } from '../src/lib/engine/cost-model';
import { resolveCostModel } from '../src/lib/fit/cost-spec';
import type { RequestSpec } from '../src/lib/workload/request';
import { readTrace, TRACE_FORMATS } from '../src/lib/workload/formats/detect';
import { generateWorkload, validateWorkload, type WorkloadSpec } from '../src/lib/workload/workload';

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
    --requests N --rate R  requests, mean arrivals per step (≤ 0: all at step 0)
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
		if (argv[i].startsWith('--') && !argv[i].includes('=') && next !== undefined && /^-\.?\d/.test(next)) out.push(`${argv[i]}=${argv[++i]}`);
		else out.push(argv[i]);
	}
	return out;
}

/** Parse `argv` strictly; `inputs: false` leaves out the config/trace/workload flags (for tools that run no simulation). */
export function parseFlags<E extends Extra>(argv: string[], extra: E, { inputs = true } = {}) {
	const workloadFlags = Object.fromEntries(Object.keys(WORKLOAD_FLAGS).map((k) => [k, { type: 'string' as const }]));
	const inputFlags = inputs
		? { config: { type: 'string' }, trace: { type: 'string' }, workload: { type: 'string' }, arrivals: { type: 'string' }, 'cost-model': { type: 'string' }, ...workloadFlags }
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
		throw new InputError(CLI, '--cost-model', `must be one of ${Object.keys(COST_MODELS).join(', ')} or a roofline <model>_<gpu>_tp<N>_w<dtype>_kv<dtype> (see npm run fit), got ${JSON.stringify(costName)}`);

	const trace = flags.trace as string | undefined;
	const preset = flags.workload as string | undefined;
	if (trace !== undefined && preset !== undefined) throw new InputError(CLI, '--trace', 'give --trace or --workload, not both');
	if (trace === undefined && preset === undefined) throw new InputError(CLI, '--trace', 'missing (or generate requests with --workload)');
	if (trace !== undefined) {
		for (const flag of [...Object.keys(WORKLOAD_FLAGS), 'arrivals'])
			if (flags[flag] !== undefined) throw new InputError(CLI, `--${flag}`, 'only applies with --workload');
		const parsed = readTrace(readInput(trace), trace);
		const format = TRACE_FORMATS.find((f) => f.id === parsed.format)!.name;
		const skipped = parsed.skipped ? `, ${parsed.skipped} failed request${parsed.skipped === 1 ? '' : 's'} skipped` : '';
		return { config, costModel, requests: parsed.requests, describe: `${trace} (${format}${skipped})` };
	}
	const spec = workloadSpec(flags, config);
	return { config, costModel, requests: generateWorkload(spec), describe: describeWorkload(spec) };
}

function loadConfig(path: string | undefined): EngineConfig {
	if (path === undefined) return parseConfig({}, '(default config)');
	const text = readInput(path);
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (e) {
		throw new InputError(path, '(json)', `malformed JSON: ${(e as Error).message}`);
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
		if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(num)) throw new InputError(CLI, `--${flag}`, `must be a number, got ${JSON.stringify(v)}`);
		raw[field] = num;
	}
	try {
		return validateWorkload(raw as Partial<WorkloadSpec>, CLI);
	} catch (e) {
		if (!(e instanceof InputError)) throw e;
		const flag = Object.entries(WORKLOAD_FLAGS).find(([, f]) => f === e.field)?.[0] ?? (e.field === 'preset' ? 'workload' : e.field);
		throw new InputError(CLI, `--${flag}`, e.message.slice(`${CLI}: ${e.field}: `.length));
	}
}

function describeWorkload(s: WorkloadSpec): string {
	const parts = [`${s.preset} workload`, `${s.numRequests} requests`, s.ratePerStep > 0 ? `${s.ratePerStep}/step (${s.arrivals})` : 'all at step 0'];
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

/**
 * A file written beside its destination under a temporary name and renamed into place
 * only by `commit`, so a failed run leaves nothing behind.
 */
export class PendingFile {
	readonly tmp: string;
	private fd: number;
	private chunk = '';

	constructor(readonly path: string) {
		this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
		try {
			this.fd = openSync(this.tmp, 'w');
		} catch (e) {
			throw new InputError(path, '(file)', `can’t write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
		}
	}

	write(s: string): void {
		this.chunk += s;
		if (this.chunk.length > 1 << 20) this.flush();
	}

	commit(): void {
		this.flush();
		closeSync(this.fd);
		this.fd = -1;
		renameSync(this.tmp, this.path);
	}

	discard(): void {
		if (this.fd >= 0) closeSync(this.fd);
		this.fd = -1;
		if (existsSync(this.tmp)) rmSync(this.tmp);
	}

	private flush(): void {
		if (this.chunk) writeSync(this.fd, this.chunk);
		this.chunk = '';
	}
}

/** Run `main`; bad input prints `error: <file>:<line>: <field>: <message>` and exits 1. */
export function runCli(main: () => void, cleanup: () => void): void {
	try {
		main();
	} catch (e) {
		cleanup();
		if (e instanceof InputError) {
			console.error(`error: ${e.message}`);
			process.exit(1);
		}
		console.error(`error: internal: ${(e as Error).stack ?? e}`);
		process.exit(2);
	}
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
export const num = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
