/** Error pages and refusals (issue 14) in English; `hostile.zh.ts` has the same keys. */
export const hostileEn = {
	'errors.notFound.title': 'Page not found',
	'errors.notFound.body': 'There is no page at {path}. The link may be mistyped, or the page has moved.',
	'errors.notFound.chapter': 'There is no chapter “{chapter}”: the course has chapters {first} to {last}.',
	'errors.other.title': 'Something went wrong',
	'errors.other.body': 'This page could not be shown (error {status}).',
	'errors.try': 'Try one of these:',
	'errors.home': 'the start page',
	'errors.learn': 'the course, chapter by chapter',
	'errors.lab': 'the lab'
};
