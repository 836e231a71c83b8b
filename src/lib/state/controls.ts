/**
 * The lab's controls as data: which field, what label, what control, all read from the
 * parameter schema. A slider covers a comfortable range; its number box takes any value up
 * to the schema's maximum, the same range the URL and the engine accept.
 */
import type { EngineConfig } from '../engine/config';
import type { MessageKey } from '../i18n';
import { CONFIG_PARAMS, WORKLOAD_PARAMS, type Param } from '../params/schema';
import type { WorkloadParams } from '../url/url-state';

export type Control =
	/** `min`..`max`: the slider; `lo`..`hi`: the number box (the schema's range). */
	| { kind: 'range'; min: number; max: number; step: number; lo: number; hi: number }
	| { kind: 'select'; options: readonly (string | number)[] }
	| { kind: 'check' }
	| { kind: 'number'; min: number; max: number };

export type ControlDef =
	| { scope: 'config'; field: keyof EngineConfig; label: MessageKey; control: Control }
	| { scope: 'workload'; field: keyof WorkloadParams; label: MessageKey; control: Control };

/** The control the schema asks for; null if the parameter has none. */
function controlOf(p: Param): Control | null {
	const hint = p.control;
	if (!hint) return null;
	if (hint.kind === 'check') return { kind: 'check' };
	if (hint.kind === 'select') return { kind: 'select', options: hint.options ?? (p.kind === 'enum' ? p.values : []) };
	if (p.kind !== 'int' && p.kind !== 'num') throw new Error(`a ${hint.kind} control needs a number parameter`);
	if (hint.kind === 'number') return { kind: 'number', min: p.min, max: p.max };
	return { kind: 'range', min: hint.min, max: hint.max, step: hint.step, lo: p.min, hi: p.max };
}

function controls(scope: ControlDef['scope'], table: Record<string, Param>, fields: readonly string[]): ControlDef[] {
	return fields.map((field) => {
		const p = table[field];
		const control = controlOf(p);
		if (!control || !p.label) throw new Error(`${field} has no control or label in the schema`);
		return { scope, field, label: p.label as MessageKey, control } as ControlDef;
	});
}

export const ENGINE_CONTROLS: readonly ControlDef[] = controls('config', CONFIG_PARAMS, [
	'semantics',
	'allocator',
	'blockSize',
	'numGpuBlocks',
	'numCpuBlocks',
	'maxNumSeqs',
	'maxNumBatchedTokens',
	'maxModelLen',
	'enablePrefixCaching',
	'enableChunkedPrefill',
	'preemptionMode',
	'watermark',
	'seed'
]);

export const WORKLOAD_CONTROLS: readonly ControlDef[] = controls('workload', WORKLOAD_PARAMS, [
	'preset',
	'numRequests',
	'ratePerStep',
	'promptLen',
	'outputLen',
	'sharedPrefixLen',
	'sharedPrefixFraction',
	'n',
	'beamWidth',
	'seed'
]);
