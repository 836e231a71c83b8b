/**
 * The memory chart's series: the five categories of each step_end, read from the store's
 * step figures (no pass of their own), averaged into at most `maxPoints` buckets so a
 * 100,000-step run draws as quickly as a 100-step one. Averages keep the stack summing
 * to the pool.
 */
import { MEMORY_CATEGORIES, emptyMemory } from '../engine/memory/categories';
import type { EventStore } from '../events/store';
import type { MemoryPoint } from '../layout/memory-chart';

export const MAX_MEMORY_POINTS = 1500;

export function memoryPoints(store: EventStore, stepNumbers: ArrayLike<number>, maxPoints = MAX_MEMORY_POINTS): MemoryPoint[] {
	const n = store.numStepEnds;
	const per = Math.max(1, Math.ceil(n / maxPoints));
	const out: MemoryPoint[] = [];
	for (let k0 = 0; k0 < n; k0 += per) {
		const k1 = Math.min(n, k0 + per);
		const memory = emptyMemory();
		MEMORY_CATEGORIES.forEach((key, j) => {
			let sum = 0;
			for (let k = k0; k < k1; k++) sum += store.figure(k, 7 + j);
			memory[key] = sum / (k1 - k0);
		});
		out.push({ step: stepNumbers[k0], memory });
	}
	return out;
}
