/**
 * The built site for one browser test file: started before its tests, closed after them,
 * and nothing at all when SKIP_BROWSER_TESTS is set. `const app = useApp()` at the top of a
 * file; its methods reach the app started for that file.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';

export const skip = !!process.env.SKIP_BROWSER_TESTS;

export function useApp(): App {
	let app: App | undefined;
	beforeAll(async () => {
		if (!skip) app = await startApp();
	});
	afterAll(async () => {
		await app?.close();
	});
	const started = () => {
		if (!app) throw new Error('the app is not started (SKIP_BROWSER_TESTS, or called outside a test)');
		return app;
	};
	return {
		url: (path) => started().url(path),
		get browser() {
			return started().browser;
		},
		newPage: (opts) => started().newPage(opts),
		close: async () => app?.close()
	};
}

/**
 * Until the app has hydrated a prerendered page (the root layout marks <html> with its theme),
 * its controls and keys do nothing and its text is the prerendered English: wait before
 * using it.
 */
export const hydrated = (page: Page) => page.waitForFunction(() => document.documentElement.dataset.theme !== undefined);
