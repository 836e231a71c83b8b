/**
 * "Will it fit?" on the command line: how vLLM would size the KV cache for a model on a GPU.
 *   npm run fit -- --model llama-3.1-8b --gpu h100-80gb [--tp 2] [--kv-dtype fp8] [--json]
 * Prints the lines vLLM logs at start-up ("GPU KV cache size", "Maximum concurrency"), or
 * with --json the numbers and the memory terms. Bad input: exit 1 with the flag named.
 */
import { InputError } from '../src/lib/engine/config';
import { formatCostSpec } from '../src/lib/fit/cost-spec';
import { GPU_IDS } from '../src/lib/fit/gpus';
import { BLOCK_SIZES, DTYPES } from '../src/lib/fit/kv-sizing';
import { GiB } from '../src/lib/fit/memory-budget';
import { MODEL_IDS, attentionLabel } from '../src/lib/fit/models';
import { fixed2, planFit, type FitReport, type FitRequest } from '../src/lib/fit/plan';
import { parseFlags, runCli } from './cli-args';

const HELP = `usage: npm run fit -- --model ID --gpu ID [--tp N] [--kv-dtype D] [--weight-dtype D]
                      [--gpu-memory-utilization F | --kv-cache-memory BYTES]
                      [--max-model-len L] [--block-size B] [--json]
  --model ID                   ${MODEL_IDS.join(' | ')}
  --gpu ID                     ${GPU_IDS.join(' | ')}
  --tp N                       tensor parallel size (default 1)
  --kv-dtype D                 ${DTYPES.join(' | ')} (default bf16)
  --weight-dtype D             ${DTYPES.join(' | ')} (default: the checkpoint's)
  --gpu-memory-utilization F   fraction of each GPU vLLM may use (default 0.9)
  --kv-cache-memory BYTES      KV cache per GPU instead (e.g. 17179869184 or 16GiB)
  --max-model-len L            default: the model's max_position_embeddings
  --block-size B               ${BLOCK_SIZES.join(' | ')} (default 16)
  --max-num-batched-tokens N   default: vLLM's for the GPU (8192 on ≥ 70 GiB but A100, else 2048)
  --max-num-seqs N             default: vLLM's for the GPU (1024 or 256)
  --weights-memory BYTES --activation-memory BYTES --overhead-memory BYTES
                               replace our estimate of a memory term (per GPU)
  --json                       the numbers as JSON`;

const CLI = 'command line';

/** Flags and the FitRequest field each sets, with how to read the value. */
const FLAGS = {
	tp: ['tp', 'int'],
	'kv-dtype': ['kvDtype', 'str'],
	'weight-dtype': ['weightDtype', 'str'],
	'gpu-memory-utilization': ['gpuMemoryUtilization', 'num'],
	'kv-cache-memory': ['kvCacheMemory', 'bytes'],
	'max-model-len': ['maxModelLen', 'int'],
	'block-size': ['blockSize', 'int'],
	'max-num-batched-tokens': ['maxNumBatchedTokens', 'int'],
	'max-num-seqs': ['maxNumSeqs', 'int'],
	'weights-memory': ['weightsBytes', 'bytes'],
	'activation-memory': ['activationBytes', 'bytes'],
	'overhead-memory': ['overheadBytes', 'bytes']
} as const satisfies Record<string, [keyof FitRequest, 'int' | 'num' | 'bytes' | 'str']>;

const UNITS: Record<string, number> = {
	'': 1,
	k: 1e3,
	kb: 1e3,
	kib: 2 ** 10,
	m: 1e6,
	mb: 1e6,
	mib: 2 ** 20,
	g: 1e9,
	gb: 1e9,
	gib: 2 ** 30
};

function readValue(flag: string, raw: string, kind: 'int' | 'num' | 'bytes' | 'str'): number | string {
	if (kind === 'str') return raw;
	const m = kind === 'bytes' ? /^\s*(-?[\d.e+]+)\s*([a-z]*)\s*$/i.exec(raw) : null;
	const x = m ? Number(m[1]) * (UNITS[m[2].toLowerCase()] ?? NaN) : Number(raw);
	if (raw.trim() === '' || !Number.isFinite(x))
		throw new InputError(
			CLI,
			`--${flag}`,
			`must be a number${kind === 'bytes' ? ' of bytes (or with KiB, MiB, GiB, GB)' : ''}, got ${JSON.stringify(raw)}`
		);
	return kind === 'bytes' ? Math.floor(x) : x;
}

function main(): void {
	const extra = Object.fromEntries([...Object.keys(FLAGS), 'model', 'gpu'].map((k) => [k, { type: 'string' as const }]));
	const flags = parseFlags(process.argv.slice(2), { ...extra, json: { type: 'boolean' } }, { inputs: false });
	if (flags.help) return console.log(HELP);
	if (flags.model === undefined) throw new InputError(CLI, '--model', `missing; known: ${MODEL_IDS.join(', ')}`);
	if (flags.gpu === undefined) throw new InputError(CLI, '--gpu', `missing; known: ${GPU_IDS.join(', ')}`);
	if (flags['gpu-memory-utilization'] !== undefined && flags['kv-cache-memory'] !== undefined)
		throw new InputError(CLI, '--kv-cache-memory', 'give --gpu-memory-utilization or --kv-cache-memory, not both');
	const req: Record<string, unknown> = { model: flags.model, gpu: flags.gpu };
	for (const [flag, [field, kind]] of Object.entries(FLAGS)) {
		const raw = flags[flag];
		if (typeof raw === 'string') req[field] = readValue(flag, raw, kind);
	}
	let report: FitReport;
	try {
		report = planFit(req as unknown as FitRequest);
	} catch (e) {
		if (!(e instanceof InputError)) throw e;
		// Name the flag, not the field.
		const flag = e.field === 'model' || e.field === 'gpu' ? e.field : Object.entries(FLAGS).find(([, [f]]) => f === e.field)?.[0];
		throw new InputError(CLI, `--${flag ?? e.field}`, e.message.slice(`fit: ${e.field}: `.length));
	}
	console.log(flags.json ? JSON.stringify(toJson(report), null, 2) : describe(report));
}

function toJson(r: FitReport) {
	const s = r.settings;
	const pool = (p: typeof r.pool) => ({
		numGpuBlocks: p.numGpuBlocks,
		kvCacheTokens: p.kvCacheTokens,
		blocksPerRequest: p.blocksPerRequest,
		bytesPerRequest: p.bytesPerRequest,
		maxConcurrency: p.maxConcurrency
	});
	return {
		model: s.model.id,
		gpu: s.gpu.id,
		tp: s.tp,
		weightDtype: s.weightDtype,
		kvDtype: s.kvDtype,
		blockSize: s.blockSize,
		maxModelLen: s.maxModelLen,
		maxNumBatchedTokens: s.maxNumBatchedTokens,
		maxNumSeqs: s.maxNumSeqs,
		kvBytesPerToken: r.kvBytesPerToken,
		numGpuBlocks: r.pool.numGpuBlocks,
		kvCacheTokens: r.pool.kvCacheTokens,
		maxConcurrency: r.pool.maxConcurrency,
		fits: r.error === null,
		error: r.error,
		memory: r.memory,
		pool: {
			pageSizeBytes: r.pool.pageSizeBytes,
			groupSize: r.pool.groups.groupSize,
			groups: r.pool.groups.kinds,
			paddingLayers: r.pool.groups.paddingLayers,
			...pool(r.pool)
		},
		allFullAttention: r.allFull ? pool(r.allFull) : null,
		costModel: formatCostSpec({ model: s.model.id, gpu: s.gpu.id, tp: s.tp, weightDtype: s.weightDtype, kvDtype: s.kvDtype }),
		log: r.log
	};
}

const gib = (b: number) => `${(b / GiB).toFixed(2)} GiB`;

function describe(r: FitReport): string {
	const s = r.settings;
	const m = r.memory;
	const budget =
		s.kvCacheMemory === undefined
			? `${gib(m.total)} × ${s.gpuMemoryUtilization} = ${gib(m.budget)}`
			: `--kv-cache-memory, ${gib(m.budget)} in all`;
	const lines = [
		`${s.model.id} (${attentionLabel(s.model)}) on ${s.tp > 1 ? `${s.tp} × ` : ''}${s.gpu.name}: weights ${s.weightDtype}, KV ${s.kvDtype}, block ${s.blockSize}, max_model_len ${s.maxModelLen.toLocaleString('en-US')}`,
		`  KV per token   ${r.kvBytesPerToken.toLocaleString('en-US')} B per GPU (${s.model.numLayers} layers × ${r.kvHeadsPerRank} KV head${r.kvHeadsPerRank > 1 ? 's' : ''} × ${s.model.attention === 'MLA' ? `${s.model.headDim} latent` : `(${s.model.headDim} + ${s.model.headDim})`} × ${r.pool.pageSizeBytes / (s.blockSize * r.kvHeadsPerRank * (s.model.attention === 'MLA' ? 1 : 2) * s.model.headDim)} B)`,
		`  memory / GPU   ${budget}: weights ${gib(m.weights)}, activation ${gib(m.activation)}, overhead ${gib(m.overhead)}, KV ${gib(m.kv)}`,
		`  pool           ${r.pool.numGpuBlocks.toLocaleString('en-US')} blocks, ${r.pool.groups.kinds.length} KV cache group${r.pool.groups.kinds.length > 1 ? 's' : ''} of ${r.pool.groups.groupSize} layers`
	];
	if (m.overcommit > 0) lines.push(`  warning        the terms exceed the GPU's ${gib(m.total)} by ${gib(m.overcommit)}`);
	if (r.allFull && !r.error) {
		const saved = 1 - r.pool.bytesPerRequest / r.allFull.bytesPerRequest;
		lines.push(
			`  sliding window a request of max_model_len needs ${gib(r.pool.bytesPerRequest)} of KV, not ${gib(r.allFull.bytesPerRequest)} (${(saved * 100).toFixed(0)}% less): ` +
				`concurrency ${fixed2(r.pool.maxConcurrency)}x instead of ${fixed2(r.allFull.maxConcurrency)}x with every layer full`
		);
	}
	return [...lines, '', ...r.log].join('\n');
}

runCli(main, () => {});
