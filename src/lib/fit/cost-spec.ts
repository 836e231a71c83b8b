/**
 * A cost model named in one URL-safe word, so a link can carry it to the lab: a preset's name
 * (`opt-13b-a100`) or a roofline `<model>_<gpu>_tp<N>_w<dtype>_kv<dtype>`
 * (`llama-3.1-8b_h100-80gb_tp1_wbf16_kvfp8`). Catalog ids never contain `_`.
 */
import { COST_MODELS, type CostModel } from '../engine/cost-model';
import { DTYPES, type Dtype } from './kv-sizing';
import { fitProblems } from './plan';
import { getGpu, GPU_IDS } from './gpus';
import { getModel, MODEL_IDS } from './models';
import { rooflineCostModel, type RooflineInput } from './roofline';

export interface RooflineSpec {
	model: string;
	gpu: string;
	tp: number;
	weightDtype: Dtype;
	kvDtype: Dtype;
}

export function formatCostSpec(s: RooflineSpec): string {
	return `${s.model}_${s.gpu}_tp${s.tp}_w${s.weightDtype}_kv${s.kvDtype}`;
}

/** The roofline spec in `word`, or null if it is not one (or names an unknown model, GPU or a bad TP). */
export function parseCostSpec(word: string): RooflineSpec | null {
	const m = /^([a-z0-9.-]+)_([a-z0-9.-]+)_tp(\d+)_w([a-z0-9]+)_kv([a-z0-9]+)$/.exec(word);
	if (!m || !MODEL_IDS.includes(m[1]) || !GPU_IDS.includes(m[2])) return null;
	const spec: RooflineSpec = { model: m[1], gpu: m[2], tp: Number(m[3]), weightDtype: m[4] as Dtype, kvDtype: m[5] as Dtype };
	if (!DTYPES.includes(spec.weightDtype) || !DTYPES.includes(spec.kvDtype)) return null;
	return fitProblems({ model: spec.model, gpu: spec.gpu, tp: spec.tp }).length ? null : spec;
}

/** The cost model a URL word names, or null. */
export function resolveCostModel(word: string): CostModel | null {
	if (Object.hasOwn(COST_MODELS, word)) return COST_MODELS[word];
	const spec = parseCostSpec(word);
	if (!spec) return null;
	const input: RooflineInput = {
		model: getModel(spec.model),
		gpu: getGpu(spec.gpu),
		tp: spec.tp,
		weightDtype: spec.weightDtype,
		kvDtype: spec.kvDtype
	};
	return rooflineCostModel(input);
}
