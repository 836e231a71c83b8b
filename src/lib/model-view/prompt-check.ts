/**
 * Which characters of the prompts a model can't read, known before anything is generated:
 * only the model's vocab.json (a few kB) is fetched, once per model, not its weights.
 */
import { CharTokenizer, type Reading } from '$lib/model/tokenizer';

const vocabs = new Map<string, Promise<CharTokenizer>>();

/** The tokenizer of the model at `${base}/models/${model}` (cached; a failed fetch is retried next time). */
export function loadVocab(
	base: string,
	model: string,
	fetchFn: typeof fetch = (input, init) => fetch(input, init)
): Promise<CharTokenizer> {
	const url = `${base}/models/${model}/vocab.json`;
	let pending = vocabs.get(url);
	if (!pending) {
		pending = fetchFn(url)
			.then((res) => {
				if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
				return res.text();
			})
			.then((text) => {
				const vocab: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
				if (!Array.isArray(vocab) || !vocab.every((ch) => typeof ch === 'string')) throw new Error(`${url}: not an array of characters`);
				return new CharTokenizer(vocab);
			});
		pending.catch(() => vocabs.delete(url));
		vocabs.set(url, pending);
	}
	return pending;
}

/** How the model reads all the prompts together (one a line): the unknown characters across all of them. */
export function readPrompts(tokenizer: CharTokenizer, prompts: readonly string[]): Reading {
	return tokenizer.read(prompts.join('\n'));
}
