/**
 * What a step's sampled tokens do to a sequence group: append one token per sequence,
 * fork the parallel samples off the prompt, or pick the best beams (forking the winners,
 * freeing the losers), as vLLM V0's output processor did.
 */
import type { KvAllocator } from './allocator';
import type { EventLog } from '../events/event-log';
import type { SampledToken } from './executor';
import { Sequence, type SequenceGroup } from './sequence';

export function postprocessGroup(g: SequenceGroup, samples: SampledToken[], kv: KvAllocator, log: EventLog, step: number): void {
	if (g.beam) return selectBeams(g, samples, kv, log, step);
	if (g.width > 1 && !g.forked) return forkSamples(g, samples[0], kv, log, step);
	for (let i = 0; i < g.seqs.length; i++) appendToken(g, g.seqs[i], samples[i], log, step);
}

function forkSamples(g: SequenceGroup, s: SampledToken, kv: KvAllocator, log: EventLog, step: number): void {
	const parent = g.seqs[0];
	const draws = s.candidates ?? [s];
	for (let i = 1; i < g.width; i++) g.seqs.push(fork(g, parent, kv, log, step));
	g.forked = true;
	g.seqs.forEach((seq, i) => append(g, seq, draws[i % draws.length].token, draws[i % draws.length].logprob, log, step));
}

function selectBeams(g: SequenceGroup, samples: SampledToken[], kv: KvAllocator, log: EventLog, step: number): void {
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
		next.push([used.has(c.parent) ? fork(g, p, kv, log, step) : p, c]);
		used.add(c.parent);
	}
	for (let i = 0; i < parents.length; i++) {
		if (used.has(i)) continue;
		if (log.wantsObjects) log.push({ step, type: 'seq_freed', req: g.id, seq: parents[i].id });
		else log.counts.seq_freed++;
		kv.freeSeq(g, parents[i]);
	}
	g.seqs = next.map(([seq]) => seq).sort((a, b) => a.id - b.id);
	for (const [seq, c] of next) append(g, seq, c.token, c.logprob, log, step);
}

function fork(g: SequenceGroup, parent: Sequence, kv: KvAllocator, log: EventLog, step: number): Sequence {
	const child = new Sequence(g.nextSeqId++, parent.tokens.slice());
	child.logprob = parent.logprob;
	kv.fork(g, parent, child);
	if (log.wantsObjects) log.push({ step, type: 'forked', req: g.id, parent: parent.id, child: child.id });
	else log.counts.forked++;
	return child;
}

function append(g: SequenceGroup, seq: Sequence, token: number, logprob: number, log: EventLog, step: number): void {
	seq.tokens.push(token);
	seq.logprob += logprob;
	if (log.wantsObjects) log.push({ step, type: 'generated', req: g.id, seq: seq.id, token });
	else log.counts.generated++;
}

export function appendToken(g: SequenceGroup, seq: Sequence, s: SampledToken, log: EventLog, step: number): void {
	append(g, seq, s.token, s.logprob, log, step);
}
