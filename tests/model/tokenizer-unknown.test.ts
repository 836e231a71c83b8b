/**
 * Characters a model never saw are named, not silently lost: the tokenizer's `read` lists
 * them (code point, count, first index) and says what happens to them — read as the unknown
 * character U+FFFD when the vocabulary has it, dropped when it doesn't. The Chinese corpus
 * cleaner strips what isn't text.
 */
import { describe, expect, it } from 'vitest';
import { CharTokenizer, UNKNOWN_CHAR } from '../../src/lib/model/tokenizer';
import { cleanFortune } from '../../scripts/model-corpus';

describe('CharTokenizer: unknown characters', () => {
	it('drops and names them when the vocabulary has no unknown character (as kjv)', () => {
		const tk = new CharTokenizer([...'我上好晚？']);
		const r = tk.read('我晚上吃什么好？吃');
		expect(r.policy).toBe('dropped');
		expect(tk.decode(r.ids)).toBe('我晚上好？');
		expect(r.unknown).toEqual([
			{ char: '吃', codePoint: 'U+5403', count: 2, firstIndex: 3 },
			{ char: '什', codePoint: 'U+4EC0', count: 1, firstIndex: 4 },
			{ char: '么', codePoint: 'U+4E48', count: 1, firstIndex: 5 }
		]);
		expect(tk.encode('我晚上吃什么好？')).toEqual(r.ids.slice(0, 5));
	});

	it('reads them as U+FFFD when the vocabulary has it, keeping the length', () => {
		const tk = new CharTokenizer([...'我上好晚？', UNKNOWN_CHAR]);
		const r = tk.read('我晚上吃什么好？');
		expect(r.policy).toBe('unknown-token');
		expect(tk.decode(r.ids)).toBe('我晚上���好？');
		expect(r.unknown.map((u) => u.char).join('')).toBe('吃什么');
	});

	it('counts a character outside the BMP as one character', () => {
		const r = new CharTokenizer(['a']).read('a𠮷a');
		expect(r.unknown).toEqual([{ char: '𠮷', codePoint: 'U+20BB7', count: 1, firstIndex: 1 }]);
	});

	it('fromCorpus with minCount keeps frequent characters and adds U+FFFD for the rest', () => {
		const corpus = 'aaab bbc';
		expect(CharTokenizer.fromCorpus(corpus).vocab).toEqual([' ', 'a', 'b', 'c']);
		const tk = CharTokenizer.fromCorpus(corpus, 2);
		expect(tk.vocab).toEqual(['a', 'b', UNKNOWN_CHAR]); // ' ' and 'c' are seen once
		expect(tk.decode(tk.encode(corpus))).toBe(`aaab${UNKNOWN_CHAR}bb${UNKNOWN_CHAR}`);
	});
});

describe('cleanFortune (the Chinese corpus)', () => {
	it('drops tables and command paragraphs, joins wrapped prose, keeps verse lines and the attribution', () => {
		const chunk = [
			'1.1.10. 建议新手的额外软件包',
			'',
			'    尽管连无需任何桌面环境的 Debian 系统最小安装都提供了基本的 Unix',
			'    功能，但对新手而言。',
			'',
			'    # apt-get install mc vim sudo',
			'',
			'    ┌────┐',
			'    │ 表 │',
			'    └────┘',
			'',
			'道常无名。',
			'朴虽小，天下莫能臣。',
			'    -- 《道德经》',
			''
		].join('\n');
		expect(cleanFortune(chunk)).toBe(
			'1.1.10. 建议新手的额外软件包\n尽管连无需任何桌面环境的 Debian 系统最小安装都提供了基本的 Unix功能，但对新手而言。\n道常无名。\n朴虽小，天下莫能臣。\n——《道德经》'
		);
	});
});
