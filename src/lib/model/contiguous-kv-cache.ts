/**
 * The classic contiguous KV cache (Hugging Face's past_key_values): per sequence and layer
 * one [length, nh, hs] tensor that grows by concatenation. The baseline paged attention
 * must reproduce, and the comparison point of the benchmark.
 */
import * as tf from '@tensorflow/tfjs';
import type { Attend, SeqChunk } from './gpt';
import { causalAttention, chunkRows, perChunk } from './gpt';

interface SeqKv {
	k: tf.Tensor3D[]; // per layer [length, nh, hs]
	v: tf.Tensor3D[];
}

export interface ContiguousChunk extends SeqChunk {
	/** Which cached sequence this chunk extends; its cache must hold exactly `start` tokens. */
	id: string;
}

export class ContiguousKvCache {
	private readonly seqs = new Map<string, SeqKv>();

	length(id: string): number {
		return this.seqs.get(id)?.k[0]?.shape[0] ?? 0;
	}

	/** A forked sequence gets its own copy (contiguous caches cannot share). */
	fork(parent: string, child: string): void {
		const kv = this.seqs.get(parent);
		if (!kv) throw new Error(`no cached sequence ${parent}`);
		this.seqs.set(child, { k: kv.k.map((t) => tf.keep(t.clone())), v: kv.v.map((t) => tf.keep(t.clone())) });
	}

	free(id: string): void {
		const kv = this.seqs.get(id);
		if (!kv) return;
		for (const t of [...kv.k, ...kv.v]) t.dispose();
		this.seqs.delete(id);
	}

	dispose(): void {
		for (const id of [...this.seqs.keys()]) this.free(id);
	}

	/** The contiguous path's `Attend`: each sequence's fresh K/V appended to its cached [L, nh, hs], then attended over. */
	attend(chunks: readonly ContiguousChunk[]): Attend {
		for (const c of chunks) {
			if (this.length(c.id) !== c.start)
				throw new Error(`sequence ${c.id} has ${this.length(c.id)} cached tokens, chunk starts at ${c.start}`);
			if (!this.seqs.has(c.id)) this.seqs.set(c.id, { k: [], v: [] });
		}
		return (layer, q, k, v) =>
			perChunk(chunks, (i, o) => {
				const kv = this.seqs.get(chunks[i].id)!;
				const kAll = this.append(kv.k, layer, chunkRows(k, o, chunks, i)); // [start+n, nh, hs]
				const vAll = this.append(kv.v, layer, chunkRows(v, o, chunks, i)); // [start+n, nh, hs]
				return causalAttention(chunkRows(q, o, chunks, i), kAll, vAll, chunks[i].start); // [n_i, C]
			}); // [N, C]
	}

	private append(store: tf.Tensor3D[], layer: number, fresh: tf.Tensor3D): tf.Tensor3D {
		const old = store[layer];
		const next = tf.keep(old ? tf.concat([old, fresh], 0) : fresh.clone()); // [length, nh, hs]
		old?.dispose();
		store[layer] = next;
		return next;
	}
}
