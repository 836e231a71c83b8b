import { dev } from '$app/environment';
import { error } from '@sveltejs/kit';

/**
 * Development pages (the model bench) are not part of the site: `vite dev` serves them, and a
 * build made with VITE_DEV_PAGES=1 (npm run bench makes one); a production build neither
 * prerenders them nor shows them (404), so `?rounds=1e9` can't freeze a visitor's tab.
 */
const enabled = dev || import.meta.env.VITE_DEV_PAGES === '1';

export const prerender = enabled;

export function load() {
	if (!enabled) error(404, 'Not found');
	return {};
}
