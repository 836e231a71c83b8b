/**
 * The figures vLLM itself reports, under vLLM's names and formulas, so a reader of vLLM's
 * logs and metrics can match them: KV-cache usage (vllm/v1/core/block_pool.py
 * `get_usage`), and the two lines vLLM prints at start-up (vllm/v1/core/kv_cache_utils.py
 * `_report_kv_cache_config`, `get_max_concurrency_for_kv_cache_config`) for full attention.
 */

/**
 * `kv_cache_usage`: 1 − free / (num_gpu_blocks − 1). Cached blocks no request holds count as
 * free, so usage can read 0% while the prefix cache still hits (vLLM issues #5176, #12077).
 * `nullBlocks` is 1 under V1 (block 0 is never free nor held), 0 for the paper's pool.
 */
export function kvCacheUsage(freeBlocks: number, numGpuBlocks: number, nullBlocks: number): number {
	const total = numGpuBlocks - nullBlocks;
	return total > 0 ? 1 - freeBlocks / total : 0;
}

/** "GPU KV cache size: N tokens": every block of the pool (vLLM counts the null block too). */
export function kvCacheTokens(numGpuBlocks: number, blockSize: number): number {
	return numGpuBlocks * blockSize;
}

/** "Maximum concurrency for L tokens per request": pool blocks over the blocks one max-length request takes. */
export function maxConcurrency(numGpuBlocks: number, blockSize: number, maxModelLen: number): number {
	return numGpuBlocks / Math.ceil(maxModelLen / blockSize);
}

/** The two start-up lines, worded as vLLM logs them. */
export function startupLines(kvTokens: number, maxModelLen: number, concurrency: number): string[] {
	const n = (x: number) => x.toLocaleString('en-US');
	return [
		`GPU KV cache size: ${n(kvTokens)} tokens`,
		`Maximum concurrency for ${n(maxModelLen)} tokens per request: ${concurrency.toFixed(2)}x`
	];
}
