/** Runtime state of a request: a sequence group (one sequence, or n samples / beams). */
import type { ScheduledSeq } from './executor';
import type { RequestSpec } from '../workload/request';
import { hashString } from '../workload/rng';

export type GroupStatus = 'waiting' | 'running' | 'swapped' | 'finished' | 'rejected';

/** Tokens a sequence ends with: prompt + output, cut at the model's context. */
export function finalLength(promptLen: number, outputLen: number, maxModelLen: number): number {
	return Math.min(promptLen + outputLen, maxModelLen);
}

export class Sequence {
	/** Physical block ids by logical index (CPU ids while swapped out). */
	blockTable: number[] = [];
	/** Chained prefix-cache hashes of the full blocks of `tokens`, computed lazily. */
	blockHashes: number[] = [];
	numComputed = 0;
	/** Sum of sampled tokens' log-probs (ranks beams). */
	logprob = 0;
	/** Mixed from (run seed, request, sequence) once; positions are added per token. */
	seedBase = 0;
	/** This sequence's entry in the executor's batch, reused step after step. */
	scheduled: ScheduledSeq | null = null;

	constructor(
		readonly id: number,
		/** Prompt + generated tokens. Shared read-only with the executor. */
		readonly tokens: number[]
	) {}

	/** Tokens known but not yet holding K/V. */
	get numRemaining(): number {
		return this.tokens.length - this.numComputed;
	}
}

export class SequenceGroup {
	status: GroupStatus = 'waiting';
	seqs: Sequence[];
	nextSeqId = 1;
	/** Parallel samples already forked off the prompt. */
	forked = false;
	numPreemptions = 0;
	arrivalMs = 0;
	firstTokenMs = -1;
	finishMs = -1;
	readonly promptLen: number;
	readonly width: number;
	readonly beam: boolean;
	/** Tokens each sequence ends with: prompt + outputLen, cut at maxModelLen. */
	readonly finalLen: number;
	/** Hash of the id, for sampling seeds. */
	readonly idHash: number;

	constructor(
		readonly spec: RequestSpec,
		maxModelLen: number
	) {
		this.promptLen = spec.promptTokens.length;
		this.beam = (spec.beamWidth ?? 1) > 1;
		this.width = this.beam ? spec.beamWidth! : (spec.n ?? 1);
		this.finalLen = finalLength(this.promptLen, spec.outputLen, maxModelLen);
		this.seqs = [new Sequence(0, spec.promptTokens.slice())];
		this.idHash = hashString(spec.id);
	}

	/** Back to the bare prompt: what recompute means for a group of forked sequences. */
	restart(): void {
		this.seqs = [new Sequence(0, this.spec.promptTokens.slice())];
		this.nextSeqId = 1;
		this.forked = false;
	}

	get id(): string {
		return this.spec.id;
	}

	/** Sequences this group will run at most (what maxNumSeqs counts at admission). */
	get maxSeqs(): number {
		return Math.max(this.width, this.seqs.length);
	}

	get numOutputs(): number {
		return this.seqs[0].tokens.length - this.promptLen;
	}

	get isFinished(): boolean {
		return this.seqs[0].tokens.length >= this.finalLen;
	}
}
