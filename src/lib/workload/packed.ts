/**
 * Requests as a few typed arrays and one string, for posting between the page and its
 * workers: 100,000 request objects cost over a second to structured-clone each way, these
 * arrays are transferred for free. `unpackRequests` gives back equal objects (optional
 * fields only where the request had them).
 */
import type { RequestSpec } from './request';

export interface PackedRequests {
	count: number;
	/** Every id, each followed by '\n' (ids hold no newline: traces are line-based). */
	ids: string;
	arrivalStep: Float64Array;
	/** NaN where the request has no arrivalMs. */
	arrivalMs: Float64Array;
	outputLen: Float64Array;
	/** 0 where absent. */
	n: Int32Array;
	beamWidth: Int32Array;
	/** Prompt tokens of request i: tokens[tokenStart[i] .. tokenStart[i + 1]). */
	tokenStart: Int32Array;
	tokens: Int32Array;
}

export function packRequests(requests: readonly RequestSpec[]): PackedRequests {
	const count = requests.length;
	let total = 0;
	for (const r of requests) total += r.promptTokens.length;
	const p: PackedRequests = {
		count,
		ids: '',
		arrivalStep: new Float64Array(count),
		arrivalMs: new Float64Array(count),
		outputLen: new Float64Array(count),
		n: new Int32Array(count),
		beamWidth: new Int32Array(count),
		tokenStart: new Int32Array(count + 1),
		tokens: new Int32Array(total)
	};
	const ids: string[] = new Array(count);
	let at = 0;
	for (let i = 0; i < count; i++) {
		const r = requests[i];
		if (r.id.includes('\n')) throw new Error(`request id ${JSON.stringify(r.id.slice(0, 40))} holds a newline`);
		ids[i] = r.id;
		p.arrivalStep[i] = r.arrivalStep;
		p.arrivalMs[i] = r.arrivalMs ?? NaN;
		p.outputLen[i] = r.outputLen;
		p.n[i] = r.n ?? 0;
		p.beamWidth[i] = r.beamWidth ?? 0;
		p.tokenStart[i] = at;
		p.tokens.set(r.promptTokens, at);
		at += r.promptTokens.length;
	}
	p.tokenStart[count] = at;
	p.ids = count ? ids.join('\n') + '\n' : '';
	return p;
}

export function unpackRequests(p: PackedRequests): RequestSpec[] {
	const ids = p.count ? p.ids.slice(0, -1).split('\n') : [];
	const out: RequestSpec[] = new Array(p.count);
	for (let i = 0; i < p.count; i++) {
		// Keys in RequestSpec's order, as the trace readers make them.
		const r = { id: ids[i], arrivalStep: p.arrivalStep[i] } as RequestSpec;
		if (!Number.isNaN(p.arrivalMs[i])) r.arrivalMs = p.arrivalMs[i];
		r.promptTokens = Array.from(p.tokens.subarray(p.tokenStart[i], p.tokenStart[i + 1]));
		r.outputLen = p.outputLen[i];
		if (p.n[i]) r.n = p.n[i];
		if (p.beamWidth[i]) r.beamWidth = p.beamWidth[i];
		out[i] = r;
	}
	return out;
}

/** The buffers to transfer with a posted PackedRequests. */
export function packedBuffers(p: PackedRequests): ArrayBuffer[] {
	return [p.arrivalStep, p.arrivalMs, p.outputLen, p.n, p.beamWidth, p.tokenStart, p.tokens].map((a) => a.buffer as ArrayBuffer);
}
