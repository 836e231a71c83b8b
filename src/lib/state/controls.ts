/** The lab's controls as data: which field, what label, what range (the URL clamps wider). */
import { ALLOCATORS, PREEMPTION_MODES, type EngineConfig } from '../engine/config';
import type { MessageKey } from '../i18n';
import { PRESETS, type WorkloadParams } from '../url/url-state';

export type Control =
	| { kind: 'range'; min: number; max: number; step: number }
	| { kind: 'select'; options: readonly (string | number)[] }
	| { kind: 'check' }
	| { kind: 'number'; min: number; max: number };

export type ControlDef =
	| { scope: 'config'; field: keyof EngineConfig; label: MessageKey; control: Control }
	| { scope: 'workload'; field: keyof WorkloadParams; label: MessageKey; control: Control };

const range = (min: number, max: number, step = 1): Control => ({ kind: 'range', min, max, step });

export const ENGINE_CONTROLS: readonly ControlDef[] = [
	{ scope: 'config', field: 'allocator', label: 'lab.allocator', control: { kind: 'select', options: ALLOCATORS } },
	{ scope: 'config', field: 'blockSize', label: 'lab.blockSize', control: { kind: 'select', options: [1, 2, 4, 8, 16, 32, 64] } },
	{ scope: 'config', field: 'numGpuBlocks', label: 'lab.numGpuBlocks', control: range(4, 512) },
	{ scope: 'config', field: 'numCpuBlocks', label: 'lab.numCpuBlocks', control: range(0, 256) },
	{ scope: 'config', field: 'maxNumSeqs', label: 'lab.maxNumSeqs', control: range(1, 64) },
	{ scope: 'config', field: 'maxNumBatchedTokens', label: 'lab.maxNumBatchedTokens', control: range(16, 4096, 16) },
	{ scope: 'config', field: 'maxModelLen', label: 'lab.maxModelLen', control: range(16, 4096, 16) },
	{ scope: 'config', field: 'enablePrefixCaching', label: 'lab.enablePrefixCaching', control: { kind: 'check' } },
	{ scope: 'config', field: 'enableChunkedPrefill', label: 'lab.enableChunkedPrefill', control: { kind: 'check' } },
	{ scope: 'config', field: 'preemptionMode', label: 'lab.preemptionMode', control: { kind: 'select', options: PREEMPTION_MODES } },
	{ scope: 'config', field: 'watermark', label: 'lab.watermark', control: range(0, 0.5, 0.01) },
	{ scope: 'config', field: 'seed', label: 'lab.seed', control: { kind: 'number', min: 0, max: 2 ** 31 - 1 } }
];

export const WORKLOAD_CONTROLS: readonly ControlDef[] = [
	{ scope: 'workload', field: 'preset', label: 'lab.preset', control: { kind: 'select', options: PRESETS } },
	{ scope: 'workload', field: 'numRequests', label: 'lab.numRequests', control: range(1, 200) },
	{ scope: 'workload', field: 'ratePerStep', label: 'lab.ratePerStep', control: range(0, 8, 0.1) },
	{ scope: 'workload', field: 'promptLen', label: 'lab.promptLen', control: range(1, 512) },
	{ scope: 'workload', field: 'outputLen', label: 'lab.outputLen', control: range(1, 512) },
	{ scope: 'workload', field: 'sharedPrefixLen', label: 'lab.sharedPrefixLen', control: range(0, 256) },
	{ scope: 'workload', field: 'sharedPrefixFraction', label: 'lab.sharedPrefixFraction', control: range(0, 1, 0.05) },
	{ scope: 'workload', field: 'n', label: 'lab.n', control: range(1, 8) },
	{ scope: 'workload', field: 'beamWidth', label: 'lab.beamWidth', control: range(1, 8) },
	{ scope: 'workload', field: 'seed', label: 'lab.seed', control: { kind: 'number', min: 0, max: 2 ** 31 - 1 } }
];
