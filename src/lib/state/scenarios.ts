/** Ready-made views: the compare default, the paper's point, and the three embed scenarios. */
import { DEFAULT_CONFIG } from '../engine/config';
import { DEFAULT_VIEW, LAB_WORKLOAD, type ViewState } from '../url/url-state';

/** A medium workload with varied lengths: contiguous allocators visibly reserve too much. */
export const COMPARE_VIEW: ViewState = {
	...DEFAULT_VIEW,
	speed: 60,
	config: { ...DEFAULT_CONFIG, blockSize: 16, numGpuBlocks: 128, maxNumSeqs: 32, maxNumBatchedTokens: 1024, maxModelLen: 1024 },
	workload: {
		...LAB_WORKLOAD,
		preset: 'sharegpt',
		numRequests: 40,
		ratePerStep: 1,
		sharedPrefixLen: 0,
		sharedPrefixFraction: 0,
		maxLen: 1024,
		seed: 3
	}
};

/** Kwon et al. §2.3: contiguous systems keep 20–38% of KV memory as token states, vLLM ~96%. */
export const PAPER_VIEW: ViewState = {
	...COMPARE_VIEW,
	config: { ...COMPARE_VIEW.config, numGpuBlocks: 512, maxNumSeqs: 64, maxNumBatchedTokens: 2048, maxModelLen: 2048 },
	workload: { ...COMPARE_VIEW.workload, numRequests: 120, ratePerStep: 2, maxLen: 2048, seed: 7 }
};

export interface Scenario {
	id: string;
	title: string;
	description: string;
	params: string;
}

/** For docs/embed.md and the embed page's `?scenario=` shortcut. */
export const SCENARIOS: readonly Scenario[] = [
	{
		id: 'prefix-chat',
		title: 'A prefix-sharing chat',
		description: 'Eight chat requests share a 48-token system prompt: later requests hit its cached blocks (ref counts > 1).',
		params: 'bs=8&gpu=48&seqs=8&budget=512&maxlen=256&prefix=1&wl=fixed&reqs=8&rate=0.5&plen=64&olen=24&spl=48&spf=1&wseed=2'
	},
	{
		id: 'pool-runs-out',
		title: 'A pool that runs out',
		description: 'Twelve long requests on 32 blocks: the pool fills, the scheduler preempts the newest request and recomputes it later.',
		params: 'bs=8&gpu=32&seqs=12&budget=512&maxlen=256&prefix=0&wl=fixed&reqs=12&rate=2&plen=40&olen=60&spl=0&spf=0&wseed=1'
	},
	{
		id: 'beam-search',
		title: 'Beam search',
		description: 'Two requests decode with beam width 4: the beams share the prompt blocks and copy-on-write a block when they diverge.',
		params: 'bs=4&gpu=64&seqs=16&budget=256&maxlen=128&prefix=1&wl=fixed&reqs=2&rate=0.2&plen=14&olen=16&beam=4&spl=0&spf=0&wseed=4'
	}
];
