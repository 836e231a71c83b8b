/** Character-level tokenizer: token id = index of the character in the vocabulary list. */
export class CharTokenizer {
	readonly vocab: readonly string[];
	private readonly ids: Map<string, number>;

	constructor(vocab: readonly string[]) {
		this.vocab = vocab;
		this.ids = new Map(vocab.map((ch, i) => [ch, i]));
		if (this.ids.size !== vocab.length) throw new Error('vocabulary has duplicate characters');
	}

	get size(): number {
		return this.vocab.length;
	}

	has(ch: string): boolean {
		return this.ids.has(ch);
	}

	/** Characters outside the vocabulary are dropped (a char model can't say what it never saw). */
	encode(text: string): number[] {
		const out: number[] = [];
		for (const ch of text) {
			const id = this.ids.get(ch);
			if (id !== undefined) out.push(id);
		}
		return out;
	}

	decode(ids: readonly number[]): string {
		return ids.map((i) => this.vocab[i] ?? '').join('');
	}

	/** The sorted set of characters of a corpus (a training-time helper). */
	static fromCorpus(text: string): CharTokenizer {
		return new CharTokenizer([...new Set(text)].sort());
	}
}
