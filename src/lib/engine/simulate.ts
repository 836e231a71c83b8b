/** Run a whole simulation in one call: what the CLI, the pages and the tests use. */
import type { EngineConfig } from './config';
import type { CostModel } from './cost-model';
import { Engine } from './engine';
import { EventLog } from '../events/event-log';
import type { EngineEvent } from '../events/events';
import type { Executor } from './executor';
import type { RequestSpec } from '../workload/request';
import type { Summary } from './stats';

export interface SimulateOptions {
	/** Keep every event (default true); false only counts them. */
	keepEvents?: boolean;
	executor?: Executor;
	costModel?: CostModel;
}

export interface SimulationResult {
	events: EngineEvent[];
	summary: Summary;
}

export function simulate(config: EngineConfig, requests: readonly RequestSpec[], opts: SimulateOptions = {}): SimulationResult {
	const log = new EventLog(opts.keepEvents ?? true);
	const engine = new Engine(config, requests, { sink: log, executor: opts.executor, costModel: opts.costModel });
	const summary = engine.run();
	return { events: log.events ?? [], summary };
}
