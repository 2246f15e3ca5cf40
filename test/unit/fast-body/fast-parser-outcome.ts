/** The fast body path's parser fed the same chunks as Node's (node-parser-oracle.ts), reporting in the same shape. */
import type { IncomingHttpHeaders } from 'node:http';
import { ParseRefusal } from '../../../main/core/http/fast-body/parse-refusal';
import { ResponseParser } from '../../../main/core/http/fast-body/response-parser';
import type { ResponseHead } from '../../../main/core/http/fast-body/response-head';

/** What the fast parser made of a response: Node's shape, or the refusal with whether it is a deliberate stricter one. */
export type FastOutcome = (
  | { ok: true; status: number; rawHeaders: string[]; headers: IncomingHttpHeaders; trailers: string[]; body: Buffer }
  | { ok: false; code: string; stricter: boolean; message: string }
) & {
  /** How many chunks it read: it stops at the one that completed the response, as the worker stops reading. */
  chunksRead: number;
};

/**
 * Feeds `chunks` in order, each through a buffer of its own size reused for every chunk (as the
 * socket's reused read buffer is), until the response is complete, as the worker reads a socket:
 * what follows a complete response in the same chunk is read, later chunks are not.
 */
export function fastParse(chunks: readonly Buffer[]): FastOutcome {
  let head: ResponseHead | null = null;
  const body: Buffer[] = [];
  const reused = Buffer.alloc(Math.max(1, ...chunks.map((chunk) => chunk.length)));
  const parser = new ResponseParser({
    head: (received) => void (head = received),
    // Copied out: the slice is only valid during the call, and the buffer is overwritten next.
    body: (buffer, start, end) => void body.push(Buffer.from(buffer.subarray(start, end))),
  });
  let chunksRead = 0;
  try {
    for (const chunk of chunks) {
      if (parser.complete) break;
      chunksRead++;
      chunk.copy(reused);
      reused.fill(0x58, chunk.length); // stale bytes past the chunk must never be read
      parser.feed(reused, 0, chunk.length);
    }
    if (!parser.complete) parser.end();
    const final = head as ResponseHead | null;
    if (!final) throw new Error('complete without a head');
    return { ok: true, status: final.status, rawHeaders: final.rawHeaders, headers: final.headers, trailers: parser.trailers, body: Buffer.concat(body), chunksRead };
  } catch (error) {
    if (error instanceof ParseRefusal) return { ok: false, code: error.code, stricter: error.stricter, message: error.message, chunksRead };
    throw error;
  }
}
