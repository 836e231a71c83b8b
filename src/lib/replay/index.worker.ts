/**
 * The pages' index worker: follows the simulation worker's runs part by part over a channel
 * (run-pipeline.ts followParts), indexing each while the engine still runs, and posts the
 * finished runs to the page with their typed arrays transferred. The page cancels by
 * terminating both workers (run-client.ts).
 */
import { followParts } from './run-pipeline';
import type { PipePart, PipeSetup } from './run-client';

const receive = followParts((m, transfer) => (self as unknown as Worker).postMessage(m, transfer));

self.onmessage = (e: MessageEvent<PipeSetup>) => {
	e.data.pipe.onmessage = (m: MessageEvent<PipePart>) => receive(m.data);
};
