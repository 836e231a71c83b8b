/**
 * The pool's part of a replay checkpoint: a key (every per-block array whole) now and then,
 * and in between a delta (only the blocks that changed since the checkpoint before). A pool
 * of 131,072 blocks is megabytes whole, while a gap of events touches a few thousand blocks,
 * so deltas keep checkpoints near their budget at any pool size. Restoring copies the last key
 * and applies the deltas after it; a key is taken once the deltas since the last one add up
 * to KEY_AFTER times its size, so restoring never reads more than that. The indexing fold
 * notes the blocks it writes (WrittenBlocks), so a delta compares those, not the whole pool:
 * at 131,072 blocks, scanning every plane was 2.3 ms a checkpoint, half of all the indexing.
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

/** The blocks written since the last checkpoint, per device, each once: a superset of those that changed. */
export class WrittenBlocks {
	readonly #mark: Uint8Array[];
	readonly #ids: number[][];

	constructor(devices: Planes[]) {
		this.#mark = devices.map((d) => new Uint8Array(size(d)));
		this.#ids = devices.map(() => []);
	}

	add(device: number, id: number): void {
		const mark = this.#mark[device];
		if (mark[id] === 0) {
			mark[id] = 1;
			this.#ids[device].push(id);
		}
	}

	/** Device `d`'s blocks written, ascending. */
	sorted(d: number): number[] {
		return this.#ids[d].sort((x, y) => x - y);
	}

	clear(): void {
		for (let d = 0; d < this.#ids.length; d++) {
			const mark = this.#mark[d];
			for (const id of this.#ids[d]) mark[id] = 0;
			this.#ids[d].length = 0;
		}
	}
}

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

	/**
	 * The pool's part of a checkpoint now: a delta, or a key when the deltas since the last one
	 * have grown past it. With `written` (every block written since the last take), only those
	 * are compared; the part is the same either way.
	 */
	take(devices: Planes[], written?: WrittenBlocks): PoolPart {
		const part = this.#take(devices, written);
		written?.clear();
		return part;
	}

	#take(devices: Planes[], written?: WrittenBlocks): PoolPart {
		if (this.#keyBytes > 0) {
			const delta = this.#delta(devices, written);
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

	#delta(devices: Planes[], written?: WrittenBlocks): PoolPart {
		const ids: number[][] = [];
		let total = 0;
		for (let d = 0; d < devices.length; d++) {
			const now = devices[d];
			const seen = this.#seen[d];
			const changed = written ? written.sorted(d).filter((i) => differs(now, seen, i)) : this.#scan(d, now, seen);
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

	/** Every block of device `d` that differs from the last checkpoint, ascending, one plane at a time. */
	#scan(d: number, now: Planes, seen: Planes): number[] {
		const mark = this.#mark[d];
		mark.fill(0);
		for (let k = 0; k < now.ints.length; k++) markInts(now.ints[k], seen.ints[k], mark);
		for (let k = 0; k < now.bytes.length; k++) markBytes(now.bytes[k], seen.bytes[k], mark);
		const changed: number[] = [];
		for (let i = 0; i < mark.length; i++) if (mark[i]) changed.push(i);
		return changed;
	}
}

function differs(now: Planes, seen: Planes, i: number): boolean {
	for (let k = 0; k < now.ints.length; k++) if (now.ints[k][i] !== seen.ints[k][i]) return true;
	for (let k = 0; k < now.bytes.length; k++) if (now.bytes[k][i] !== seen.bytes[k][i]) return true;
	return false;
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
