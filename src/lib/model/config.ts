/** The shape of a GPT model: everything the weights, the caches and the card derive from. */
export interface GptConfig {
	vocabSize: number;
	/** Largest number of positions (learned position table rows). */
	contextLength: number;
	nLayer: number;
	nHead: number;
	nEmbd: number;
}

export function headDim(cfg: GptConfig): number {
	if (cfg.nEmbd % cfg.nHead !== 0) throw new Error(`nEmbd ${cfg.nEmbd} is not a multiple of nHead ${cfg.nHead}`);
	return cfg.nEmbd / cfg.nHead;
}

/** Every weight tensor by name with the shape the config implies (the file format's checklist). */
export function expectedShapes(cfg: GptConfig): Map<string, number[]> {
	const { vocabSize: V, contextLength: T, nEmbd: C } = cfg;
	const shapes = new Map<string, number[]>([
		['wte', [V, C]],
		['wpe', [T, C]]
	]);
	for (let l = 0; l < cfg.nLayer; l++) {
		const p = `h.${l}.`;
		shapes.set(p + 'ln1.g', [C]);
		shapes.set(p + 'ln1.b', [C]);
		shapes.set(p + 'attn.wqkv', [C, 3 * C]);
		shapes.set(p + 'attn.bqkv', [3 * C]);
		shapes.set(p + 'attn.wo', [C, C]);
		shapes.set(p + 'attn.bo', [C]);
		shapes.set(p + 'ln2.g', [C]);
		shapes.set(p + 'ln2.b', [C]);
		shapes.set(p + 'mlp.w1', [C, 4 * C]);
		shapes.set(p + 'mlp.b1', [4 * C]);
		shapes.set(p + 'mlp.w2', [4 * C, C]);
		shapes.set(p + 'mlp.b2', [C]);
	}
	shapes.set('lnf.g', [C]);
	shapes.set('lnf.b', [C]);
	return shapes;
}

export function parameterCount(cfg: GptConfig): number {
	let n = 0;
	for (const shape of expectedShapes(cfg).values()) n += shape.reduce((a, b) => a * b, 1);
	return n;
}

/** K and V, every layer, float32: what one cached token costs. */
export function kvBytesPerToken(cfg: GptConfig): number {
	return 2 * cfg.nLayer * cfg.nEmbd * 4;
}
