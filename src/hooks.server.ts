/**
 * What a prerendered page asks the browser to preload: the entry points and the page's own
 * node, not every shared chunk they import (those load as the entries ask for them). With
 * all of them (16-25 modulepreloads), the browser fetched and compiled them while it laid the
 * page out for the first time, a layout that is mostly font lookups waiting on the browser
 * process: on a 2-core machine the longest task of a first visit to /learn/9 was 80-228 ms
 * with them and 62-108 ms without (three visits each, twice), ready times within their noise.
 */
import type { Handle } from '@sveltejs/kit';

export const handle: Handle = ({ event, resolve }) =>
	resolve(event, { preload: ({ type, path }) => type === 'css' || (type === 'js' && !path.includes('/chunks/')) });
