/** The model worker's strings (/model and chapter 3's measurement), spread into en.ts. */
export const modelEn = {
	'model.cancel': 'Cancel',
	'model.choosingBackend': 'Choosing the fastest backend: timing a few decode steps on each one this browser offers…',
	'model.backendTimings': 'Chosen by measuring a few decode steps: {list}',
	'model.backendFallback': 'The backend named in the address could not start here; the model runs on {backend}.',
	'learn.measure.stop': 'Stop',
	'learn.measure.choosing': 'Choosing the fastest backend…',
	'learn.measure.progress': '{done} of {total} measurements, about {eta} s left',
	'learn.measure.stopped': 'Stopped. The rows measured so far stay; press Measure to start again.'
} as const;
