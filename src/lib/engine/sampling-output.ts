/**
 * What a step's sampled tokens do to a sequence group: append one token per sequence,
 * fork the parallel samples off the prompt, or pick the best beams (forking the winners,
 * freeing the losers), as vLLM V0's output processor did.
 */
import type { KvAllocator } from './allocator';
import type { EventSink } from '../events/sink';
import type { SampledToken } from './executor';
import type { Scheduler } from './scheduler';
import { Sequence, type SequenceGroup } from './sequence';
import type { StatsCollector } from './stats';

/**
 * After the executor ran: advance every scheduled sequence's computed count, append the
 * sampled tokens, fork or prune; returns the groups that finished this step.
 */
export function processOutputs(
	sched: Scheduler,
	sampled: readonly SampledToken[],
	kv: KvAllocator,
	sink: EventSink,
	stats: StatsCollector
): SequenceGroup[] {
	const finished: SequenceGroup[] = [];
	let next = 0;
	for (let i = 0; i < sched.numScheduled; i++) {
		const g = sched.scheduled[i];
		const numNew = sched.scheduledTokens[i];
		if (g.seqs.length === 1 && g.width === 1) {
			// The common case, kept free of allocation: one sequence, one token.
			const seq = g.seqs[0];
			const sample = seq.numComputed + numNew === seq.tokens.length;
			seq.numComputed += numNew;
			if (!sample) continue;
			if (g.firstTokenMs < 0) stats.firstToken(g);
			appendToken(g, seq, sampled[next++], sink);
			if (g.isFinished) finished.push(g);
			continue;
		}
		const samples: SampledToken[] = [];
		for (const seq of g.seqs) {
			const sample = seq.numComputed + numNew === seq.tokens.length;
			seq.numComputed += numNew;
			if (sample) samples.push(sampled[next++]);
		}
		if (samples.length === 0) continue;
		if (g.firstTokenMs < 0) stats.firstToken(g);
		postprocessGroup(g, samples, kv, sink);
		if (g.isFinished) finished.push(g);
	}
	return finished;
}

export function postprocessGroup(g: SequenceGroup, samples: SampledToken[], kv: KvAllocator, sink: EventSink): void {
	if (g.beam) return selectBeams(g, samples, kv, sink);
	if (g.width > 1 && !g.forked) return forkSamples(g, samples[0], kv, sink);
	for (let i = 0; i < g.seqs.length; i++) appendToken(g, g.seqs[i], samples[i], sink);
}

function forkSamples(g: SequenceGroup, s: SampledToken, kv: KvAllocator, sink: EventSink): void {
	const parent = g.seqs[0];
	const draws = s.candidates ?? [s];
	for (let i = 1; i < g.width; i++) g.seqs.push(fork(g, parent, kv, sink));
	g.forked = true;
	g.seqs.forEach((seq, i) => append(g, seq, draws[i % draws.length].token, draws[i % draws.length].logprob, sink));
}

function selectBeams(g: SequenceGroup, samples: SampledToken[], kv: KvAllocator, sink: EventSink): void {
	const options: { parent: number; token: number; logprob: number; score: number }[] = [];
	samples.forEach((s, parent) => {
		for (const c of s.candidates ?? [s])
			options.push({ parent, token: c.token, logprob: c.logprob, score: g.seqs[parent].logprob + c.logprob });
	});
	// Stable: ties keep (parent, candidate) order.
	const chosen = options
		.map((o, i) => [o, i] as const)
		.sort((a, b) => b[0].score - a[0].score || a[1] - b[1])
		.slice(0, g.width)
		.map((x) => x[0]);
	const parents = g.seqs;
	const used = new Set<number>();
	const next: [Sequence, (typeof chosen)[number]][] = [];
	for (const c of chosen) {
		const p = parents[c.parent];
		next.push([used.has(c.parent) ? fork(g, p, kv, sink) : p, c]);
		used.add(c.parent);
	}
	for (let i = 0; i < parents.length; i++) {
		if (used.has(i)) continue;
		sink.seqFreed(g.id, parents[i].id);
		kv.freeSeq(g, parents[i]);
	}
	g.seqs = next.map(([seq]) => seq).sort((a, b) => a.id - b.id);
	for (const [seq, c] of next) append(g, seq, c.token, c.logprob, sink);
}

function fork(g: SequenceGroup, parent: Sequence, kv: KvAllocator, sink: EventSink): Sequence {
	const child = new Sequence(g.nextSeqId++, parent.tokens.slice());
	child.logprob = parent.logprob;
	kv.fork(g, parent, child);
	sink.forked(g.id, parent.id, child.id);
	return child;
}

function append(g: SequenceGroup, seq: Sequence, token: number, logprob: number, sink: EventSink): void {
	seq.tokens.push(token);
	seq.logprob += logprob;
	sink.generated(g.id, seq.id, token);
}

export function appendToken(g: SequenceGroup, seq: Sequence, s: SampledToken, sink: EventSink): void {
	append(g, seq, s.token, s.logprob, sink);
}
