/** What every experiment is: a sweep run headless, giving rows, a CSV, charts and lab settings. */
import type { EngineConfig } from '../engine/config';
import type { WorkloadSpec } from '../workload/workload';

/** How big a sweep: `full` for docs/experiments, `quick` for a look, `tiny` for unit tests. */
export type SweepSize = 'full' | 'quick' | 'tiny';

export type Cell = number | string;
export type Row = Record<string, Cell>;

export interface RunOptions {
	size: SweepSize;
	/** Called after each run of the sweep. */
	onProgress?: (done: number, total: number) => void;
}

export interface Chart {
	/** File name stem, e.g. `memory-waste` → docs/experiments/memory-waste.svg. */
	file: string;
	svg: string;
}

export interface ExperimentResult {
	name: string;
	title: string;
	/** Column order of the CSV and the printed table. */
	columns: string[];
	rows: Row[];
	charts: Chart[];
	/** Assumptions and settings, printed under the table. */
	notes: string[];
}

/** One set of settings the /lab page can open: an engine config and a workload. */
export interface LabSettings {
	label: string;
	config: EngineConfig;
	workload: WorkloadSpec;
}

export interface Experiment {
	name: string;
	title: string;
	/** Where in the paper. */
	paper: string;
	run(opts: RunOptions): ExperimentResult;
	/** Representative settings for the lab page (smaller than the sweep, to stay interactive). */
	lab(): LabSettings[];
}
