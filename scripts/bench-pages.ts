/**
 * The pages' path benchmark (issue 9): the engine with events only counted, side by side
 * with everything a page builds from a run (compact event store + replay index + lanes +
 * memory series), on ShareGPT-like workloads, 2 arrivals per step. The pages' path is timed
 * as the pages run it: the engine in this thread handing its events part by part to an index
 * thread (replay/run-pipeline.ts, the browser's two workers), until the run is back here; and
 * in one thread (replay/run.ts simulateRun) for comparison.
 * Each size runs in a child process of its own (node --expose-gc), so heap figures are that
 * run's alone: the growth of V8's heap after a full GC with the run still held, plus the
 * bytes of every typed array the run holds (store and index, counted exactly).
 *
 *   npx tsx scripts/bench-pages.ts               the table (markdown)
 *   node --expose-gc --import tsx scripts/bench-pages.ts --one '<json size>'   one size, JSON
 */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JobReply, PipePart } from '../src/lib/replay/run-client';
import { simulateInParts } from '../src/lib/replay/run-pipeline';
import { storeBuffers } from '../src/lib/events/store-data';
import type { EngineConfig } from '../src/lib/engine/config';
import { Engine } from '../src/lib/engine/engine';
import { EventSink } from '../src/lib/events/sink';
import { runData, runFromData, simulateRun, type Run } from '../src/lib/replay/run';
import { generateWorkload } from '../src/lib/workload/workload';
import type { CursorTimes } from './bench-page-thread';
import { WARM_CURSORS } from '../src/lib/state/shown-states';
import { poolConfig } from './bench-engine';

interface Size {
	requests: number;
	blocks: number;
}

interface Result extends Size {
	events: number;
	steps: number;
	engineS: number;
	pagesS: number;
	/** The same in one thread (simulateRun). */
	oneThreadS: number;
	heapBytes: number;
	storeBytes: number;
	indexBytes: number;
	checkpoints: number;
	/** Random cursors reached in a thread holding only the posted run (bench-page-thread.ts): median and slowest after the first COLD. */
	cursorMedianMs: number;
	cursorMaxMs: number;
	/** The slowest of the first COLD cursors: a reader's first scrubs after the run arrived and was warmed. */
	cursorColdMaxMs: number;
	/** The slowest of the session's warm-up cursors, reached in idle callbacks before any scrub. */
	warmMaxMs: number;
	/** First touch of fresh memory on this machine, MB/s (it bounds everything that allocates). */
	touchMBs: number;
}

const SIZES: Size[] = [
	{ requests: 1_000, blocks: 981 },
	{ requests: 10_000, blocks: 981 },
	{ requests: 100_000, blocks: 981 },
	{ requests: 10_000, blocks: 32_768 },
	{ requests: 10_000, blocks: 131_072 }
];
/** Per size, in seconds (PAGES_BENCH_TIMEOUT_S overrides): a size that takes longer on this machine is reported as such. */
const CHILD_TIMEOUT_S = Number(process.env.PAGES_BENCH_TIMEOUT_S ?? 900);

/** V8's heap after a full GC (objects; typed arrays' backing stores are counted exactly, apart). */
const heap = () => {
	(globalThis as { gc?: () => void }).gc?.();
	return process.memoryUsage().heapUsed;
};

function touchRate(): number {
	const a = new Int32Array(16 << 20); // 64 MB never touched before
	const t0 = performance.now();
	a.fill(1);
	return 64 / ((performance.now() - t0) / 1000);
}

/** Random cursors reached in the page's thread; the first COLD are reported apart. */
const CURSORS = 110;
const COLD = 10;

/** A thread running `file` (TypeScript, through tsx), started and ready. */
async function thread(file: string): Promise<Worker> {
	const url = new URL(file, import.meta.url).href;
	const w = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`, {
		eval: true
	});
	await new Promise<void>((resolve, reject) => {
		w.once('message', () => resolve());
		w.once('error', reject);
	});
	return w;
}

/** Simulate here, index in `thread` meanwhile, and rebuild the run here from what it posts back (as a page does). */
function pipelined(thread: Worker, id: number, config: EngineConfig, requests: Parameters<typeof simulateRun>[1]): Promise<Run> {
	const back = new Promise<Run>((resolve, reject) => {
		thread.once('message', (m: JobReply) =>
			m.type === 'done' ? resolve(runFromData(m.runs[0])) : reject(new Error(m.type === 'error' ? m.message : m.type))
		);
	});
	const maxEvents = 400_000_000;
	simulateInParts(config, requests, { maxEvents }, (delta, end) =>
		thread.postMessage({ id, job: 0, jobs: 1, maxEvents, delta, end } satisfies PipePart, storeBuffers(delta))
	);
	return back;
}

async function measure(size: Size): Promise<Result> {
	const config = poolConfig(size.blocks);
	const requests = generateWorkload({
		preset: 'sharegpt',
		numRequests: size.requests,
		ratePerStep: 2,
		arrivals: 'even',
		maxLen: 2048,
		seed: 1
	});
	const touchMBs = touchRate();
	// The engine alone, events counted: best of two (the least disturbed by other load).
	let engineS = Infinity;
	let events = 0;
	let steps = 0;
	const reps = size.requests >= 100_000 ? 1 : 2;
	for (let k = 0; k < reps; k++) {
		const sink = new EventSink();
		const t0 = performance.now();
		const s = new Engine(config, requests, { sink }).run();
		engineS = Math.min(engineS, (performance.now() - t0) / 1000);
		events = sink.total;
		steps = s.steps;
	}
	// In one thread, for comparison.
	let oneThreadS = Infinity;
	for (let k = 0; k < reps; k++) {
		heap();
		const t0 = performance.now();
		simulateRun(config, requests, { maxEvents: 400_000_000 });
		oneThreadS = Math.min(oneThreadS, (performance.now() - t0) / 1000);
	}
	// The pages' path, as many times as the engine (best of them: both sides warm alike); the
	// heap is read on the last run, with the run held.
	// The pages' index worker exists before a run too.
	const indexer = await thread('./bench-index-thread.ts');
	let pagesS = Infinity;
	let run: Run | null = null;
	let before = 0;
	for (let k = 0; k < reps; k++) {
		run = null;
		before = heap();
		const t0 = performance.now();
		run = await pipelined(indexer, k, config, requests);
		pagesS = Math.min(pagesS, (performance.now() - t0) / 1000);
	}
	await indexer.terminate();
	if (!run) throw new Error('no run');
	run.store.data(); // trimmed, as posted to a page
	const heapBytes = Math.max(0, heap() - before) + run.store.bytes + run.replay.bytes + run.stepNumbers.byteLength;
	if (run.length !== events) throw new Error(`store has ${run.length} events, the counting engine ${events}`);
	const stats = { storeBytes: run.store.bytes, indexBytes: run.replay.bytes, checkpoints: run.replay.numCheckpoints };
	// Any cursor, where the page reaches it: posted to a thread of its own, as to a page's main thread.
	const page = await thread('./bench-page-thread.ts');
	const { data, transfer } = runData(run);
	run = null;
	const { times, warm: warmUp } = await new Promise<CursorTimes>((resolve, reject) => {
		page.once('message', resolve);
		page.once('error', reject);
		page.postMessage({ data, cursors: CURSORS, seed: 12345 }, transfer);
	});
	await page.terminate();
	const later = times.slice(COLD).sort((a, b) => a - b);
	return {
		...size,
		events,
		steps,
		engineS,
		pagesS,
		oneThreadS,
		heapBytes,
		...stats,
		cursorMedianMs: later[later.length >> 1],
		cursorMaxMs: later[later.length - 1],
		cursorColdMaxMs: Math.max(...times.slice(0, COLD)),
		warmMaxMs: Math.max(...warmUp),
		touchMBs
	};
}

const fmt = (x: number, d = 2) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const int = (x: number) => Math.round(x).toLocaleString('en-US');

export async function runPagesBench(): Promise<{ title: string; markdown: string }> {
	const rows: string[] = [];
	const results: Result[] = [];
	for (const size of SIZES) {
		console.error(`bench pages: ${int(size.requests)} requests, ${int(size.blocks)} blocks…`);
		try {
			const out = execFileSync(
				process.execPath,
				['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', 'scripts/bench-pages.ts', '--one', JSON.stringify(size)],
				{
					encoding: 'utf8',
					stdio: ['ignore', 'pipe', 'pipe'],
					timeout: CHILD_TIMEOUT_S * 1000,
					maxBuffer: 1 << 24
				}
			);
			const r = JSON.parse(out.trim().split('\n').pop()!) as Result;
			results.push(r);
			const ratio = r.pagesS / r.engineS;
			const bpe = r.heapBytes / r.events;
			rows.push(
				`| ${int(r.requests)} | ${int(r.blocks)} | ${int(r.events)} | ${fmt(r.engineS)} | ${fmt(r.pagesS)} | ${fmt(r.oneThreadS)} (${fmt(r.oneThreadS / r.engineS, 1)}×) | **${fmt(ratio, 1)}×** ${ratio <= 3 ? '' : '(target ≤ 3×: not met)'} | ${fmt(r.heapBytes / 2 ** 20, 0)} | **${fmt(bpe, 1)}** ${bpe <= 100 ? '' : '(> 100)'} | ${fmt(r.storeBytes / r.events, 1)} + ${fmt(r.indexBytes / r.events, 1)} | ${int(r.checkpoints)} | ${fmt(r.cursorMedianMs)} / ${fmt(r.cursorMaxMs)} | ${fmt(r.cursorColdMaxMs)} | ${fmt(r.warmMaxMs)} |`
			);
		} catch (e) {
			const err = e as { code?: string; stderr?: string; message: string };
			const last = (err.stderr ?? '')
				.trim()
				.split('\n')
				.filter((l) => /Error|error/.test(l))
				.pop();
			const msg =
				err.code === 'ETIMEDOUT'
					? `did not finish in ${CHILD_TIMEOUT_S} s on this machine`
					: `failed: ${(last ?? err.message.split('\n')[0]).slice(0, 160)}`;
			rows.push(`| ${int(size.requests)} | ${int(size.blocks)} | – | – | – | – | ${msg} | – | – | – | – | – | – | – |`);
		}
	}
	const touch = results.length ? Math.min(...results.map((r) => r.touchMBs)) : NaN;
	const markdown = [
		`Measured ${new Date().toISOString()} on ${process.platform}, ${process.version}. ShareGPT-like requests (seed 1), 2 arrivals per step, OPT-13B/A100 preset (block size 16, max 256 sequences, 2,048 batched tokens; on the bigger pools 1,024 seats and 8,192 tokens, the schema’s most seats). Each size in a child process of its own.`,
		'',
		'- **engine s**: `Engine` with events only counted. **pages s**: what the pages run, in two threads as in their two workers: the same engine emitting into the compact store here, handing its events every 131,072 to an index thread that appends them and advances the replay checkpoints and lanes meanwhile, then finishes (memory series) and posts the run back; until the run is rebuilt here (replay/run-pipeline.ts). **one thread**: `simulateRun`, the same work in one thread, one pass after the other. Each is the best of 2 runs (1 at 100K requests), the engine first: all sides warm alike.',
		'- **heap**: growth of V8’s heap after a full GC with the run held (lanes, memory points, ids), plus every typed array of the run counted exactly (store trimmed as posted). **store + index**: bytes per event of the store (columns, tokens, figures) and of the replay index (checkpoints, token tree, final records).',
		`- **cursor**: \`replay.stateAt(c)\` for random cursors, with its pool as the arrays the pool map draws and its requests, handing back the state two cursors back for its arrays as the page’s session does; reached in a thread that holds only the posted run, as a page’s main thread does (scripts/bench-page-thread.ts). **cursor ms**: median / slowest of ${CURSORS - COLD} cursors after the first ${COLD}; **first cursors’ max**: the slowest of those first ${COLD} (a reader’s first scrubs after a run arrives). Before them the thread does what the page’s session does when a run arrives: it reaches ${WARM_CURSORS} cursors spread over the run in idle callbacks, one a callback, so that V8 compiles the fold and the first states shown have arrays already touched (state/shown-states.ts); **warm-up’s slowest**: the slowest of those, a task nobody waits on.`,
		'',
		'| requests | GPU blocks | events | engine s | pages s | one thread s (÷ engine) | pages ÷ engine | heap MB | heap B / event | store + index B / event | checkpoints | cursor ms median / max | first cursors’ max ms | warm-up’s slowest ms (idle) |',
		'|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|',
		...rows,
		''
	];
	if (results.length)
		markdown.push(
			`First touch of fresh memory on this machine: about **${fmt(touch, 0)} MB/s** (64 MB filled once), so every 100 MB a run allocates costs roughly ${fmt(100 / touch, 1)} s here before any work, while the counted engine allocates almost nothing. Read the ratios with the load in mind: the machine is shared, and a slowest cursor far above the median is a stall, not the fold.`
		);
	return { title: "Pages' path: compact store, replay index, lanes (issue 9)", markdown: markdown.join('\n') };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	const i = process.argv.indexOf('--one');
	if (i > 0) console.log(JSON.stringify(await measure(JSON.parse(process.argv[i + 1]) as Size)));
	else console.log((await runPagesBench()).markdown);
}
