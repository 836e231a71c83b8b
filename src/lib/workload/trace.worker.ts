/**
 * Reading a trace file off the main thread: a 100,000-line file takes seconds to parse and
 * check. The requests go back packed (typed arrays, transferred); an error goes back as the
 * reader's message, which names the line and the field.
 */
import { readTrace } from './formats/detect';
import { packRequests, packedBuffers } from './packed';
import type { TraceReply, TraceRequest } from './trace-client';

self.onmessage = (e: MessageEvent<TraceRequest>) => {
	const post = (m: TraceReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);
	try {
		const { format, requests, skipped } = readTrace(e.data.text, e.data.name);
		const packed = packRequests(requests);
		post({ type: 'done', format, skipped, packed }, packedBuffers(packed));
	} catch (err) {
		post({ type: 'error', message: (err as Error).message ?? String(err) });
	}
};
