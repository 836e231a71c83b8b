/** UI strings of runs simulated off the main thread: progress, cancel (spread into `en.ts`). */
export const perfEn = {
	'run.simulate': 'Simulating… {pct}%',
	'run.index': 'Indexing the events… {pct}%',
	'run.cancel': 'Cancel',
	'run.showing': 'The run on screen stays until the new one is ready.',
	'run.aria': 'Progress of the new run'
} as const;
