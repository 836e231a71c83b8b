/** Our own JSONL (docs/events.md, DESIGN.md §4): read by workload/trace.ts's parseTrace. */
import { parseTrace } from '../trace';
import type { TraceFormat } from './format';
import { MAX_TRACE_TOKENS } from './rows';

const KEYS = ['id', 'arrivalStep', 'arrivalMs', 'promptTokens', 'promptLen'];

export const PAGEDKV: TraceFormat = {
	id: 'pagedkv',
	name: 'PagedKV Lab JSONL',
	signature: 'JSON lines with id, arrivalStep or arrivalMs, promptTokens or promptLen, outputLen',
	matches: (head) => head.kind === 'json' && head.keys.some((k) => KEYS.includes(k)),
	parse: (text, source, opts = {}) => ({
		requests: parseTrace(text, source, { vocabSize: opts.vocabSize, maxTokens: opts.maxTokens ?? MAX_TRACE_TOKENS }),
		skipped: 0
	})
};
