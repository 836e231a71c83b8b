/**
 * The pool's part of a replay checkpoint: a key (every per-block array whole) now and then,
 * and in between a delta (only the blocks that changed since the checkpoint before). A pool
 * of 131,072 blocks is megabytes whole, while a gap of events touches a few thousand blocks,
 * so deltas keep checkpoints near their budget at any pool size. Restoring copies the last key
 * and applies the deltas after it; a key is taken once the deltas since the last one add up
 * to KEY_AFTER times its size, so restoring never reads more than that.
 */

/** The pool's state as parallel per-block arrays of one device: int planes and byte planes. */
export interface Planes {
	ints: Int32Array[];
	bytes: Uint8Array[];
}

/** A checkpoint's pool: a key (planes whole) or a delta (changed blocks, each with every plane's value). */
export interface PoolPart {
	key: boolean;
	/** Key: the int planes of each device, end to end. Delta: per device, a count, then (id, values…) per changed block. */
	ints: Int32Array;
	/** Key: the byte planes end to end. Delta: empty. */
	bytes: Uint8Array;
}

/** Deltas since the last key may add up to this many times its size before the next key. */
const KEY_AFTER = 2;

/** What the planes were at the last checkpoint: what the next delta is taken against. */
export class PoolDiffer {
	#seen: Planes[];
	#mark: Uint8Array[];
	#keyBytes = 0;
	#sinceKey = 0;

	constructor(devices: Planes[]) {
		this.#seen = devices.map((d) => ({ ints: d.ints.map((p) => p.slice()), bytes: d.bytes.map((p) => p.slice()) }));
		this.#mark = devices.map((d) => new Uint8Array(size(d)));
	}

	/** The pool's part of a checkpoint now: a delta, or a key when the deltas since the last one have grown past it. */
	take(devices: Planes[]): PoolPart {
		if (this.#keyBytes > 0) {
			const delta = this.#delta(devices);
			if (this.#sinceKey + delta.ints.byteLength <= KEY_AFTER * this.#keyBytes) {
				this.#sinceKey += delta.ints.byteLength;
				return delta;
			}
		}
		const key = keyOf(devices);
		for (let d = 0; d < devices.length; d++) copyPlanes(devices[d], this.#seen[d]);
		this.#keyBytes = key.ints.byteLength + key.bytes.byteLength;
		this.#sinceKey = 0;
		return key;
	}

	#delta(devices: Planes[]): PoolPart {
		const ids: number[][] = [];
		let total = 0;
		for (let d = 0; d < devices.length; d++) {
			const mark = this.#mark[d];
			mark.fill(0);
			const now = devices[d];
			const seen = this.#seen[d];
			for (let k = 0; k < now.ints.length; k++) markInts(now.ints[k], seen.ints[k], mark);
			for (let k = 0; k < now.bytes.length; k++) markBytes(now.bytes[k], seen.bytes[k], mark);
			const changed: number[] = [];
			for (let i = 0; i < mark.length; i++) if (mark[i]) changed.push(i);
			ids.push(changed);
			total += 1 + changed.length * (1 + now.ints.length + now.bytes.length);
		}
		const out = new Int32Array(total);
		let o = 0;
		for (let d = 0; d < devices.length; d++) {
			const now = devices[d];
			const seen = this.#seen[d];
			out[o++] = ids[d].length;
			for (const i of ids[d]) {
				out[o++] = i;
				for (let k = 0; k < now.ints.length; k++) out[o++] = seen.ints[k][i] = now.ints[k][i];
				for (let k = 0; k < now.bytes.length; k++) out[o++] = seen.bytes[k][i] = now.bytes[k][i];
			}
		}
		return { key: false, ints: out, bytes: new Uint8Array(0) };
	}
}

/** Set `devices` to what checkpoint `k` holds (`partAt(j)`: checkpoint j's pool): the key at or before it, then each delta up to it. */
export function restorePool(devices: Planes[], partAt: (j: number) => PoolPart, k: number): void {
	let j = k;
	while (!partAt(j).key) j--;
	const key = partAt(j);
	let oi = 0;
	let ob = 0;
	for (const d of devices) {
		for (const p of d.ints) {
			p.set(key.ints.subarray(oi, oi + p.length));
			oi += p.length;
		}
		for (const p of d.bytes) {
			p.set(key.bytes.subarray(ob, ob + p.length));
			ob += p.length;
		}
	}
	// Indexed loops: a for-of per changed block allocated an iterator each time.
	for (let m = j + 1; m <= k; m++) {
		const x = partAt(m).ints;
		let o = 0;
		for (let d = 0; d < devices.length; d++) {
			const { ints, bytes } = devices[d];
			const n = x[o++];
			for (let c = 0; c < n; c++) {
				const i = x[o++];
				for (let q = 0; q < ints.length; q++) ints[q][i] = x[o++];
				for (let q = 0; q < bytes.length; q++) bytes[q][i] = x[o++];
			}
		}
	}
}

function size(d: Planes): number {
	return (d.ints[0] ?? d.bytes[0])?.length ?? 0;
}

function keyOf(devices: Planes[]): PoolPart {
	let ni = 0;
	let nb = 0;
	for (const d of devices) {
		for (const p of d.ints) ni += p.length;
		for (const p of d.bytes) nb += p.length;
	}
	const ints = new Int32Array(ni);
	const bytes = new Uint8Array(nb);
	let oi = 0;
	let ob = 0;
	for (const d of devices) {
		for (const p of d.ints) {
			ints.set(p, oi);
			oi += p.length;
		}
		for (const p of d.bytes) {
			bytes.set(p, ob);
			ob += p.length;
		}
	}
	return { key: true, ints, bytes };
}

function copyPlanes(from: Planes, to: Planes): void {
	from.ints.forEach((p, k) => to.ints[k].set(p));
	from.bytes.forEach((p, k) => to.bytes[k].set(p));
}

// One function per array type, so each loop stays monomorphic.
function markInts(now: Int32Array, seen: Int32Array, mark: Uint8Array): void {
	for (let i = 0; i < now.length; i++) if (now[i] !== seen[i]) mark[i] = 1;
}
function markBytes(now: Uint8Array, seen: Uint8Array, mark: Uint8Array): void {
	for (let i = 0; i < now.length; i++) if (now[i] !== seen[i]) mark[i] = 1;
}
