/** UI strings of trace import and the sample-trace picker (spread into `en.ts`). */
export const tracesEn = {
	'traces.formats': 'Reads our JSONL, Mooncake and Qwen-Bailian JSONL, Azure and BurstGPT CSV (docs/traces.md).',
	'traces.sample': 'Or run a sample trace',
	'traces.samplePick': '— choose a sample —',
	'traces.sample.mooncake': 'Mooncake: shared prefixes',
	'traces.sample.bailian': 'Qwen-Bailian: multi-turn chats',
	'traces.sample.azure': 'Azure LLM inference (CSV)',
	'traces.sample.burstgpt': 'BurstGPT (CSV)',
	'traces.sample.pagedkv': 'Our JSONL: ms arrivals, n, beam',
	'traces.loading': 'Loading {file}…',
	'traces.skipped': '{n} failed requests (no output) skipped.',
	'traces.sampleConfig': 'The pool is set for the samples: {blocks} blocks of {size} tokens, max length {len}.',
	'traces.fetchFailed': 'Couldn’t load {file}: {msg}'
} as const;
