/**
 * The walkthrough as data: each chapter names its text keys, the live view it sets up
 * (a small hand-picked engine config + workload), which panels and controls it shows,
 * and the question that ends it. `Chapter.svelte` turns one of these into a page.
 */
import { DEFAULT_CONFIG, type EngineConfig } from '../engine/config';
import type { MessageKey } from '../i18n';
import { LAB_WORKLOAD, type WorkloadParams } from '../url/url-state';
import type { CalloutKind } from './callouts';

export type LiveKind = 'tokens' | 'phases' | 'measure' | 'growth' | 'session' | 'batching' | 'handoff';
export type Panel = 'map' | 'table' | 'hashes' | 'timeline' | 'chart' | 'stats';

export interface Chapter {
	n: number;
	/** Short id used in test selectors and the classroom notes. */
	slug: string;
	kind: LiveKind;
	title: MessageKey;
	paragraphs: MessageKey[];
	question: MessageKey;
	answer: MessageKey;
	config: EngineConfig;
	workload: WorkloadParams;
	/** Session chapters: what to draw, which fields the reader may change, the step to open at (-1 = start). */
	panels?: Panel[];
	controls?: string[];
	select?: string;
	step?: number;
	/** Events the text names, each with a button that jumps the view to it. */
	callouts?: CalloutKind[];
	/** Changing the block size keeps the pool's token slots (numGpuBlocks follows), so only the block size changes. */
	sameMemory?: boolean;
	/** A full-width section after the chapter (chapter 8: the paper vs vLLM today). */
	section?: 'paper-v1';
}

const cfg = (c: Partial<EngineConfig>): EngineConfig => ({ ...DEFAULT_CONFIG, maxNumBatchedTokens: 512, maxModelLen: 256, ...c });
const wl = (w: Partial<WorkloadParams>): WorkloadParams => ({ ...LAB_WORKLOAD, sharedPrefixLen: 0, sharedPrefixFraction: 0, ...w });

const text = (n: number, count: number) => Array.from({ length: count }, (_, i) => `learn.c${n}.p${i + 1}` as MessageKey);
const keys = (n: number) => ({
	title: `learn.c${n}.title` as MessageKey,
	question: `learn.c${n}.q` as MessageKey,
	answer: `learn.c${n}.a` as MessageKey
});

/** Chapter 9's workload: varied lengths, enough requests that memory limits the batch. */
const BATCH_CONFIG = cfg({ blockSize: 16, numGpuBlocks: 96, maxNumSeqs: 32, maxNumBatchedTokens: 1024, maxModelLen: 1024 });
const BATCH_WORKLOAD = wl({ preset: 'sharegpt', numRequests: 40, ratePerStep: 1, maxLen: 1024, seed: 3 });

export const CHAPTERS: readonly Chapter[] = [
	{
		n: 1,
		slug: 'inference',
		kind: 'tokens',
		...keys(1),
		paragraphs: text(1, 3),
		config: cfg({ blockSize: 4, numGpuBlocks: 8 }),
		workload: wl({ numRequests: 1, ratePerStep: 0, promptLen: 5, outputLen: 8 }),
		panels: [],
		step: -1
	},
	{
		n: 2,
		slug: 'prefill-decode',
		kind: 'phases',
		...keys(2),
		paragraphs: text(2, 3),
		config: cfg({ blockSize: 8, numGpuBlocks: 32, maxNumBatchedTokens: 256, maxModelLen: 256 }),
		workload: wl({ numRequests: 3, ratePerStep: 0.25, promptLen: 40, outputLen: 20 }),
		panels: ['timeline'],
		step: 4
	},
	{
		n: 3,
		slug: 'kv-cache',
		kind: 'measure',
		...keys(3),
		paragraphs: text(3, 3),
		config: cfg({ blockSize: 4, numGpuBlocks: 8 }),
		workload: wl({ numRequests: 1, ratePerStep: 0, promptLen: 8, outputLen: 8 })
	},
	{
		n: 4,
		slug: 'memory',
		kind: 'growth',
		...keys(4),
		paragraphs: text(4, 3),
		config: cfg({ blockSize: 8, numGpuBlocks: 48, maxNumSeqs: 8 }),
		workload: wl({ numRequests: 6, ratePerStep: 1, promptLen: 16, outputLen: 48 }),
		panels: ['chart'],
		step: -1
	},
	{
		n: 5,
		slug: 'contiguous',
		kind: 'session',
		...keys(5),
		paragraphs: text(5, 3),
		config: cfg({
			allocator: 'orca-max',
			blockSize: 8,
			numGpuBlocks: 64,
			maxNumSeqs: 8,
			maxModelLen: 128,
			maxNumBatchedTokens: 256,
			enablePrefixCaching: false
		}),
		workload: wl({ preset: 'sharegpt', numRequests: 10, ratePerStep: 1, maxLen: 128, seed: 2 }),
		panels: ['map', 'chart'],
		controls: ['allocator'],
		step: 6
	},
	{
		n: 6,
		slug: 'paging',
		kind: 'session',
		...keys(6),
		paragraphs: text(6, 3),
		config: cfg({ blockSize: 8, numGpuBlocks: 64, maxNumSeqs: 8, maxModelLen: 128, maxNumBatchedTokens: 256, enablePrefixCaching: false }),
		workload: wl({ preset: 'sharegpt', numRequests: 10, ratePerStep: 1, maxLen: 128, seed: 2 }),
		panels: ['map', 'table', 'chart'],
		controls: ['blockSize'],
		select: 'r0',
		step: 6,
		sameMemory: true
	},
	{
		n: 7,
		slug: 'sharing',
		kind: 'session',
		...keys(7),
		paragraphs: text(7, 3),
		config: cfg({ blockSize: 4, numGpuBlocks: 48, maxNumSeqs: 12, maxModelLen: 128, maxNumBatchedTokens: 256 }),
		workload: wl({
			numRequests: 3,
			ratePerStep: 0.3,
			promptLen: 14,
			outputLen: 10,
			n: 3,
			sharedPrefixLen: 8,
			sharedPrefixFraction: 1,
			seed: 4
		}),
		panels: ['map', 'hashes', 'stats'],
		controls: ['n', 'beamWidth', 'enablePrefixCaching'],
		select: 'r0',
		step: 2,
		callouts: ['cow', 'prefix_hit']
	},
	{
		n: 8,
		slug: 'preemption',
		kind: 'session',
		...keys(8),
		paragraphs: text(8, 3),
		config: cfg({ blockSize: 8, numGpuBlocks: 32, numCpuBlocks: 32, maxNumSeqs: 12, enablePrefixCaching: false }),
		workload: wl({ numRequests: 12, ratePerStep: 2, promptLen: 40, outputLen: 60, seed: 1 }),
		panels: ['map', 'timeline', 'stats'],
		controls: ['preemptionMode', 'numGpuBlocks'],
		step: 0,
		callouts: ['preempted'],
		section: 'paper-v1'
	},
	{
		n: 9,
		slug: 'batching',
		kind: 'batching',
		...keys(9),
		paragraphs: text(9, 3),
		config: BATCH_CONFIG,
		workload: BATCH_WORKLOAD
	},
	{
		n: 10,
		slug: 'lab',
		kind: 'handoff',
		...keys(10),
		paragraphs: text(10, 2),
		config: BATCH_CONFIG,
		workload: BATCH_WORKLOAD
	}
];

export const CHAPTER_COUNT = CHAPTERS.length;

/** The config a reader's change asks for, under the chapter's rules (`sameMemory`: the pool keeps its token slots). */
export function readerConfig(c: Chapter, config: EngineConfig): EngineConfig {
	if (!c.sameMemory) return config;
	const slots = c.config.numGpuBlocks * c.config.blockSize;
	return { ...config, numGpuBlocks: Math.max(1, Math.round(slots / config.blockSize)) };
}

export function chapterAt(n: number): Chapter | undefined {
	return CHAPTERS.find((c) => c.n === n);
}
