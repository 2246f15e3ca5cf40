import type { IncomingHttpHeaders } from 'node:http';
import { nodeHeaders } from './node-headers';
import { ParseRefusal } from './parse-refusal';

/** How the body of a response is delimited. */
export type Framing =
  /** Exactly this many bytes. */
  | { kind: 'length'; length: number }
  | { kind: 'chunked' }
  /** Everything until the server closes the connection. */
  | { kind: 'close' }
  /** No body at all (204, 304, 101, as Node reads them). */
  | { kind: 'none' };

/** A response's status line and fields, as Node's `IncomingMessage` would show them. */
export interface ResponseHead {
  version: '1.0' | '1.1';
  status: number;
  reason: string;
  /** Names as sent, values without surrounding whitespace (Node's `rawHeaders`). */
  rawHeaders: string[];
  /** Lower-case names, duplicates merged as Node merges them (Node's `headers`). */
  headers: IncomingHttpHeaders;
  framing: Framing;
}

/** The parts of a status line: `HTTP/1.1 200 OK`. */
export interface StatusLine {
  version: '1.0' | '1.1';
  status: number;
  reason: string;
}

const DIGIT = (byte: number | undefined) => byte !== undefined && byte >= 0x30 && byte <= 0x39;

/**
 * Checks a status line, or as much of one as has arrived (`partial`), as llhttp does: `HTTP/`,
 * a version Node knows, one space, three digits, then nothing or a space and any reason phrase.
 * Node refuses a wrong byte as soon as it sees it, so a partial line is checked as far as it
 * goes. Node also takes HTTP/0.9 and HTTP/2.0 and statuses below 100 or above 599 from a
 * server: refused here as stricter (the got path serves them). Returns the parts of a whole line.
 */
export function statusLine(line: Buffer, partial = false): StatusLine | null {
  const has = (index: number) => index < line.length;
  const protocol = line.toString('latin1', 0, 5);
  if (!'HTTP/'.startsWith(protocol)) {
    // Node also reads RTSP/ and ICE/ answers; an HTTP download has no use for them.
    const otherProtocol = 'RTSP/'.startsWith(protocol.slice(0, 5)) || 'ICE/'.startsWith(protocol.slice(0, 4));
    throw new ParseRefusal('HPE_INVALID_CONSTANT', 'Expected HTTP/', otherProtocol);
  }
  if (has(5) && !DIGIT(line[5])) throw new ParseRefusal('HPE_INVALID_VERSION', 'Invalid major version');
  if (has(6) && line[6] !== 0x2e) throw new ParseRefusal('HPE_INVALID_VERSION', 'Expected dot');
  if (has(7)) {
    if (!DIGIT(line[7])) throw new ParseRefusal('HPE_INVALID_VERSION', 'Invalid minor version');
    const version = `${line[5]! - 0x30}.${line[7]! - 0x30}`;
    if (version !== '1.0' && version !== '1.1') {
      throw new ParseRefusal('HPE_INVALID_VERSION', 'Invalid HTTP version', version === '0.9' || version === '2.0');
    }
  }
  if (has(8) && line[8] !== 0x20) throw new ParseRefusal('HPE_INVALID_VERSION', 'Expected space after version');
  for (const at of [9, 10, 11]) if (has(at) && !DIGIT(line[at])) throw new ParseRefusal('HPE_INVALID_STATUS', 'Invalid status code');
  if (has(12) && line[12] !== 0x20) throw new ParseRefusal('HPE_INVALID_STATUS', 'Invalid response status');
  if (partial) return null;
  if (!has(11)) throw new ParseRefusal(has(8) ? 'HPE_INVALID_STATUS' : 'HPE_INVALID_VERSION', 'Incomplete status line');
  const status = Number(line.toString('latin1', 9, 12));
  if (status < 100 || status > 599) throw new ParseRefusal('HPE_INVALID_STATUS', 'A status outside 100-599', true);
  return { version: line[7] === 0x31 ? '1.1' : '1.0', status, reason: line.toString('latin1', 13) };
}

/** Whether a status is an interim answer Node's client skips (1xx but 101, which ends the exchange). */
export function isInterim(status: number): boolean {
  return status >= 100 && status < 200 && status !== 101;
}

/** The framing of a final response, from its status and its framing fields (already checked for conflicts). */
export function framingOf(status: number, fields: { contentLength: number | null; chunked: boolean }): Framing {
  if (status === 101 || status === 204 || status === 304) return { kind: 'none' };
  if (fields.chunked) return { kind: 'chunked' };
  if (fields.contentLength !== null) return fields.contentLength === 0 ? { kind: 'none' } : { kind: 'length', length: fields.contentLength };
  return { kind: 'close' };
}

/** The head, put together once its fields are all in. */
export function responseHead(line: StatusLine, rawHeaders: string[], framing: Framing): ResponseHead {
  return { ...line, rawHeaders, headers: nodeHeaders(rawHeaders), framing };
}
