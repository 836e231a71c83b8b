// @ts-nocheck -- RECOVERED FILE, PLEASE REVIEW. At 20:31 the pool-map engineer (issue 9, browser half)
// overwrote this untracked file by mistake with a different script (now scripts/bench-browser.ts).
// This is the pages' path bench rebuilt from tsx's compile cache of 20:24 (/tmp/tsx-0): the
// logic as it ran then, reformatted; TypeScript types and comments were lost, and any edit made
// after 20:24 is missing. Replace it with your own copy if you still have one.
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../src/lib/engine/config';
import { Engine } from '../src/lib/engine/engine';
import { EventSink } from '../src/lib/events/sink';
import { simulateRun } from '../src/lib/replay/run';
import { generateWorkload } from '../src/lib/workload/workload';
import { OPT13B_CONFIG } from './bench-engine';
const SIZES = [
	{ requests: 1e3, blocks: 981 },
	{ requests: 1e4, blocks: 981 },
	{ requests: 1e5, blocks: 981 },
	{ requests: 1e4, blocks: 32768 },
	{ requests: 1e4, blocks: 131072 }
];
const CHILD_TIMEOUT_S = 900;
function configFor(blocks) {
	const scale = Math.max(1, blocks / 1024);
	return parseConfig(
		{ ...OPT13B_CONFIG, numGpuBlocks: blocks, maxNumSeqs: Math.round(256 * scale), maxNumBatchedTokens: Math.round(2048 * scale) },
		'bench'
	);
}
const heap = () => {
	globalThis.gc?.();
	const m = process.memoryUsage();
	return m.heapUsed + m.arrayBuffers;
};
function touchRate() {
	const a = new Int32Array(16 << 20);
	const t0 = performance.now();
	a.fill(1);
	return 64 / ((performance.now() - t0) / 1e3);
}
function measure(size) {
	const config = configFor(size.blocks);
	const requests = generateWorkload({
		preset: 'sharegpt',
		numRequests: size.requests,
		ratePerStep: 2,
		arrivals: 'even',
		maxLen: 2048,
		seed: 1
	});
	const touchMBs = touchRate();
	let engineS = Infinity;
	let events = 0;
	let steps = 0;
	for (let k = 0; k < (size.requests >= 1e5 ? 1 : 2); k++) {
		const sink = new EventSink();
		const t02 = performance.now();
		const s = new Engine(config, requests, { sink }).run();
		engineS = Math.min(engineS, (performance.now() - t02) / 1e3);
		events = sink.total;
		steps = s.steps;
	}
	const before = heap();
	const t0 = performance.now();
	const run = simulateRun(config, requests, { maxEvents: 4e8 });
	const pagesS = (performance.now() - t0) / 1e3;
	run.store.data();
	const heapBytes = heap() - before;
	let seed = 12345;
	const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	const times = [];
	for (let k = 0; k < 100; k++) {
		const c = 1 + Math.floor(rand() * run.length);
		const t = performance.now();
		const s = run.replay.stateAt(c);
		void s.gpu.length;
		void s.requests.size;
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	if (run.length !== events) throw new Error(`store has ${run.length} events, the counting engine ${events}`);
	return {
		...size,
		events,
		steps,
		engineS,
		pagesS,
		heapBytes,
		storeBytes: run.store.bytes,
		indexBytes: run.replay.bytes,
		checkpoints: run.replay.numCheckpoints,
		cursorMedianMs: (times[49] + times[50]) / 2,
		cursorMaxMs: times[99],
		touchMBs
	};
}
const fmt = (x, d = 2) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const int = (x) => Math.round(x).toLocaleString('en-US');
async function runPagesBench() {
	const rows = [];
	const notes = [];
	const results = [];
	for (const size of SIZES) {
		console.error(`bench pages: ${int(size.requests)} requests, ${int(size.blocks)} blocks\u2026`);
		try {
			const out = execFileSync(
				process.execPath,
				['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', 'scripts/bench-pages.ts', '--one', JSON.stringify(size)],
				{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: CHILD_TIMEOUT_S * 1e3 }
			);
			const r = JSON.parse(out.trim().split('\n').pop());
			results.push(r);
			const ratio = r.pagesS / r.engineS;
			const bpe = r.heapBytes / r.events;
			rows.push(
				`| ${int(r.requests)} | ${int(r.blocks)} | ${int(r.events)} | ${fmt(r.engineS)} | ${fmt(r.pagesS)} | **${fmt(ratio, 1)}\xD7** ${ratio <= 3 ? '' : '(target \u2264 3\xD7: not met)'} | ${fmt(r.heapBytes / 2 ** 20, 0)} | **${fmt(bpe, 1)}** ${bpe <= 100 ? '' : '(> 100)'} | ${fmt(r.storeBytes / r.events, 1)} + ${fmt(r.indexBytes / r.events, 1)} | ${int(r.checkpoints)} | ${fmt(r.cursorMedianMs)} / ${fmt(r.cursorMaxMs)} |`
			);
		} catch (e) {
			const msg = e.code === 'ETIMEDOUT' ? `did not finish in ${CHILD_TIMEOUT_S} s on this machine` : e.message.split('\n')[0];
			rows.push(
				`| ${int(size.requests)} | ${int(size.blocks)} | \u2013 | \u2013 | \u2013 | ${msg} | \u2013 | \u2013 | \u2013 | \u2013 | \u2013 |`
			);
		}
	}
	const touch = results.length ? Math.min(...results.map((r) => r.touchMBs)) : NaN;
	if (results.length)
		notes.push(
			`First touch of fresh memory on this machine: about **${fmt(touch, 0)} MB/s** (64 MB filled once), so every 100 MB a run allocates costs roughly ${fmt(100 / touch, 1)} s here before any work; the counted engine allocates almost nothing. That, not the folds, is most of the gap on this machine.`
		);
	const markdown = [
		`Measured ${new Date().toISOString()} on ${process.platform}, ${process.version}. ShareGPT-like requests (seed 1), 2 arrivals per step, OPT-13B/A100 preset (block size 16, max 256 sequences, 2,048 batched tokens; seats and budget scaled with pools over 1,024 blocks). Each size in a child process of its own.`,
		'',
		'- **engine s**: `Engine` with events only counted (best of 2; 1 at 100K). **pages s**: `simulateRun`, the same engine emitting into the compact store, then one pass for replay checkpoints and lanes, and the memory series (replay/run.ts, what the worker runs).',
		'- **heap**: V8 heap + ArrayBuffers after a full GC, with the run held (store trimmed as posted), minus before. **store + index**: bytes per event of the store (columns, tokens, figures) and of the replay index (checkpoints, token tree, final records).',
		'- **cursor**: `replay.stateAt(c)` for 100 random cursors (median / slowest), reading the pool and the requests.',
		'',
		'| requests | GPU blocks | events | engine s | pages s | pages \xF7 engine | heap MB | heap B / event | store + index B / event | checkpoints | cursor ms median / max |',
		'|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|',
		...rows,
		'',
		...notes
	];
	return { title: "Pages' path: compact store, replay index, lanes (issue 9)", markdown: markdown.join('\n') };
}
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	const i = process.argv.indexOf('--one');
	if (i > 0) console.log(JSON.stringify(measure(JSON.parse(process.argv[i + 1]))));
	else console.log((await runPagesBench()).markdown);
}
export { runPagesBench };
