/**
 * The one seam between the engine and whatever computes tokens (DESIGN.md §2).
 * The engine hands over a step's batch with physical block tables; the executor writes
 * K/V into exactly those blocks and returns one sampled token per sequence that asked.
 */

/** Block-level copies the executor must apply before running the step's forward pass. */
export interface BlockOps {
	/** Copy-on-write: copy K/V of GPU block `from` into GPU block `to`. */
	copies: [from: number, to: number][];
	/** Move GPU block → CPU block (the GPU block is free after this step's ops). */
	swapOut: [gpu: number, cpu: number][];
	/** Move CPU block → GPU block. */
	swapIn: [cpu: number, gpu: number][];
}

export interface ScheduledSeq {
	req: string;
	seq: number;
	/** Every known token of the sequence: prompt + generated so far (the engine's own array; read only). */
	tokens: readonly number[];
	/** Tokens already holding K/V in the cache; this step computes `tokens[start .. start+numTokens)`. */
	start: number;
	numTokens: number;
	/** Physical GPU block ids, logical order; covers at least `start + numTokens` slots. */
	blockTable: readonly number[];
	/** True when this step reaches the end of the known tokens, so a next token must be sampled. */
	sample: boolean;
	/** Independent samples to draw (parallel sampling's prefill asks for `n`); usually 1. */
	numSamples: number;
	/** Beam search: return the `beamWidth` most likely next tokens with log-probs (0 = not beam search). */
	beamWidth: number;
	/** Sampling seed material, stable for (request, seq, position). */
	seed: number;
}

export interface StepBatch {
	step: number;
	blockSize: number;
	ops: BlockOps;
	seqs: ScheduledSeq[];
}

export interface Candidate {
	token: number;
	logprob: number;
}

/**
 * One entry per `seqs[i]` with `sample` true, in batch order. `candidates` holds the
 * `numSamples` independent samples when more than one was asked, or the `beamWidth` best tokens.
 */
export interface SampledToken {
	token: number;
	logprob: number;
	candidates?: Candidate[];
}

export interface Executor {
	readonly name: string;
	execute(batch: StepBatch): SampledToken[];
}
