/**
 * What a prerendered page asks the browser to preload: the entry points and the page's own
 * node, not every shared chunk they import (those load as the entries ask for them). With
 * all of them (16-25 modulepreloads), the browser fetched and compiled them while it laid the
 * page out for the first time, and that first layout, mostly font lookups it asks of the
 * browser process, grew from 60-105 ms to 145-270 ms on a 2-core machine (/learn/9, three
 * visits each, twice): the one task over 200 ms a reader waited on. Ready times moved within
 * their noise (2.4-3.1 s).
 */
import type { Handle } from '@sveltejs/kit';

export const handle: Handle = ({ event, resolve }) =>
	resolve(event, { preload: ({ type, path }) => type === 'css' || (type === 'js' && !path.includes('/chunks/')) });
