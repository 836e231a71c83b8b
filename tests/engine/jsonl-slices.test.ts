/** The events export in slices writes the same bytes as the whole-stream JSONL, reports progress, and stops when cancelled. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/engine/config';
import { Engine } from '../../src/lib/engine/engine';
import { EventStore } from '../../src/lib/events/store';
import { toJsonl } from '../../src/lib/events/store-jsonl';
import { jsonlInSlices } from '../../src/lib/io/jsonl-slices';
import { generateWorkload } from '../../src/lib/workload/workload';

function store(): EventStore {
	const s = new EventStore();
	const config = parseConfig({ blockSize: 16, numGpuBlocks: 64, maxNumSeqs: 8, maxNumBatchedTokens: 512, maxModelLen: 512 }, 'test');
	new Engine(config, generateWorkload({ preset: 'sharegpt', numRequests: 30, ratePerStep: 1, maxLen: 512, seed: 4 }), { sink: s }).run();
	return s;
}

describe('jsonlInSlices', () => {
	it('joins to the stream’s JSONL byte for byte, whatever the part size, with progress up to 1', async () => {
		const s = store();
		for (const lines of [1, 7, 500, 1e6]) {
			const seen: number[] = [];
			// Yield after every part (slow with one line a part, so that case yields only when the slice runs long).
			const parts = await jsonlInSlices(s, { lines, sliceMs: lines === 1 ? 1e9 : 0, onProgress: (d) => seen.push(d) });
			expect(parts.join('')).toBe(toJsonl(s));
			expect(seen.at(-1)).toBe(1);
			expect(seen.every((d, i) => i === 0 || d >= seen[i - 1])).toBe(true);
		}
	});

	it('rejects with AbortError once cancelled, between slices', async () => {
		const s = store();
		const ctl = new AbortController();
		let calls = 0;
		const p = jsonlInSlices(s, {
			lines: 10,
			sliceMs: 0,
			signal: ctl.signal,
			onProgress: () => {
				if (++calls === 3) ctl.abort();
			}
		});
		await expect(p).rejects.toMatchObject({ name: 'AbortError' });
		expect(calls).toBe(3);
	});
});
