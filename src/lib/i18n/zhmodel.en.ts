/** /model: the Chinese model, the blog's prompts, unknown characters and the K/V heatmap guide. */
export const zhmodelEn = {
	'model.preset.blogEn': "vLLM's example prompts",
	'model.preset.blogZh': 'The blog prompts, in Chinese',
	'model.unknown.ok': 'The model knows every character of these prompts.',
	'model.unknown.some': 'The model has never seen {count} of the characters in these prompts:',
	'model.unknown.times': '× {n}',
	'model.unknown.asToken': 'It reads each of them as �, its token for “a character I never learned”, and the prompt keeps its length.',
	'model.unknown.dropped': 'They are dropped: the model reads the prompt without them. Try the other model?',
	'model.unknown.vocabFailed': 'Could not fetch the vocabulary to check the prompts: {msg}',
	'model.kv.guide.title': 'How to read the heatmaps',
	'model.kv.guide.row':
		'A row is one slot of the block: the token written there (left) and its key (K) or value (V) vector at this layer. “–” rows are empty slots, faded.',
	'model.kv.guide.col':
		'A column is one of the {dim} numbers of that vector, grouped by attention head ({heads} heads × {hd}, labelled on top).',
	'model.kv.guide.colour':
		'Colour is the number: red positive, blue negative, white near 0; each map’s scale runs to its largest magnitude (|max|, in its caption).',
	'model.kv.guide.lookTitle': 'What to look for',
	'model.kv.guide.look1':
		'Rows never change once written: decode steps only add rows. That is the cache: each token’s K/V is computed once and read by every later step.',
	'model.kv.guide.look2':
		'Vertical stripes (a column one colour in every row) barely depend on the token; the columns that change from row to row are where tokens differ. The same character twice gives similar, not equal, rows: its position (and, after layer 0, its context) is mixed in.',
	'model.kv.guide.look3':
		'Change the layer: at layer 0 a row comes from the character and its position alone; later layers mix in what came before. Parallel samples (n > 1) read the same rows of a shared block until copy-on-write gives one its own copy.',
	'model.kv.head': 'head {h}'
} as const;
