/** UI strings of runs simulated off the main thread: progress, cancel (spread into `en.ts`). */
export const perfEn = {
	'run.simulate': 'Simulating… {pct}%',
	'run.index': 'Indexing the events… {pct}%',
	'run.cancel': 'Cancel',
	'run.showing': 'The run on screen stays until the new one is ready.',
	'run.aria': 'Progress of the new run',
	'run.first': 'The figures appear when the run is ready; the page answers meanwhile.',
	'run.pending': 'Simulating the run: its figures appear when it is ready.',
	'run.none': 'No run on screen: change a setting to simulate one.',
	'learn.answerLoading': 'Working out the answer…'
} as const;
