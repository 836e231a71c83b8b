/**
 * The built site for one browser test file: started before its tests, closed after them,
 * and nothing at all when SKIP_BROWSER_TESTS is set. `const app = useApp()` at the top of a
 * file; its methods reach the app started for that file.
 */
import { afterAll, beforeAll } from 'vitest';
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
