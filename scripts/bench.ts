/**
 * The benchmark suite: engine, real model and render benchmarks in one run.
 *   npm run bench                      all three; writes docs/performance.md
 *   npm run bench -- --only engine     one of engine | pages | browser | longtasks | model | render; prints only
 *   npm run bench -- --only pages --section   …and replaces that section in docs/performance.md
 * A failing benchmark prints its error and the others still run. Every comparison in the
 * report is measured side by side within its section in this same run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { parseArgs } from 'node:util';

type Section = { title: string; markdown: string };
const BENCHES = {
	engine: async (): Promise<Section> => (await import('./bench-engine')).runEngineBench(),
	pages: async (): Promise<Section> => (await import('./bench-pages')).runPagesBench(),
	browser: async (): Promise<Section> => (await import('./bench-browser')).runBrowserBench(),
	longtasks: async (): Promise<Section> => (await import('./bench-longtasks')).runLongTaskBench(),
	model: async (): Promise<Section> => (await import('./bench-model')).runModelBench(),
	render: async (): Promise<Section> => (await import('./bench-render')).runRenderBench()
} as const;
type Name = keyof typeof BENCHES;
const NAMES = Object.keys(BENCHES) as Name[];

const HOW_TO_READ = `## How to read this

- **Same run, same machine.** Each section compares things measured side by side in this one
  run (engine vs nano-vllm, paged vs contiguous vs no cache, frame rate vs its target). Read
  the ratios, not the absolute seconds: the machine is shared (2 cores, other jobs running),
  so absolute times move from run to run; never compare a figure here with one from another
  day or another machine.
- **Engine, µs / sequence-step** is wall time divided by the sum over steps of the sequences
  in the batch: the cost of scheduling one sequence for one step. Every engine operation is
  O(1) per sequence-step (or per block touched), so it should stay flat down the scaling
  table. It does from 1K to 100K requests. Growth the scaling run found and we fixed: the
  prefix index's home slot used only 16 bits of the hash, so pools over 64K blocks piled
  onto 64K slots (about 100× slower at 128K blocks). What remains at 128K blocks (about
  2.5× per sequence-step) is memory, not algorithm: 32K running sequences and 128K-entry
  block arrays no longer fit in the CPU caches. Steps and preemptions are deterministic
  (same seed, same numbers every run); wall times are best of a few runs, the least
  disturbed by other load.
- **Events counted vs kept** isolates the cost of building and storing event objects (what
  the pages need for replay) from the scheduling itself.
- **Model** tokens/s are the real tfjs model in Node (wasm backend), not the simulator's cost
  model; the ratios show what a KV cache saves as the context grows.
- **Render** fps is the embed player in headless Chromium (software rendering here, so a
  lower bound for a laptop with a GPU).
- A section that failed shows its error instead of numbers; the others are still valid.`;

function cmd(file: string, args: string[]): string {
	try {
		return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 }).trim();
	} catch {
		return 'not available';
	}
}

function machine(): string[] {
	const cpu = cpus();
	return [
		`- Date: ${new Date().toISOString()}`,
		`- Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${platform()} ${release()}`,
		`- Node: ${process.version}`,
		`- Browser: ${cmd('/usr/bin/chromium', ['--version'])}`
	];
}

async function main(): Promise<number> {
	let only: string | undefined;
	let section = false;
	try {
		const { values } = parseArgs({ args: process.argv.slice(2), options: { only: { type: 'string' }, section: { type: 'boolean' } } });
		only = values.only;
		section = values.section ?? false;
	} catch (e) {
		console.error(`error: ${(e as Error).message}\nusage: npm run bench [-- --only ${NAMES.join('|')}]`);
		return 1;
	}
	if (only !== undefined && !NAMES.includes(only as Name)) {
		console.error(`error: --only must be one of ${NAMES.join(', ')}, got ${JSON.stringify(only)}`);
		return 1;
	}
	const chosen = only ? [only as Name] : NAMES;
	const results: { name: Name; section?: Section; error?: string; wallS: number }[] = [];
	for (const name of chosen) {
		console.error(`bench: ${name}…`);
		const t0 = performance.now();
		try {
			const section = await BENCHES[name]();
			results.push({ name, section, wallS: (performance.now() - t0) / 1000 });
		} catch (e) {
			const error = (e as Error).stack ?? String(e);
			console.error(`bench: ${name} failed, continuing:\n${error}`);
			results.push({ name, error: (e as Error).message ?? String(e), wallS: (performance.now() - t0) / 1000 });
		}
	}

	const body = results.map((r) =>
		r.section ? `## ${r.section.title}\n\n${r.section.markdown}` : `## ${r.name}: failed\n\n\`\`\`\n${r.error}\n\`\`\``
	);
	console.log(['', ...machine(), '', ...body, ''].join('\n'));
	console.log('| benchmark | result | wall s |\n|---|---|---:|');
	for (const r of results)
		console.log(`| ${r.name} | ${r.section ? r.section.title : `FAILED: ${r.error?.split('\n')[0]}`} | ${r.wallS.toFixed(1)} |`);

	if (only && section && results[0]?.section) {
		replaceSection(results[0].section);
		console.log(`\nreplaced the section "${results[0].section.title}" in docs/performance.md (the rest is from the last full run)`);
	} else if (only) {
		console.log('\n(--only: docs/performance.md not written; it holds one full run)');
	} else {
		const doc = [
			'# Performance',
			'',
			'Written by `npm run bench` (scripts/bench.ts); don’t edit by hand.',
			'',
			...machine(),
			'',
			HOW_TO_READ,
			'',
			...body,
			''
		].join('\n');
		const tmp = `docs/.performance.md.${process.pid}.tmp`;
		writeFileSync(tmp, doc);
		renameSync(tmp, 'docs/performance.md');
		console.log('\nwrote docs/performance.md');
	}
	return results.every((r) => r.section) ? 0 : 1;
}

/** Put one section's new figures into docs/performance.md, leaving the others as the last full run wrote them. */
function replaceSection(s: Section): void {
	const doc = readFileSync('docs/performance.md', 'utf8');
	const text = `## ${s.title}\n\n${s.markdown.trimEnd()}\n\n`;
	const at = doc.indexOf(`## ${s.title}\n`);
	let out: string;
	if (at < 0) out = `${doc.trimEnd()}\n${text}`;
	else {
		const next = doc.indexOf('\n## ', at + 3);
		out = doc.slice(0, at) + text + (next < 0 ? '' : doc.slice(next + 1));
	}
	const tmp = `docs/.performance.md.${process.pid}.tmp`;
	writeFileSync(tmp, out);
	renameSync(tmp, 'docs/performance.md');
}

process.exitCode = await main();
