/**
 * Browser-test harness: serves the static `build/` on 127.0.0.1 (random port) with a tiny
 * Node http server and drives Debian's chromium through playwright-core.
 *
 *   const app = await startApp();
 *   const page = await app.browser.newPage();
 *   await page.goto(app.url('/lab/'));
 *   …
 *   await app.close();
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

export const BUILD_DIR = resolve(process.cwd(), 'build');

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.wasm': 'application/wasm',
	'.bin': 'application/octet-stream',
	'.txt': 'text/plain',
	'.jsonl': 'application/jsonl'
};

/** Serve `dir` statically; `/x/` serves `/x/index.html`; unknown paths get 404.html (SPA fallback). */
export async function serveStatic(dir = BUILD_DIR): Promise<{ server: Server; origin: string }> {
	const server = createServer(async (req, res) => {
		try {
			const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
			let file = normalize(join(dir, path));
			if (!file.startsWith(dir)) throw new Error('outside');
			if (existsSync(file) && (await stat(file)).isDirectory()) file = join(file, 'index.html');
			let status = 200;
			if (!existsSync(file)) {
				if (existsSync(`${file}.html`)) file = `${file}.html`;
				else {
					file = join(dir, '404.html');
					status = 404;
				}
			}
			const body = await readFile(file);
			res.writeHead(status, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
			res.end(body);
		} catch {
			res.writeHead(404).end('not found');
		}
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export interface App {
	/** Absolute URL of a path of the app, e.g. url('/lab/?gpu=64'). */
	url(path: string): string;
	browser: Browser;
	/** A new page that records console errors and page errors into `errors`. */
	newPage(opts?: {
		width?: number;
		height?: number;
		colorScheme?: 'light' | 'dark';
		reducedMotion?: 'reduce' | 'no-preference';
	}): Promise<{ page: Page; errors: string[] }>;
	close(): Promise<void>;
}

export async function startApp(dir = BUILD_DIR): Promise<App> {
	if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir} has no index.html: run \`vite build\` first`);
	const { server, origin } = await serveStatic(dir);
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
	});
	return {
		url: (path) => origin + (path.startsWith('/') ? path : `/${path}`),
		browser,
		async newPage(opts = {}) {
			const context = await browser.newContext({
				viewport: { width: opts.width ?? 1366, height: opts.height ?? 800 },
				colorScheme: opts.colorScheme ?? 'light',
				reducedMotion: opts.reducedMotion ?? 'no-preference'
			});
			const page = await context.newPage();
			const errors: string[] = [];
			page.on('console', (m) => {
				if (m.type() === 'error') errors.push(m.text());
			});
			page.on('pageerror', (e) => errors.push(String(e)));
			return { page, errors };
		},
		async close() {
			await browser.close();
			await new Promise<void>((ok) => server.close(() => ok()));
		}
	};
}
