import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/lib/engine/config';
import { formatTrace, parseTrace, promptFromId } from '../../src/lib/workload/trace';
import { generateWorkload } from '../../src/lib/workload/workload';

const line = (o: Record<string, unknown>) => JSON.stringify(o);
const ok = { id: 'a', arrivalStep: 0, promptTokens: [1, 2, 3], outputLen: 4 };

function errorOf(text: string): InputError {
	try {
		parseTrace(text, 'trace.jsonl');
	} catch (e) {
		expect(e).toBeInstanceOf(InputError);
		return e as InputError;
	}
	throw new Error('parsed without error');
}

describe('parseTrace', () => {
	it('reads requests, skipping blank lines', () => {
		const text = `${line(ok)}\n\n   \n${line({ id: 'b', arrivalStep: 3, promptLen: 5, outputLen: 1, n: 2 })}\r\n${line({ id: 'c', arrivalStep: 3, promptTokens: [9], outputLen: 2, beamWidth: 4 })}\n`;
		const reqs = parseTrace(text, 't');
		expect(reqs).toHaveLength(3);
		expect(reqs[0]).toEqual(ok);
		expect(reqs[1]).toMatchObject({ id: 'b', arrivalStep: 3, outputLen: 1, n: 2 });
		expect(reqs[1].promptTokens).toHaveLength(5);
		expect(reqs[2]).toEqual({ id: 'c', arrivalStep: 3, promptTokens: [9], outputLen: 2, beamWidth: 4 });
		expect(parseTrace('', 't')).toEqual([]);
	});

	it('generates prompt tokens from the id, deterministically', () => {
		const a = parseTrace(line({ id: 'x', arrivalStep: 0, promptLen: 50, outputLen: 1 }), 't')[0];
		const b = parseTrace(line({ id: 'x', arrivalStep: 7, promptLen: 50, outputLen: 9 }), 't')[0];
		const c = parseTrace(line({ id: 'y', arrivalStep: 0, promptLen: 50, outputLen: 1 }), 't')[0];
		expect(a.promptTokens).toEqual(b.promptTokens);
		expect(a.promptTokens).toEqual(promptFromId('x', 50));
		expect(a.promptTokens).not.toEqual(c.promptTokens);
		const small = parseTrace(line({ id: 'x', arrivalStep: 0, promptLen: 200, outputLen: 1 }), 't', { vocabSize: 7 })[0];
		for (const t of small.promptTokens) expect(t >= 0 && t < 7).toBe(true);
	});

	it.each([
		['malformed JSON', '{"id": "z", ', '(json)'],
		['not an object', '[1, 2]', '(line)'],
		['a bare number', '42', '(line)'],
		['unknown key', line({ ...ok, id: 'z', temperature: 0.7 }), 'temperature'],
		['missing id', line({ arrivalStep: 0, promptLen: 3, outputLen: 1 }), 'id'],
		['numeric id', line({ ...ok, id: 5 }), 'id'],
		['empty id', line({ ...ok, id: '' }), 'id'],
		['missing arrivalStep', line({ id: 'z', promptLen: 3, outputLen: 1 }), 'arrivalStep'],
		['negative arrivalStep', line({ ...ok, id: 'z', arrivalStep: -1 }), 'arrivalStep'],
		['fractional arrivalStep', line({ ...ok, id: 'z', arrivalStep: 1.5 }), 'arrivalStep'],
		['string arrivalStep', line({ ...ok, id: 'z', arrivalStep: '3' }), 'arrivalStep'],
		['missing prompt', line({ id: 'z', arrivalStep: 0, outputLen: 1 }), 'promptTokens'],
		['both prompt fields', line({ ...ok, id: 'z', promptLen: 3 }), 'promptLen'],
		['promptTokens not an array', line({ ...ok, id: 'z', promptTokens: '1 2 3' }), 'promptTokens'],
		['empty promptTokens', line({ ...ok, id: 'z', promptTokens: [] }), 'promptTokens'],
		['non-integer token', line({ ...ok, id: 'z', promptTokens: [1, 2.5] }), 'promptTokens'],
		['negative token', line({ ...ok, id: 'z', promptTokens: [-1] }), 'promptTokens'],
		['zero promptLen', line({ id: 'z', arrivalStep: 0, promptLen: 0, outputLen: 1 }), 'promptLen'],
		['missing outputLen', line({ id: 'z', arrivalStep: 0, promptLen: 3 }), 'outputLen'],
		['zero outputLen', line({ ...ok, id: 'z', outputLen: 0 }), 'outputLen'],
		['zero n', line({ ...ok, id: 'z', n: 0 }), 'n'],
		['string beamWidth', line({ ...ok, id: 'z', beamWidth: '2' }), 'beamWidth'],
		['n and beamWidth', line({ ...ok, id: 'z', n: 2, beamWidth: 2 }), 'beamWidth'],
		['duplicate id', line({ ...ok, id: 'a' }), 'id']
	])('%s: names line 3 and field %s', (_what, bad, field) => {
		const text = `${line(ok)}\n\n${bad}\n${line({ ...ok, id: 'last' })}\n`;
		const e = errorOf(text);
		expect(e.line).toBe(3);
		expect(e.field).toBe(field);
		expect(e.source).toBe('trace.jsonl');
		expect(e.message).toMatch(new RegExp(`^trace\\.jsonl:3: ${field.replace(/[()]/g, '\\$&')}: `));
	});

	it('accepts n = 1 with a beam width, and beamWidth = 1 with n', () => {
		expect(parseTrace(line({ ...ok, n: 1, beamWidth: 3 }), 't')[0].beamWidth).toBe(3);
		expect(parseTrace(line({ ...ok, n: 3, beamWidth: 1 }), 't')[0].n).toBe(3);
	});
});

describe('formatTrace', () => {
	it('round-trips through parseTrace', () => {
		const reqs = generateWorkload({ preset: 'alpaca', numRequests: 40, ratePerStep: 2, n: 2 });
		const text = formatTrace(reqs);
		expect(text.endsWith('\n')).toBe(true);
		expect(text.split('\n')).toHaveLength(41);
		expect(parseTrace(text, 't')).toEqual(reqs);
		const beams = [{ id: 'q', arrivalStep: 1, promptTokens: [3], outputLen: 2, beamWidth: 2 }];
		expect(parseTrace(formatTrace(beams), 't')).toEqual(beams);
	});
});
