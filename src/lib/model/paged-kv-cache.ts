/**
 * The paged K/V pool: per layer one K and one V tensor shaped
 * [numBlocks, blockSize, nHead, headDim] on the backend, plus a CPU-side store of
 * `numCpuBlocks` blocks for swapping; and `attend`, the paged path's `Attend`.
 *
 *   new K/V [N, nh, hs] ──► slot mapping (block-table.ts) ──► tf.tensorScatterUpdate(pool)  (write)
 *   pool ──► the block table's blocks ──► pagedAttention (gpt.ts)                            (read)
 *
 * The engine decides which physical block holds what; this class only moves numbers where
 * it is told.
 */
import * as tf from '@tensorflow/tfjs';
import type { BlockOps } from '../engine/executor';
import type { TableChunk } from './block-table';
import { blocksFor, slotMapping } from './block-table';
import type { GptConfig } from './config';
import { headDim } from './config';
import type { Attend, SeqChunk } from './gpt';
import { blockSelector, chunkRows, pagedAttention, perChunk } from './gpt';

export interface PagedCacheConfig {
	numGpuBlocks: number;
	blockSize: number;
	numCpuBlocks: number;
}

/** A chunk of a sequence whose K/V live in the pool: `blockTable` covers `start + numTokens` slots. */
export interface PagedChunk extends SeqChunk, TableChunk {}

export class PagedKvCache {
	readonly numBlocks: number;
	readonly blockSize: number;
	readonly numCpuBlocks: number;
	readonly nLayer: number;
	readonly nHead: number;
	readonly headDim: number;
	private readonly k: tf.Tensor4D[] = []; // per layer [numBlocks, blockSize, nh, hs]
	private readonly v: tf.Tensor4D[] = [];
	private readonly cpuK: Float32Array[] = []; // per layer numCpuBlocks × blockSize × nh × hs
	private readonly cpuV: Float32Array[] = [];

	constructor(model: GptConfig, cfg: PagedCacheConfig) {
		this.numBlocks = cfg.numGpuBlocks;
		this.blockSize = cfg.blockSize;
		this.numCpuBlocks = cfg.numCpuBlocks;
		this.nLayer = model.nLayer;
		this.nHead = model.nHead;
		this.headDim = headDim(model);
		for (let l = 0; l < this.nLayer; l++) {
			this.k.push(tf.zeros([this.numBlocks, this.blockSize, this.nHead, this.headDim]));
			this.v.push(tf.zeros([this.numBlocks, this.blockSize, this.nHead, this.headDim]));
			this.cpuK.push(new Float32Array(this.numCpuBlocks * this.blockElements));
			this.cpuV.push(new Float32Array(this.numCpuBlocks * this.blockElements));
		}
	}

	/** Floats in one block of one layer's K (or V). */
	get blockElements(): number {
		return this.blockSize * this.nHead * this.headDim;
	}

	keys(layer: number): tf.Tensor4D {
		return this.k[layer];
	}

	values(layer: number): tf.Tensor4D {
		return this.v[layer];
	}

	/** Write N tokens' K/V ([N, nh, hs] each) at their slots, `slotIndex` [N, 2] = (block, offset). Safe inside tf.tidy. */
	write(layer: number, slotIndex: tf.Tensor2D, k: tf.Tensor3D, v: tf.Tensor3D): void {
		this.replace(this.k, layer, tf.tensorScatterUpdate(this.k[layer], slotIndex, k));
		this.replace(this.v, layer, tf.tensorScatterUpdate(this.v[layer], slotIndex, v));
	}

	/**
	 * The paged path's `Attend` for one forward over `chunks`: each layer writes the fresh
	 * K/V of all N tokens at their slots, then each sequence attends over its blocks.
	 */
	attend(chunks: readonly PagedChunk[]): Attend {
		const slots = slotMapping(chunks, this.blockSize); // [N] (block, offset)
		let prepared: { slotIndex: tf.Tensor2D; selectors: tf.Tensor[] } | null = null;
		return (layer, q, k, v) => {
			// Built on the first layer, inside the forward's tf.tidy, shared by the other layers.
			prepared ??= {
				slotIndex: tf.tensor2d(slots, [slots.length, 2], 'int32'), // [N, 2]
				selectors: chunks.map((c) => blockSelector(c.blockTable, blocksFor(c.start + c.numTokens, this.blockSize), this.numBlocks))
			};
			const { slotIndex, selectors } = prepared;
			this.write(layer, slotIndex, k, v);
			return perChunk(chunks, (i, o) =>
				pagedAttention(chunkRows(q, o, chunks, i), this.k[layer], this.v[layer], selectors[i], chunks[i].start)
			); // [N, C]
		};
	}

	/**
	 * The step's block operations, in an order that is safe when they share blocks:
	 * swap-outs first (their GPU blocks may be reused by this step's swap-ins or copies),
	 * then swap-ins, then copy-on-write copies (whose source may have just been swapped in).
	 */
	applyOps(ops: BlockOps): void {
		if (ops.swapOut.length) this.swapOut(ops.swapOut);
		if (ops.swapIn.length) this.swapIn(ops.swapIn);
		if (ops.copies.length) this.copyBlocks(ops.copies);
	}

	/** Copy-on-write: block `to` gets the K/V of block `from`, all layers. */
	copyBlocks(pairs: readonly [from: number, to: number][]): void {
		tf.tidy(() => {
			const from = tf.tensor1d(
				pairs.map((p) => p[0]),
				'int32'
			);
			const to = tf.tensor2d(
				pairs.map((p) => [p[1]]),
				[pairs.length, 1],
				'int32'
			); // [M, 1]
			for (const pool of [this.k, this.v]) {
				for (let l = 0; l < this.nLayer; l++) {
					const blocks = tf.gather(pool[l], from); // [M, bs, nh, hs]
					this.replace(pool, l, tf.tensorScatterUpdate(pool[l], to, blocks));
				}
			}
		});
	}

	/** GPU → CPU. The GPU block keeps stale data; the engine treats it as free. */
	swapOut(pairs: readonly [gpu: number, cpu: number][]): void {
		const n = this.blockElements;
		for (const [pool, store] of [
			[this.k, this.cpuK],
			[this.v, this.cpuV]
		] as const) {
			for (let l = 0; l < this.nLayer; l++) {
				const data = readAndDispose(
					tf.tidy(() =>
						tf.gather(
							pool[l],
							pairs.map((p) => p[0])
						)
					)
				); // [M, bs, nh, hs]
				pairs.forEach(([, cpu], i) => {
					this.checkCpu(cpu);
					store[l].set(data.subarray(i * n, (i + 1) * n), cpu * n);
				});
			}
		}
	}

	/** CPU → GPU. */
	swapIn(pairs: readonly [cpu: number, gpu: number][]): void {
		const n = this.blockElements;
		const shape = [pairs.length, this.blockSize, this.nHead, this.headDim]; // [M, bs, nh, hs]
		tf.tidy(() => {
			const to = tf.tensor2d(
				pairs.map((p) => [p[1]]),
				[pairs.length, 1],
				'int32'
			); // [M, 1]
			for (const [pool, store] of [
				[this.k, this.cpuK],
				[this.v, this.cpuV]
			] as const) {
				for (let l = 0; l < this.nLayer; l++) {
					const data = new Float32Array(pairs.length * n);
					pairs.forEach(([cpu], i) => {
						this.checkCpu(cpu);
						data.set(store[l].subarray(cpu * n, (cpu + 1) * n), i * n);
					});
					this.replace(pool, l, tf.tensorScatterUpdate(pool[l], to, tf.tensor(data, shape)));
				}
			}
		});
	}

	/** One block's K (or V) of one layer as plain numbers, [bs, nh, hs] flattened (for views and tests). */
	readBlock(kind: 'k' | 'v', layer: number, block: number): Float32Array {
		const pool = kind === 'k' ? this.k : this.v;
		return readAndDispose(pool[layer].slice([block, 0, 0, 0], [1, -1, -1, -1])); // [1, bs, nh, hs]
	}

	dispose(): void {
		for (const t of [...this.k, ...this.v]) t.dispose();
		this.k.length = 0;
		this.v.length = 0;
	}

	/** Swap a layer's pool for its updated version; the new tensor outlives any enclosing tidy. */
	private replace(pool: tf.Tensor4D[], layer: number, next: tf.Tensor): void {
		const old = pool[layer];
		pool[layer] = tf.keep(next as tf.Tensor4D);
		old.dispose();
	}

	private checkCpu(cpu: number): void {
		if (cpu < 0 || cpu >= this.numCpuBlocks) throw new Error(`CPU block ${cpu} out of range (numCpuBlocks ${this.numCpuBlocks})`);
	}
}

/** dataSync then dispose. (Never return a typed array from tf.tidy: tidy walks it element by element.) */
export function readAndDispose(t: tf.Tensor): Float32Array {
	const data = t.dataSync() as Float32Array;
	t.dispose();
	return data;
}
