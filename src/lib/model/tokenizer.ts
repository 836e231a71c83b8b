/**
 * The character a vocabulary may carry for "a character I never learned": the training
 * corpus writes every rare character as this one, so the model has learned what usually
 * surrounds an unknown character. Models without it (kjv) drop unknown characters instead.
 */
export const UNKNOWN_CHAR = '\uFFFD';

/** A character of a text that the vocabulary lacks: how often it occurs and where first. */
export interface UnknownChar {
	char: string;
	/** "U+5403". */
	codePoint: string;
	count: number;
	/** Index of its first occurrence, in characters (code points) of the text. */
	firstIndex: number;
}

/** How a model reads a text: the ids it sees and the characters it can't read. */
export interface Reading {
	ids: number[];
	unknown: UnknownChar[];
	/** What happens to `unknown`: read as UNKNOWN_CHAR, or dropped. */
	policy: 'unknown-token' | 'dropped';
}

export function codePointOf(ch: string): string {
	return 'U+' + (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/** Character-level tokenizer: token id = index of the character in the vocabulary list. */
export class CharTokenizer {
	readonly vocab: readonly string[];
	private readonly ids: Map<string, number>;
	/** The id unknown characters read as, if the vocabulary has UNKNOWN_CHAR. */
	readonly unknownId: number | undefined;

	constructor(vocab: readonly string[]) {
		this.vocab = vocab;
		this.ids = new Map(vocab.map((ch, i) => [ch, i]));
		if (this.ids.size !== vocab.length) throw new Error('vocabulary has duplicate characters');
		this.unknownId = this.ids.get(UNKNOWN_CHAR);
	}

	get size(): number {
		return this.vocab.length;
	}

	has(ch: string): boolean {
		return this.ids.has(ch);
	}

	/**
	 * Characters outside the vocabulary read as UNKNOWN_CHAR when the vocabulary has it, and
	 * are dropped otherwise (a char model can't say what it never saw). `read` names them.
	 */
	encode(text: string): number[] {
		return this.read(text).ids;
	}

	/** The ids of a text and the characters outside the vocabulary, in order of first occurrence. */
	read(text: string): Reading {
		const ids: number[] = [];
		const unknown = new Map<string, UnknownChar>();
		let index = 0;
		for (const ch of text) {
			const id = this.ids.get(ch);
			if (id !== undefined) ids.push(id);
			else {
				const seen = unknown.get(ch);
				if (seen) seen.count++;
				else unknown.set(ch, { char: ch, codePoint: codePointOf(ch), count: 1, firstIndex: index });
				if (this.unknownId !== undefined) ids.push(this.unknownId);
			}
			index++;
		}
		return { ids, unknown: [...unknown.values()], policy: this.unknownId !== undefined ? 'unknown-token' : 'dropped' };
	}

	decode(ids: readonly number[]): string {
		return ids.map((i) => this.vocab[i] ?? '').join('');
	}

	/**
	 * The sorted set of characters of a corpus (a training-time helper). With `minCount` > 1,
	 * characters seen fewer times are left out and UNKNOWN_CHAR is added (if any was left
	 * out): `encode` then reads the rare characters of the corpus as UNKNOWN_CHAR.
	 */
	static fromCorpus(text: string, minCount = 1): CharTokenizer {
		const counts = new Map<string, number>();
		for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
		const kept = [...counts].filter(([, n]) => n >= minCount).map(([ch]) => ch);
		if (kept.length < counts.size && !kept.includes(UNKNOWN_CHAR)) kept.push(UNKNOWN_CHAR);
		return new CharTokenizer(kept.sort());
	}
}
