/**
 * Data computed when the chapter is prerendered, shipped with its page: chapter 9's lanes
 * come from engine runs, which would otherwise run on the main thread while the page hydrates.
 */
import { chapter9Lanes } from '$lib/learn/batching';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => ({ batchLanes: params.chapter === '9' ? chapter9Lanes() : null });
