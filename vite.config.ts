import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// Module workers: the model worker (src/lib/model-view/model.worker.ts) code-splits tfjs's backends.
	worker: { format: 'es' },
	build: { rollupOptions: { output: { experimentalMinChunkSize: 60_000 } } },
	test: {
		include: ['tests/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 180_000
	}
});
