/**
 * planFit: vLLM's defaults, the memory terms adding up, the lines vLLM logs, its "not enough
 * KV cache" error, a table of bad settings each naming its field; and the roofline cost
 * model with the URL word that carries it to the lab.
 */
import { describe, expect, it } from 'vitest';
import { planFit, fitProblems, vllmLog, type FitRequest } from '../../src/lib/fit/plan';
import type { Pool } from '../../src/lib/fit/kv-sizing';
import { getGpu, servingDefaults, GPUS } from '../../src/lib/fit/gpus';
import { getModel } from '../../src/lib/fit/models';
import { rooflineCostModel } from '../../src/lib/fit/roofline';
import { formatCostSpec, parseCostSpec, resolveCostModel } from '../../src/lib/fit/cost-spec';
import { OPT_13B_A100 } from '../../src/lib/engine/cost-model';

const GiB = 2 ** 30;

describe('planFit', () => {
	it('fills vLLM defaults: utilization 0.9, block 16, the model length, the serving budget for the GPU', () => {
		const r = planFit({ model: 'llama-3.1-8b', gpu: 'h100-80gb' });
		expect(r.settings).toMatchObject({
			tp: 1,
			kvDtype: 'bf16',
			weightDtype: 'bf16',
			gpuMemoryUtilization: 0.9,
			blockSize: 16,
			maxModelLen: 131_072,
			maxNumBatchedTokens: 8192,
			maxNumSeqs: 1024
		});
		expect(planFit({ model: 'llama-3.1-8b', gpu: 'a100-80gb' }).settings.maxNumBatchedTokens).toBe(2048); // vLLM keeps the A100 at 2048
		expect(planFit({ model: 'deepseek-v3', gpu: 'h200', tp: 8 }).settings.weightDtype).toBe('fp8'); // the checkpoint's dtype
	});

	it.each(GPUS.map((g) => g.id))('splits %s as budget = weights + activation + overhead + KV', (gpu) => {
		const { memory: m } = planFit({ model: 'qwen3-4b', gpu });
		expect(m.budget).toBeCloseTo(m.total * 0.9, 3);
		expect(m.weights + m.activation + m.overhead + m.kv).toBeCloseTo(m.budget, 3);
	});

	it('works the Llama-3.1-8B / H100 example through to what vLLM logs', () => {
		const r = planFit({ model: 'llama-3.1-8b', gpu: 'h100-80gb', activationBytes: 2 * GiB, overheadBytes: GiB });
		// 81,559 MiB × 0.9 − 16.06 GB − 3 GiB = 57,687,503,513.6 B → 27,507 blocks
		expect(r.memory.weights).toBe(16_060_000_000);
		expect(r.pool.numGpuBlocks).toBe(27_507);
		expect(r.kvBytesPerToken).toBe(131_072);
		expect(r.log).toEqual(['GPU KV cache size: 440,112 tokens', 'Maximum concurrency for 131,072 tokens per request: 3.36x']);
		expect(r.error).toBeNull();
	});

	it('takes --kv-cache-memory as the KV memory and reports an overcommit', () => {
		const r = planFit({ model: 'llama-3.1-8b', gpu: 'h100-80gb', kvCacheMemory: 16 * GiB, maxModelLen: 8192 });
		expect(r.memory.kv).toBe(16 * GiB);
		expect(r.memory.overcommit).toBe(0);
		expect(r.log).toEqual(['GPU KV cache size: 131,072 tokens', 'Maximum concurrency for 8,192 tokens per request: 16.00x']);
		expect(planFit({ model: 'llama-3.1-8b', gpu: 'rtx-4090', kvCacheMemory: 20 * GiB }).memory.overcommit).toBeGreaterThan(0);
	});

	it('reports the sliding-window saving against treating every layer as full', () => {
		const r = planFit({ model: 'gpt-oss-20b', gpu: 'h100-80gb', kvCacheMemory: 10 * GiB });
		expect(r.allFull?.maxConcurrency.toFixed(2)).toBe('1.67');
		expect(r.pool.maxConcurrency.toFixed(2)).toBe('3.13');
		expect(planFit({ model: 'llama-3.1-8b', gpu: 'h100-80gb' }).allFull).toBeUndefined();
	});

	it('gives vLLM’s error, with its estimate, when one request of max_model_len does not fit', () => {
		const r = planFit({ model: 'llama-3.1-8b', gpu: 'h100-80gb', kvCacheMemory: GiB });
		expect(r.error).toContain("To serve at least one request with the models's max seq len (131072), (16.00 GiB KV cache is needed");
		expect(r.error).toContain('the estimated maximum model length is 8192');
		expect(r.log[0]).toMatch(/^ValueError: /);
		expect(planFit({ model: 'llama-3.1-70b', gpu: 'rtx-4090' }).error).toMatch(/^No available memory for the cache blocks/);
	});

	it('allows TP past the KV heads when it is a multiple of them (each head on several ranks)', () => {
		expect(fitProblems({ model: 'gemma-3-27b', gpu: 'h100-80gb', tp: 32 })).toEqual([]);
		expect(planFit({ model: 'gemma-3-27b', gpu: 'h100-80gb', tp: 32 }).kvHeadsPerRank).toBe(1);
	});

	it('fits DeepSeek-V3 (fp8, MLA) on eight H200s with the latent on every rank', () => {
		const r = planFit({ model: 'deepseek-v3', gpu: 'h200', tp: 8 });
		expect(r.kvBytesPerToken).toBe(70_272);
		expect(r.memory.weights).toBe(Math.ceil(671e9 / 8));
		expect(r.error).toBeNull();
	});

	it.each([
		// request, field, message fragment
		[{ model: 'llama-5' }, 'model', 'unknown model "llama-5"; known: llama-2-7b'],
		[{ gpu: 'tpu-v5' }, 'gpu', 'unknown GPU "tpu-v5"; known: a100-40gb'],
		[{ tp: 0 }, 'tp', 'from 1 to 64, got 0'],
		[{ tp: 1.5 }, 'tp', 'integer'],
		[{ model: 'qwen2.5-7b', tp: 8 }, 'tp', "must divide qwen2.5-7b's 28 attention heads, got 8"],
		[{ model: 'gemma-3-27b', tp: 64 }, 'tp', "must divide gemma-3-27b's 32 attention heads"],
		[{ model: 'qwen2.5-7b', tp: 7 }, 'tp', "must divide qwen2.5-7b's 4 KV heads or be a multiple of them, got 7"],
		[{ gpuMemoryUtilization: 0 }, 'gpuMemoryUtilization', 'in (0, 1], got 0'],
		[{ gpuMemoryUtilization: 1.2 }, 'gpuMemoryUtilization', 'got 1.2'],
		[{ kvCacheMemory: -1 }, 'kvCacheMemory', 'bytes ≥ 0, got -1'],
		[{ maxModelLen: 0 }, 'maxModelLen', 'from 1 to 131072, got 0'],
		[{ maxModelLen: 200_000 }, 'maxModelLen', "llama-3.1-8b's max_position_embeddings"],
		[{ blockSize: 12 }, 'blockSize', 'one of 1, 8, 16, 32, 64, 128, got 12'],
		[{ kvDtype: 'int4' }, 'kvDtype', 'one of bf16, fp16, fp8'],
		[{ maxNumBatchedTokens: -5 }, 'maxNumBatchedTokens', 'got -5'],
		[{ activationBytes: Number.NaN }, 'activationBytes', 'got NaN']
	] as [Partial<FitRequest>, string, string][])('refuses %j naming %s', (over, field, msg) => {
		const req = { model: 'llama-3.1-8b', gpu: 'h100-80gb', ...over } as FitRequest;
		const problems = fitProblems(req);
		expect(problems[0]?.field).toBe(field);
		expect(problems[0].message).toContain(msg);
		expect(() => planFit(req)).toThrow(`fit: ${field}: `);
	});
});

describe('vllmLog', () => {
	it.each([
		// max concurrency, as Python's "%.2f" prints it (exact ties to even)
		[0.125, '0.12'],
		[0.375, '0.38'],
		[3.3577880859375, '3.36'],
		[1.005, '1.00'], // not a tie: the double is just below 1.005
		[16, '16.00']
	])('prints %d as %sx', (x, want) => {
		const line = vllmLog({ kvCacheTokens: 1, maxConcurrency: x } as Pool, 8192)[1];
		expect(line).toBe(`Maximum concurrency for 8,192 tokens per request: ${want}x`);
	});
});

describe('rooflineCostModel', () => {
	it('comes close to the hand-set OPT-13B / A100 preset', () => {
		const m = rooflineCostModel({ model: getModel('opt-13b'), gpu: getGpu('a100-40gb'), tp: 1, weightDtype: 'fp16', kvDtype: 'fp16' });
		expect(m.kvBytesPerToken).toBe(OPT_13B_A100.kvBytesPerToken);
		expect(m.prefillMsPerToken).toBeCloseTo(OPT_13B_A100.prefillMsPerToken, 2); // 25.7 GFLOP at 60% of 312 TFLOPS
		expect(m.stepOverheadMs / OPT_13B_A100.stepOverheadMs).toBeGreaterThan(0.9);
		expect(m.stepOverheadMs / OPT_13B_A100.stepOverheadMs).toBeLessThan(1.2);
		expect(m.swapMsPerTokenSlot).toBeCloseTo(OPT_13B_A100.swapMsPerTokenSlot, 6);
	});

	it('gets faster with a faster GPU, and splits weights and compute over TP', () => {
		const at = (gpu: string, tp = 1) =>
			rooflineCostModel({ model: getModel('llama-3.1-70b'), gpu: getGpu(gpu), tp, weightDtype: 'bf16', kvDtype: 'bf16' });
		expect(at('h200').stepOverheadMs).toBeLessThan(at('h100-80gb').stepOverheadMs);
		expect(at('h100-80gb', 4).stepOverheadMs).toBeCloseTo(at('h100-80gb').stepOverheadMs / 4, 9);
		expect(at('h100-80gb', 4).prefillMsPerToken).toBeCloseTo(at('h100-80gb').prefillMsPerToken / 4, 9);
	});

	it('charges MoE compute for the active parameters only', () => {
		const m = rooflineCostModel({ model: getModel('gpt-oss-20b'), gpu: getGpu('h100-80gb'), tp: 1, weightDtype: 'bf16', kvDtype: 'bf16' });
		expect(m.prefillMsPerToken).toBeCloseTo(((2 * 3.6e9) / (0.6 * 989e12)) * 1000, 9);
	});
});

describe('cost spec (the lab URL word)', () => {
	it('round-trips and resolves to the roofline', () => {
		const spec = { model: 'llama-3.1-8b', gpu: 'h100-80gb', tp: 2, weightDtype: 'bf16', kvDtype: 'fp8' } as const;
		const word = formatCostSpec(spec);
		expect(word).toBe('llama-3.1-8b_h100-80gb_tp2_wbf16_kvfp8');
		expect(parseCostSpec(word)).toEqual(spec);
		expect(resolveCostModel(word)?.kvBytesPerToken).toBe(32_768);
		expect(resolveCostModel('opt-13b-a100')).toBe(OPT_13B_A100);
	});
	it.each([
		'',
		'nope',
		'llama-5_h100-80gb_tp1_wbf16_kvbf16',
		'llama-3.1-8b_h100-80gb_tp3_wbf16_kvbf16',
		'llama-3.1-8b_h100-80gb_tp1_wint4_kvbf16',
		'constructor'
	])('rejects %j', (word) => expect(resolveCostModel(word)).toBeNull());
	it('uses vLLM’s serving defaults per GPU', () => {
		expect(servingDefaults(getGpu('h200'))).toEqual({ maxNumBatchedTokens: 8192, maxNumSeqs: 1024 });
		expect(servingDefaults(getGpu('l40s'))).toEqual({ maxNumBatchedTokens: 2048, maxNumSeqs: 256 });
	});
});
