import { describe, expect, it } from 'vitest';
import { MAX_CHUNK_LINE, MAX_RAW_HEAD, ResponseParser } from '../../../main/core/http/fast-body/response-parser';
import type { ResponseHead } from '../../../main/core/http/fast-body/response-head';
import { ParseRefusal } from '../../../main/core/http/fast-body/parse-refusal';

const bytes = (text: string) => Buffer.from(text, 'latin1');

function refusal(run: () => void): ParseRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof ParseRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the fast response parser', () => {
  it('hands the body out as slices of the caller\'s own buffer, never copied', () => {
    const buffer = bytes('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789');
    const slices: Array<{ same: boolean; start: number; end: number }> = [];
    const parser = new ResponseParser({ head: () => {}, body: (given, start, end) => void slices.push({ same: given === buffer, start, end }) });
    parser.feed(buffer, 0, buffer.length);
    expect(slices).toEqual([{ same: true, start: buffer.length - 10, end: buffer.length }]);
    expect(parser.complete).toBe(true);
  });

  it('stops right after the head when the sink asks, and reads the body from there on the next feed', () => {
    const buffer = bytes('HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX-A: 1\r\n\r\nabc');
    let head: ResponseHead | null = null;
    const body: string[] = [];
    const parser = new ResponseParser({ head: (received) => ((head = received), false), body: (given, start, end) => void body.push(given.toString('latin1', start, end)) });
    const stopped = parser.feed(buffer, 0, buffer.length);
    expect(stopped).toBe(buffer.length - 3);
    expect(head).toMatchObject({ status: 200, rawHeaders: ['Content-Length', '3', 'X-A', '1'], framing: { kind: 'length', length: 3 } });
    expect(body).toEqual([]);
    parser.feed(buffer, stopped, buffer.length);
    expect(body).toEqual(['abc']);
  });

  it('reads a chunked body split anywhere, extensions and trailers included', () => {
    const stream = bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;a="b"\r\nabc\r\n2\r\nde\r\n0\r\nT: 1\r\n\r\n');
    for (let at = 1; at < stream.length; at++) {
      const body: string[] = [];
      const parser = new ResponseParser({ head: () => {}, body: (given, start, end) => void body.push(given.toString('latin1', start, end)) });
      parser.feed(Buffer.from(stream.subarray(0, at)), 0, at);
      parser.feed(Buffer.from(stream.subarray(at)), 0, stream.length - at);
      expect(body.join('')).toBe('abcde');
      expect(parser.complete).toBe(true);
      expect(parser.trailers).toEqual(['T', '1']);
    }
  });

  it('completes a close-delimited body at the end of the connection, and refuses one cut short as Node does (ECONNRESET)', () => {
    const open = new ResponseParser({ head: () => {}, body: () => {} });
    open.feed(bytes('HTTP/1.1 200 OK\r\n\r\nall'), 0, 22);
    open.end();
    expect(open.complete).toBe(true);
    const short = new ResponseParser({ head: () => {}, body: () => {} });
    short.feed(bytes('HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc'), 0, 41);
    expect(refusal(() => short.end())).toMatchObject({ code: 'ECONNRESET', message: 'aborted', stricter: false });
  });

  it('is bounded where Node reads on: endless CRs and LFs before a head, endless zeros in a chunk size', () => {
    const lines = new ResponseParser({ head: () => {}, body: () => {} });
    const crlf = Buffer.alloc(MAX_RAW_HEAD + 2, '\r\n');
    expect(refusal(() => lines.feed(crlf, 0, crlf.length))).toMatchObject({ code: 'HPE_HEADER_OVERFLOW', stricter: true });
    const zeros = new ResponseParser({ head: () => {}, body: () => {} });
    const head = bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
    const size = Buffer.alloc(MAX_CHUNK_LINE + 1, '0');
    zeros.feed(head, 0, head.length);
    expect(refusal(() => zeros.feed(size, 0, size.length))).toMatchObject({ stricter: true });
  });

  it('refuses a wrong start at its first wrong byte, before the line ends', () => {
    const parser = new ResponseParser({ head: () => {}, body: () => {} });
    expect(refusal(() => parser.feed(bytes('HTTP/1.1 2x'), 0, 11))).toMatchObject({ code: 'HPE_INVALID_STATUS' });
  });

  it('marks as stricter only what Node would still read (the got path then serves it)', () => {
    const cases: Array<[string, boolean]> = [
      ['HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n', true],
      ['HTTP/1.1 600 X\r\nContent-Length: 0\r\n\r\n', true],
      ['HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n', true],
      ['HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n', false],
      ['HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n', false],
      ['HTTP/1.1 200 OK\nContent-Length: 0\n\n', false],
    ];
    for (const [text, stricter] of cases) {
      const parser = new ResponseParser({ head: () => {}, body: () => {} });
      expect(refusal(() => parser.feed(bytes(text), 0, text.length)).stricter, text).toBe(stricter);
    }
  });
});
