/**
 * The hand-written sample traces in static/traces/, one per format, and the engine config
 * they are sized for: Mooncake's 512-token blocks need prompts past 1,024 tokens, and a
 * pool that holds every shared block, so prefix hits equal the shared tokens.
 */
import type { EngineConfig } from '../engine/config';
import type { TraceFormatId } from './formats/format';

export interface TraceSample {
	format: TraceFormatId;
	/** Under static/traces/ (served at /traces/). */
	file: string;
}

export const TRACE_SAMPLES: readonly TraceSample[] = [
	{ format: 'mooncake', file: 'mooncake.jsonl' },
	{ format: 'bailian', file: 'bailian.jsonl' },
	{ format: 'azure', file: 'azure.csv' },
	{ format: 'burstgpt', file: 'burstgpt.csv' },
	{ format: 'pagedkv', file: 'pagedkv.jsonl' }
];

/** 512 blocks of 16: the samples' longest prompt (1,536) fits, and nothing is evicted. */
export const SAMPLE_CONFIG: Readonly<Partial<EngineConfig>> = Object.freeze({
	blockSize: 16,
	numGpuBlocks: 512,
	maxNumSeqs: 16,
	maxNumBatchedTokens: 2048,
	maxModelLen: 2048
});
