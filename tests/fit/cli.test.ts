/**
 * `npm run fit`: the lines vLLM logs, --json with the numbers and memory terms, and bad
 * input as exit 1 with the flag named and no stack. Also `sim --cost-model <roofline>`.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function run(script: string, ...args: string[]) {
	const r = spawnSync(TSX, [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const fit = (...args: string[]) => run('fit.ts', ...args);

describe('fit', () => {
	it('prints the lines vLLM prints', () => {
		const r = fit('--model', 'llama-3.1-8b', '--gpu', 'h100-80gb', '--kv-cache-memory', '16GiB', '--max-model-len', '8192');
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('KV per token   131,072 B per GPU (32 layers × 8 KV heads × (128 + 128) × 2 B)');
		expect(r.stdout).toContain('\nGPU KV cache size: 131,072 tokens\nMaximum concurrency for 8,192 tokens per request: 16.00x');
	});

	it('--json gives the numbers and the memory terms', () => {
		const r = fit(
			'--model',
			'llama-3.1-8b',
			'--gpu',
			'h100-80gb',
			'--activation-memory',
			'2GiB',
			'--overhead-memory',
			'1073741824',
			'--json'
		);
		expect(r.code).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(j).toMatchObject({
			kvBytesPerToken: 131_072,
			numGpuBlocks: 27_507,
			kvCacheTokens: 440_112,
			fits: true,
			costModel: 'llama-3.1-8b_h100-80gb_tp1_wbf16_kvbf16'
		});
		expect(j.maxConcurrency).toBeCloseTo(27_507 / 8192, 9);
		expect(j.memory).toMatchObject({ total: 81_559 * 2 ** 20, weights: 16_060_000_000, activation: 2 ** 31, overhead: 2 ** 30 });
		expect(j.memory.kv).toBeCloseTo(57_687_503_513.6, 1);
	});

	it('shows the sliding-window saving, and fp8 KV halves bytes per token', () => {
		const r = fit('--model', 'gpt-oss-20b', '--gpu', 'h100-80gb', '--kv-cache-memory', '10GiB', '--json');
		const j = JSON.parse(r.stdout);
		expect(j.allFullAttention.maxConcurrency).toBeCloseTo(13_653 / 8192, 9);
		expect(j.maxConcurrency).toBeCloseTo(27_306 / 8713, 9);
		expect(fit('--model', 'gpt-oss-20b', '--gpu', 'h100-80gb', '--kv-cache-memory', '10GiB').stdout).toContain('(47% less)');
		expect(JSON.parse(fit('--model', 'gpt-oss-20b', '--gpu', 'h100-80gb', '--kv-dtype', 'fp8', '--json').stdout).kvBytesPerToken).toBe(
			24_576
		);
	});

	it.each([
		[['--gpu', 'h100-80gb'], /^error: command line: --model: missing; known: llama-2-7b, /],
		[
			['--model', 'llama-9', '--gpu', 'h100-80gb'],
			/^error: command line: --model: unknown model "llama-9"; known: llama-2-7b, llama-3.1-8b, .*starcoder\n$/
		],
		[
			['--model', 'llama-3.1-8b', '--gpu', 'v100'],
			/^error: command line: --gpu: unknown GPU "v100"; known: a100-40gb, a100-80gb, h100-80gb, h200, l40s, rtx-4090, mi300x\n$/
		],
		[
			['--model', 'llama-3.1-8b', '--gpu', 'h100-80gb', '--tp', '-2'],
			/^error: command line: --tp: must be an integer from 1 to 64, got -2\n$/
		],
		[['--model', 'llama-3.1-8b', '--gpu', 'h100-80gb', '--tp', '3'], /--tp: must divide llama-3.1-8b's 32 attention heads, got 3/],
		[
			['--model', 'llama-3.1-8b', '--gpu', 'h100-80gb', '--gpu-memory-utilization', '1.5'],
			/--gpu-memory-utilization: must be a fraction in \(0, 1\], got 1.5/
		],
		[
			['--model', 'llama-3.1-8b', '--gpu', 'h100-80gb', '--kv-cache-memory', '-1'],
			/--kv-cache-memory: must be a number of bytes ≥ 0, got -1/
		],
		[['--model', 'llama-3.1-8b', '--gpu', 'h100-80gb', '--kv-cache-memory', 'lots'], /--kv-cache-memory: must be a number of bytes/],
		[['--model', 'llama-3.1-8b', '--gpu', 'h100-80gb', '--kv-cache-memory', '1GiB', '--gpu-memory-utilization', '0.8'], /not both/],
		[
			['--model', 'llama-3.1-8b', '--gpu', 'h100-80gb', '--max-model-len', '999999'],
			/--max-model-len: must be an integer from 1 to 131072, got 999999 \(llama-3.1-8b's max_position_embeddings\)/
		],
		[['--model', 'llama-3.1-8b', '--gpu', 'h100-80gb', '--block-size', '24'], /--block-size: must be one of 1, 8, 16, 32, 64, 128, got 24/],
		[['--model', 'llama-3.1-8b', '--gpu', 'h100-80gb', '--kv-dtype', 'int4'], /--kv-dtype: must be one of bf16, fp16, fp8, got int4/],
		[['--model', 'llama-3.1-8b', '--gpu', 'h100-80gb', '--workload', 'fixed'], /Unknown option '--workload'/]
	])('refuses %j with exit 1 and no stack', (args, message) => {
		const r = fit(...args);
		expect(r.code).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(message);
		expect(r.stderr).not.toMatch(/\n\s+at /);
	});

	it('says plainly when one request of max_model_len does not fit', () => {
		const r = fit('--model', 'llama-3.1-70b', '--gpu', 'rtx-4090', '--json');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({ fits: false, numGpuBlocks: 0 });
		expect(fit('--model', 'llama-3.1-70b', '--gpu', 'rtx-4090').stdout).toContain('ValueError: No available memory for the cache blocks');
	});
});

describe('sim --cost-model', () => {
	it('takes a roofline cost model by name', () => {
		const r = run(
			'sim.ts',
			'--workload',
			'fixed',
			'--requests',
			'4',
			'--prompt-len',
			'32',
			'--output-len',
			'8',
			'--cost-model',
			'llama-3.1-8b_h100-80gb_tp1_wbf16_kvbf16'
		);
		expect(r.stderr).toBe('');
		expect(r.stdout).toContain('roofline:llama-3.1-8b@h100-80gb');
		const bad = run('sim.ts', '--workload', 'fixed', '--cost-model', 'llama-3.1-8b_h100-80gb_tp3_wbf16_kvbf16');
		expect(bad.stderr).toMatch(/--cost-model: must be one of opt-13b-a100, tiny-webgl or a roofline/);
	});
});
