import { error } from '@sveltejs/kit';
import { CHAPTERS, chapterAt } from '$lib/learn/chapters';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => CHAPTERS.map((c) => ({ chapter: String(c.n) }));

export const load: PageLoad = ({ params }) => {
	const n = Number(params.chapter);
	if (!chapterAt(n)) error(404, `No chapter ${params.chapter}`);
	return { n };
};
