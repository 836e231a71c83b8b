/** Fixed-seed runs covering every mechanism; the golden test pins their streams, the store test reads them back. */
export const GOLDEN_CASES: Record<string, { config: object; workload: object }> = {
	'paged-sharegpt-recompute': {
		config: { numGpuBlocks: 48, blockSize: 16, maxNumSeqs: 8, seed: 1 },
		workload: { preset: 'sharegpt', numRequests: 40, ratePerStep: 0.5, maxLen: 1024, seed: 1 }
	},
	'paged-swap-chunked-prefix': {
		config: {
			numGpuBlocks: 24,
			numCpuBlocks: 16,
			blockSize: 8,
			preemptionMode: 'swap',
			enableChunkedPrefill: true,
			maxNumBatchedTokens: 64,
			longPrefillTokenThreshold: 16,
			watermark: 0.05,
			seed: 2
		},
		workload: {
			preset: 'fixed',
			numRequests: 20,
			ratePerStep: 1,
			promptLen: 40,
			outputLen: 30,
			sharedPrefixLen: 24,
			sharedPrefixFraction: 0.5,
			maxLen: 1024,
			seed: 2
		}
	},
	'paged-parallel-and-beam': {
		config: { numGpuBlocks: 40, numCpuBlocks: 8, blockSize: 4, preemptionMode: 'auto', maxNumSeqs: 12, seed: 3 },
		workload: { preset: 'alpaca', numRequests: 12, ratePerStep: 0.5, n: 2, beamWidth: 1, maxLen: 256, seed: 3 }
	},
	'paged-beam-swap': {
		config: { numGpuBlocks: 32, numCpuBlocks: 16, blockSize: 4, preemptionMode: 'swap', maxNumSeqs: 8, seed: 5 },
		workload: { preset: 'fixed', numRequests: 8, ratePerStep: 1, promptLen: 10, outputLen: 12, beamWidth: 3, maxLen: 256, seed: 5 }
	},
	'v1-children-null-block': {
		config: {
			semantics: 'v1',
			numGpuBlocks: 33,
			blockSize: 8,
			maxNumSeqs: 8,
			enableChunkedPrefill: true,
			maxNumBatchedTokens: 96,
			seed: 6
		},
		workload: {
			preset: 'fixed',
			numRequests: 12,
			ratePerStep: 1,
			promptLen: 30,
			outputLen: 20,
			sharedPrefixLen: 16,
			sharedPrefixFraction: 0.5,
			n: 2,
			maxLen: 256,
			seed: 6
		}
	},
	'orca-pow2': {
		config: { numGpuBlocks: 31, blockSize: 10, maxModelLen: 100, maxNumBatchedTokens: 100, maxNumSeqs: 4, allocator: 'orca-pow2', seed: 4 },
		workload: { preset: 'fixed', numRequests: 15, ratePerStep: 1, promptLen: 20, outputLen: 25, maxLen: 100, seed: 4 }
	}
};
