/**
 * Decode speed of the real model: paged vs contiguous KV cache vs no cache, at contexts 32,
 * 128 and 256, measured side by side (src/lib/model/decode-bench.ts), in Node (tfjs wasm)
 * and in headless Chromium (tfjs WebGL, the /dev/model-bench page) in the same run.
 *
 *   npx tsx scripts/bench-model.ts        # prints the markdown table
 *
 * `runModelBench()` is also called by scripts/bench.ts for docs/performance.md.
 */
import * as tf from '@tensorflow/tfjs';
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { startApp } from '../tests/browser/harness';
import { benchPrompt, benchTable, DEFAULT_BENCH, runDecodeBench, type DecodeBenchRow } from '../src/lib/model/decode-bench';
import { disposeWeights } from '../src/lib/model/params';
import { initBackend, loadShippedModel } from './model-node';

export const BENCH_TEXT =
	'In the beginning God created the heaven and the earth. And the earth was without form, and void; and darkness was upon the face of the deep. And the Spirit of God moved upon the face of the waters.\n';

export async function runModelBench(): Promise<{ title: string; markdown: string }> {
	const backend = await initBackend('wasm');
	const { model, tokenizer, manifest } = await loadShippedModel('kjv');
	const opts = DEFAULT_BENCH;
	const rows = runDecodeBench(
		model,
		benchPrompt((s) => tokenizer.encode(s), BENCH_TEXT, 256),
		opts
	);
	disposeWeights(model.weights);
	const cfg = model.config;
	const markdown = [
		`Model \`${manifest.name}\` (${cfg.nLayer} layers × ${cfg.nEmbd} dims × ${cfg.nHead} heads), tfjs ${tf.version_core} **${backend}** backend in Node, one sequence, greedy, block size ${opts.blockSize}; tokens/s over ${opts.decodeSteps} decode steps ending at the given context, median of ${opts.rounds} interleaved rounds.`,
		'',
		benchTable(rows),
		'',
		await browserSection()
	].join('\n');
	return { title: 'Real model: decode speed with and without a KV cache (Node wasm, Chromium WebGL)', markdown };
}

/** The same measurement on the /dev/model-bench page in headless Chromium (WebGL). */
async function browserSection(): Promise<string> {
	// The bench page is a development page: only a build with VITE_DEV_PAGES=1 has it.
	if (!existsSync('build/dev/model-bench/index.html'))
		execSync('npx vite build', { stdio: 'inherit', env: { ...process.env, VITE_DEV_PAGES: '1' } });
	const app = await startApp();
	try {
		const { page } = await app.newPage();
		await page.goto(app.url('/dev/model-bench/'));
		await page.waitForFunction(() => document.body.dataset.result, null, { timeout: 600_000 });
		const result = JSON.parse((await page.evaluate(() => document.body.dataset.result))!) as
			{ error: string } | { backend: string; tfjs: string; rows: DecodeBenchRow[] };
		if ('error' in result) return `Headless Chromium: the page failed: ${result.error}`;
		const version = (await app.browser.version()) || 'Chromium';
		return [
			`Headless Chromium ${version}, tfjs ${result.tfjs} **${result.backend}** backend (software WebGL on this machine, no GPU), same model, prompt and rounds:`,
			'',
			benchTable(result.rows)
		].join('\n');
	} finally {
		await app.close();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	runModelBench().then(({ title, markdown }) => console.log(`## ${title}\n\n${markdown}`));
}
