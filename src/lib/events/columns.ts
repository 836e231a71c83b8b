/**
 * Typed-array columns that grow: in place where ArrayBuffers are resizable (a reservation;
 * capacity never touched costs no memory), by doubling copies elsewhere. The event store and
 * the replay index's tables keep their append-only data in these.
 */
export type Column = Int32Array | Uint8Array | Float64Array;
export type ColumnCtor<T extends Column> = {
	new (n: number): T;
	new (b: ArrayBuffer, offset?: number, length?: number): T;
	readonly BYTES_PER_ELEMENT: number;
};

const RESIZABLE = (() => {
	try {
		return (new ArrayBuffer(8, { maxByteLength: 16 }) as ArrayBuffer & { resizable?: boolean }).resizable === true;
	} catch {
		return false;
	}
})();

type Resizable = ArrayBuffer & { resizable?: boolean; maxByteLength?: number; resize?(n: number): void };

/** A column that can grow to `max` elements: length-tracking over a resizable buffer where there is one. */
export function column<T extends Column>(Ctor: ColumnCtor<T>, initial: number, max: number): T {
	const bpe = Ctor.BYTES_PER_ELEMENT;
	if (RESIZABLE && Number.isFinite(max) && max > initial)
		try {
			return new Ctor(
				new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer)(initial * bpe, {
					maxByteLength: max * bpe
				})
			);
		} catch {
			// No room to reserve that much address space here: grow by copies instead.
		}
	return new Ctor(initial);
}

export function grown<T extends Column>(arr: T, need: number): T {
	if (need <= arr.length) return arr;
	let n = Math.max(16, arr.length * 2);
	while (n < need) n *= 2;
	const bpe = arr.BYTES_PER_ELEMENT;
	const buf = arr.buffer as Resizable;
	if (buf.resizable && buf.maxByteLength! >= need * bpe) {
		if (buf.byteLength < need * bpe) buf.resize!(Math.min(buf.maxByteLength!, n * bpe));
		// A view `trimmed` cut has a length of its own: a length-tracking one again.
		return arr.length >= need ? arr : new (arr.constructor as ColumnCtor<T>)(buf);
	}
	const out = new (arr.constructor as ColumnCtor<T>)(n);
	out.set(arr);
	return out;
}

/**
 * `arr` cut to `len` elements: a view of its first `len` where the buffer is resizable (no
 * copy; the capacity never written was never committed). Not a resize: V8 zeroes what a
 * shrink releases, touching memory that was never used, about 4 ms a MB here.
 */
export function trimmed<T extends Column>(arr: T, len: number): T {
	if (arr.length === len) return arr;
	const buf = arr.buffer as Resizable;
	if (buf.resizable) return new (arr.constructor as ColumnCtor<T>)(buf, 0, len);
	return arr.slice(0, len) as T;
}
