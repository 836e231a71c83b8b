/** The state a view draws: what replay.ts folds out of the event stream at a cursor. */
import type { EngineConfig } from '../engine/config';
import type { EventOf, Phase, RejectReason } from '../events/events';

export interface BlockState {
	id: number;
	refCount: number;
	/** Registered in the prefix-cache index (stays true while free, until evicted). */
	cached: boolean;
	/** Request that last allocated (or hit) this block; kept after free so a cached block keeps its colour. */
	owner: string | null;
	/** Slots holding computed K/V. */
	fill: number;
	/** Token ids in the block's slots (length = fill); built when read. */
	readonly tokens: number[];
	/** vLLM V1's null block (block 0 under semantics "v1"): a placeholder, never allocated. */
	nullBlock?: boolean;
}

export type RequestStatus = 'waiting' | 'running' | 'swapped' | 'finished' | 'rejected';

export interface SeqState {
	seq: number;
	/** Physical block ids by logical index (GPU ids, or CPU ids while swapped). */
	blockTable: number[];
	/** Prompt + generated tokens. */
	tokens: number[];
	numComputed: number;
}

export interface RequestState {
	id: string;
	/** Arrival order, 0-based: a stable colour index. */
	index: number;
	status: RequestStatus;
	arrivalStep: number;
	promptLen: number;
	outputLen: number;
	width: number;
	beam: boolean;
	seqs: SeqState[];
	phase: Phase | null;
	/** Tokens scheduled in the current step (0 when not scheduled). */
	scheduledTokens: number;
	lastScheduledStep: number;
	preemptions: number;
	prefixHitTokens: number;
	firstTokenStep: number | null;
	finishStep: number | null;
	rejectReason: RejectReason | null;
}

export interface SpanState {
	req: string;
	seq: number;
	start: number;
	length: number;
}

/** The last step_end's figures. */
export type StepStats = Omit<EventOf<'step_end'>, 'type' | 'step'>;

export interface ReplayState {
	config: EngineConfig;
	/** Step of the last applied event (-1 before any). */
	step: number;
	/** Events applied so far. */
	cursor: number;
	gpu: BlockState[];
	cpu: BlockState[];
	/**
	 * The GPU pool as typed arrays, by block id (owner: request index, -1 for none), for maps
	 * too big to read block objects from; `gpu` holds the same figures. Absent in states built
	 * by hand.
	 */
	pool?: { refCount: Int32Array; owner: Int32Array; fill: Int32Array; cached: Uint8Array };
	/** The CPU (swap) pool as typed arrays, like `pool` (nothing is cached there: `cached` is all 0). */
	cpuPool?: { refCount: Int32Array; owner: Int32Array; fill: Int32Array; cached: Uint8Array };
	/** One block, made when asked: a read-out of one of 131,072 blocks need not make them all. Absent in states built by hand. */
	block?(device: 'gpu' | 'cpu', id: number): BlockState | undefined;
	/** GPU free queue, head first (the next block to be allocated); built when read. */
	freeQueue: number[];
	/** How many GPU blocks the free queue holds (its length, without building it). */
	freeBlocks: number;
	/** Contiguous allocators: the reserved spans, by start slot. */
	spans: SpanState[];
	/** Every request that has arrived, in arrival order (built lazily: read it, don't copy it whole). */
	requests: ReadonlyMap<string, RequestState>;
	waiting: string[];
	running: string[];
	swapped: string[];
	/** The last completed step's figures. */
	stats: StepStats | null;
	/** Simulated time at the end of the last completed step. */
	clockMs: number;
}
