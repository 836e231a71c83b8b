/** The shipped models and the prompt sets the /model page offers. */

export type ModelName = 'kjv' | 'zh';
export const MODELS: readonly ModelName[] = ['kjv', 'zh'];

export interface PromptPreset {
	id: string;
	model: ModelName;
	prompts: string[];
	/** Parallel samples per prompt. */
	n: number;
}

/** Each prompt arrives this many steps after the one before: later ones join a running batch. */
export const ARRIVAL_GAP = 3;

export const PROMPT_PRESETS: readonly PromptPreset[] = [
	{ id: 'batch', model: 'kjv', prompts: ['In the beginning', 'And God said, Let there be light', 'The LORD is my shepherd'], n: 1 },
	// The first 24 characters are the same: three full blocks of 8 the later prompts find in the prefix cache.
	{
		id: 'prefix',
		model: 'kjv',
		prompts: ['And the LORD spake unto Moses, saying', 'And the LORD spake unto Aaron', 'And the LORD spake unto the people'],
		n: 1
	},
	{ id: 'fork', model: 'kjv', prompts: ['In the beginning God created'], n: 3 },
	{ id: 'poems', model: 'zh', prompts: ['床前明月光，', '春眠不觉晓，', '白日依山尽，'], n: 1 },
	{ id: 'poemsFork', model: 'zh', prompts: ['春眠不觉晓，处处闻啼鸟。'], n: 3 },
	// The blog's prompts: vLLM's quickstart examples (examples/offline_inference) and, in
	// Chinese, the blog's own "我晚上吃什么好？" with the quickstart's prompts translated.
	{
		id: 'blogEn',
		model: 'kjv',
		prompts: ['Hello, my name is', 'The president of the United States is', 'The capital of France is', 'The future of AI is'],
		n: 1
	},
	{ id: 'blogZh', model: 'zh', prompts: ['我晚上吃什么好？', '你好，我的名字是', '法国的首都是', '人工智能的未来是'], n: 1 }
];

export interface RunSettings {
	model: ModelName;
	prompts: string[];
	n: number;
	maxTokens: number;
	/** 0 = greedy. */
	temperature: number;
	/** 0 = all tokens. */
	topK: number;
	seed: number;
	blockSize: number;
	numBlocks: number;
}

export const DEFAULT_SETTINGS: RunSettings = {
	model: 'kjv',
	prompts: PROMPT_PRESETS[0].prompts,
	n: 1,
	maxTokens: 40,
	temperature: 0.8,
	topK: 8,
	seed: 1,
	blockSize: 8,
	numBlocks: 32
};

export const BLOCK_SIZES = [4, 8, 16] as const;
