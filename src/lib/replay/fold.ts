/**
 * The fold itself: one event applied to the replayed state, an exhaustive switch over the
 * event union. replay.ts adds checkpoints on top.
 */
import { assertNever, type EngineEvent, type EventOf } from '../events/events';
import { FreeQueue } from '../engine/memory/free-queue';
import type { BlockState, ReplayState, RequestState, SeqState } from './state';

export class ReplayFold {
	private s: ReplayState;
	private free: FreeQueue;

	constructor(start: EngineEvent) {
		if (start.type !== 'run_start') throw new Error('an event stream must begin with run_start');
		const { numGpuBlocks, numCpuBlocks } = start.config;
		this.s = {
			config: { ...start.config },
			step: -1,
			cursor: 0,
			gpu: Array.from({ length: numGpuBlocks }, (_, id) => emptyBlock(id)),
			cpu: Array.from({ length: numCpuBlocks }, (_, id) => emptyBlock(id)),
			freeQueue: [],
			spans: [],
			requests: new Map(),
			waiting: [],
			running: [],
			swapped: [],
			stats: null,
			clockMs: 0
		};
		this.free = new FreeQueue(numGpuBlocks);
	}

	static from(state: ReplayState): ReplayFold {
		const m = Object.create(ReplayFold.prototype) as ReplayFold;
		m.s = clone(state);
		const q = new FreeQueue(state.gpu.length);
		for (let id = 0; id < state.gpu.length; id++) q.remove(id);
		for (const id of state.freeQueue) q.append(id);
		m.free = q;
		return m;
	}

	snapshot(): ReplayState {
		const out = clone(this.s);
		out.freeQueue = this.free.toArray();
		return out;
	}

	apply(e: EngineEvent): void {
		const s = this.s;
		s.step = e.step;
		s.cursor++;
		switch (e.type) {
			case 'run_start':
				return;
			case 'arrived':
				return this.arrived(e);
			case 'rejected': {
				const r = this.req(e.req);
				r.status = 'rejected';
				r.rejectReason = e.reason;
				remove(s.waiting, e.req);
				return;
			}
			case 'scheduled':
				return this.scheduled(e);
			case 'prefix_hit': {
				const r = this.req(e.req);
				this.hold(e.block, e.req);
				r.seqs[0].blockTable[e.logical] = e.block;
				r.seqs[0].numComputed += s.config.blockSize;
				r.prefixHitTokens += s.config.blockSize;
				return;
			}
			case 'block_allocated': {
				this.take(e.block, e.req, 0, []);
				this.seq(e.req, e.seq).blockTable[e.logical] = e.block;
				return;
			}
			case 'block_cached':
				s.gpu[e.block].cached = true;
				return;
			case 'block_evicted':
				s.gpu[e.block].cached = false;
				return;
			case 'block_freed': {
				const b = e.device === 'gpu' ? s.gpu[e.block] : s.cpu[e.block];
				if (b.refCount !== 0) throw new Error(`replay: block ${e.block} freed while held ${b.refCount} times`);
				if (e.device === 'gpu') this.free.append(e.block);
				return;
			}
			case 'cow': {
				const from = s.gpu[e.from];
				this.take(e.to, e.req, from.fill, from.tokens.slice());
				from.refCount--;
				this.seq(e.req, e.seq).blockTable[e.logical] = e.to;
				return;
			}
			case 'forked': {
				const r = this.req(e.req);
				const p = this.seq(e.req, e.parent);
				for (const b of p.blockTable) s.gpu[b].refCount++;
				r.seqs.push({ seq: e.child, blockTable: p.blockTable.slice(), tokens: p.tokens.slice(), numComputed: p.numComputed });
				return;
			}
			case 'seq_freed': {
				const r = this.req(e.req);
				const seq = this.seq(e.req, e.seq);
				for (const b of seq.blockTable) s.gpu[b].refCount--;
				r.seqs = r.seqs.filter((x) => x !== seq);
				return;
			}
			case 'generated': {
				const r = this.req(e.req);
				this.seq(e.req, e.seq).tokens.push(e.token);
				r.firstTokenStep ??= e.step;
				return;
			}
			case 'span_reserved':
				s.spans.push({ req: e.req, seq: e.seq, start: e.start, length: e.length });
				s.spans.sort((a, b) => a.start - b.start);
				return;
			case 'preempted':
				return this.preempted(e);
			case 'swapped_out':
				return this.swappedOut(e);
			case 'swapped_in':
				return this.swappedIn(e);
			case 'finished': {
				const r = this.req(e.req);
				this.release(r);
				r.status = 'finished';
				r.finishStep = e.step;
				r.phase = null;
				remove(s.running, e.req);
				return;
			}
			case 'step_end': {
				const { type: _t, step: _s, ...stats } = e;
				s.stats = { ...stats, memory: { ...e.memory } };
				s.clockMs += e.ms;
				return;
			}
			default:
				assertNever(e);
		}
	}

	private arrived(e: EventOf<'arrived'>): void {
		const s = this.s;
		const r: RequestState = {
			id: e.req,
			index: s.requests.size,
			status: 'waiting',
			arrivalStep: e.step,
			promptLen: e.promptTokens.length,
			outputLen: e.outputLen,
			width: e.width,
			beam: e.beam,
			seqs: [{ seq: 0, blockTable: [], tokens: e.promptTokens.slice(), numComputed: 0 }],
			phase: null,
			scheduledTokens: 0,
			lastScheduledStep: -1,
			preemptions: 0,
			prefixHitTokens: 0,
			firstTokenStep: null,
			finishStep: null,
			rejectReason: null
		};
		s.requests.set(e.req, r);
		s.waiting.push(e.req);
	}

	private scheduled(e: EventOf<'scheduled'>): void {
		const s = this.s;
		const r = this.req(e.req);
		if (r.status === 'waiting') {
			remove(s.waiting, e.req);
			s.running.push(e.req);
			r.status = 'running';
		}
		r.phase = e.phase;
		r.scheduledTokens = e.numTokens;
		r.lastScheduledStep = e.step;
		const bs = s.config.blockSize;
		const end = e.numComputed + e.numTokens;
		for (const seq of r.seqs) {
			seq.numComputed = end;
			if (s.config.allocator !== 'paged') continue;
			for (let i = Math.floor(e.numComputed / bs); i * bs < end; i++) {
				const b = s.gpu[seq.blockTable[i]];
				const fill = Math.min(bs, end - i * bs);
				if (fill > b.fill) {
					b.fill = fill;
					b.tokens = seq.tokens.slice(i * bs, i * bs + fill);
				}
			}
		}
	}

	private preempted(e: EventOf<'preempted'>): void {
		const s = this.s;
		const r = this.req(e.req);
		r.preemptions++;
		r.phase = null;
		remove(s.running, e.req);
		if (e.mode === 'swap') {
			r.status = 'swapped';
			s.swapped.push(e.req);
			return;
		}
		this.release(r);
		if (e.restart) r.seqs = [{ seq: 0, blockTable: [], tokens: r.seqs[0].tokens.slice(0, r.promptLen), numComputed: 0 }];
		for (const seq of r.seqs) seq.numComputed = 0;
		r.status = 'waiting';
		s.waiting.unshift(e.req);
	}

	private swappedOut(e: EventOf<'swapped_out'>): void {
		const s = this.s;
		const r = this.req(e.req);
		const map = new Map(e.blocks);
		for (const [gpu, cpu] of e.blocks) copyContents(s.gpu[gpu], s.cpu[cpu], e.req);
		for (const seq of r.seqs) {
			for (const b of seq.blockTable) {
				s.gpu[b].refCount--;
				s.cpu[map.get(b)!].refCount++;
			}
			seq.blockTable = seq.blockTable.map((b) => map.get(b)!);
		}
	}

	private swappedIn(e: EventOf<'swapped_in'>): void {
		const s = this.s;
		const r = this.req(e.req);
		const map = new Map(e.blocks);
		for (const [cpu, gpu] of e.blocks) {
			this.free.remove(gpu);
			copyContents(s.cpu[cpu], s.gpu[gpu], e.req);
			s.gpu[gpu].cached = false;
		}
		for (const seq of r.seqs) {
			for (const b of seq.blockTable) {
				s.cpu[b].refCount--;
				s.gpu[map.get(b)!].refCount++;
			}
			seq.blockTable = seq.blockTable.map((b) => map.get(b)!);
		}
		for (const [cpu] of e.blocks) Object.assign(s.cpu[cpu], emptyBlock(cpu));
		r.status = 'running';
		remove(s.swapped, e.req);
		s.running.push(e.req);
	}

	/** A fresh GPU block out of the free queue. */
	private take(id: number, owner: string, fill: number, tokens: number[]): void {
		this.free.remove(id);
		Object.assign(this.s.gpu[id], { refCount: 1, cached: false, owner, fill, tokens });
	}

	/** Another holder of a block (a prefix hit), reviving it if free. */
	private hold(id: number, owner: string): void {
		const b = this.s.gpu[id];
		if (b.refCount++ === 0) this.free.remove(id);
		b.owner = owner;
	}

	/** Drop every table of a request; the block_freed events that follow return blocks to the queue. */
	private release(r: RequestState): void {
		for (const seq of r.seqs) {
			for (const b of seq.blockTable) this.s.gpu[b].refCount--;
			seq.blockTable = [];
		}
		this.s.spans = this.s.spans.filter((sp) => sp.req !== r.id);
	}

	private req(id: string): RequestState {
		const r = this.s.requests.get(id);
		if (!r) throw new Error(`replay: event for unknown request ${id}`);
		return r;
	}

	private seq(req: string, seq: number): SeqState {
		const s = this.req(req).seqs.find((x) => x.seq === seq);
		if (!s) throw new Error(`replay: request ${req} has no sequence ${seq}`);
		return s;
	}
}

function emptyBlock(id: number): BlockState {
	return { id, refCount: 0, cached: false, owner: null, fill: 0, tokens: [] };
}

function copyContents(from: BlockState, to: BlockState, owner: string): void {
	to.fill = from.fill;
	to.tokens = from.tokens.slice();
	to.owner = owner;
}

function remove(xs: string[], x: string): void {
	const i = xs.indexOf(x);
	if (i >= 0) xs.splice(i, 1);
}

function clone(s: ReplayState): ReplayState {
	const requests = new Map<string, RequestState>();
	for (const [id, r] of s.requests)
		requests.set(id, {
			...r,
			seqs: r.seqs.map((q) => ({ ...q, blockTable: q.blockTable.slice(), tokens: q.tokens.slice() }))
		});
	return {
		...s,
		config: { ...s.config },
		gpu: s.gpu.map((b) => ({ ...b })),
		cpu: s.cpu.map((b) => ({ ...b })),
		freeQueue: s.freeQueue.slice(),
		spans: s.spans.map((x) => ({ ...x })),
		requests,
		waiting: s.waiting.slice(),
		running: s.running.slice(),
		swapped: s.swapped.slice(),
		stats: s.stats ? { ...s.stats, memory: { ...s.stats.memory } } : null
	};
}
