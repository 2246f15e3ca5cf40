/**
 * Why the fast body path's response parser refused the bytes it was given. `code` is the one
 * Node's own parser (llhttp) gives for the same fault, so that a body that breaks off mid-way is
 * worded exactly as the got path words it (to-app-error.ts: "The request to the backend failed
 * (HPE_INVALID_CHUNK_SIZE)"); an early close is `ECONNRESET`, as Node reports it.
 *
 * `stricter` marks what Node would accept but this parser will not serve (HTTP/2.0 in a
 * status line, a transfer coding other than chunked, a head past its raw byte bound…): before
 * the body such a refusal sends the download to the got path, which uses Node's parser; the
 * differential tests allow only these to disagree with Node.
 */
export class ParseRefusal extends Error {
  override readonly name = 'ParseRefusal';

  constructor(
    readonly code: string,
    message: string,
    readonly stricter = false,
  ) {
    super(message);
  }
}

/** The connection closed before the response was complete: what Node says (`aborted`, ECONNRESET). */
export function endedEarly(whileReading: 'head' | 'body'): ParseRefusal {
  return new ParseRefusal('ECONNRESET', whileReading === 'head' ? 'socket hang up' : 'aborted');
}
