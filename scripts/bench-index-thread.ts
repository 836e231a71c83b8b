/**
 * The index side of the pages' pipeline in a Node thread, for the pages' bench
 * (bench-pages.ts): what the browser's index worker runs (run-pipeline.ts followParts).
 */
import { parentPort } from 'node:worker_threads';
import { followParts } from '../src/lib/replay/run-pipeline';
import type { PipePart } from '../src/lib/replay/run-client';

const port = parentPort!;
const receive = followParts((m, transfer) => port.postMessage(m, transfer));
port.on('message', (p: PipePart) => receive(p));
port.postMessage('ready');
