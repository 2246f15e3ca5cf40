/**
 * The fast body path's response parser against Node's own (llhttp, through a real
 * `http.request`): the same byte streams, split at every boundary for small hostile heads and
 * at random for seeded generated ones; they agree on status, fields and body bytes, or both
 * refuse (compare-parsers.ts). `FUZZ_ROUNDS` (default 300) and `FUZZ_SEED` widen the random
 * part: `npm run fuzz` runs it long (scripts/fuzz.mjs).
 */
import { describe, expect, it } from 'vitest';
import { compareParsers, everySplit } from './compare-parsers';
import type { Agreement } from './compare-parsers';
import { generateResponse, randomChunks, seededRandom } from './response-generator';

const H = 'HTTP/1.1 200 OK\r\n';
const bytes = (text: string) => Buffer.from(text, 'latin1');

/**
 * What follows a complete response counts only in the read that completed it (later reads are
 * never made, by Node's client or by the worker): such a case is refused only when it comes
 * in the same chunk, and the two parsers must agree at every split either way.
 */
type Expected = Agreement | { inTheSameRead: Agreement };

/** Hostile and ordinary heads, with what Node does with each (asserted too, so a case proves what it claims). */
const CASES: Array<[string, string, Expected]> = [
  ['a Content-Length body', `${H}Content-Length: 5\r\nContent-Type: application/zip\r\n\r\nhello`, 'both-accept'],
  ['a chunked body with extensions and trailers', `${H}Transfer-Encoding: chunked\r\n\r\n3;a=b;q="x \\" y"\r\nabc\r\nA;;e=\r\n0123456789\r\n0;last\r\nT: v\r\nU:\r\n\r\n`, 'both-accept'],
  ['a close-delimited body', `${H}X: 1\r\n\r\nall of it`, 'both-accept'],
  ['interim 100 and 103 heads before the final one', `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n${H}Content-Length: 2\r\n\r\nok`, 'both-accept'],
  ['whitespace around values, tabs and obs-text inside them', `${H}X:  \ta\tb \u00e9 \t\r\nEmpty:\r\nContent-Length: 0\r\n\r\n`, 'both-accept'],
  ['fields Node merges, keeps first or collects', `${H}Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nCookie: c\r\nCookie: d\r\nVia: x\r\nVia: y\r\nContent-Type: a/b\r\nContent-Type: c/d\r\nContent-Length: 0\r\n\r\n`, 'both-accept'],
  ['CR and LF before the status line', `\r\n\n\r${H}Content-Length: 0\r\n\r\n`, 'both-accept'],
  ['both Content-Length and chunked', `${H}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n`, 'both-refuse'],
  ['chunked, then Content-Length', `${H}Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n`, 'both-refuse'],
  ['a duplicate Content-Length (same value)', `${H}Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc`, 'both-refuse'],
  ['a duplicate Content-Length (another value)', `${H}Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd`, 'both-refuse'],
  ['a Content-Length list', `${H}Content-Length: 3, 3\r\n\r\nabc`, 'both-refuse'],
  ['a signed Content-Length', `${H}Content-Length: +3\r\n\r\nabc`, 'both-refuse'],
  ['a Content-Length past 2^64', `${H}Content-Length: 99999999999999999999\r\n\r\nabc`, 'both-refuse'],
  ['a chunk size that is not hexadecimal', `${H}Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`, 'both-refuse'],
  ['a chunk size past 2^64', `${H}Transfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\nabc\r\n0\r\n\r\n`, 'both-refuse'],
  ['a negative chunk size', `${H}Transfer-Encoding: chunked\r\n\r\n-3\r\nabc\r\n0\r\n\r\n`, 'both-refuse'],
  ['a space after the chunk size', `${H}Transfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n`, 'both-refuse'],
  ['an empty chunk size', `${H}Transfer-Encoding: chunked\r\n\r\n\r\nabc\r\n0\r\n\r\n`, 'both-refuse'],
  ['chunk data not followed by CRLF', `${H}Transfer-Encoding: chunked\r\n\r\n3\r\nabcX0\r\n\r\n`, 'both-refuse'],
  ['a chunk extension that ends the line after ;', `${H}Transfer-Encoding: chunked\r\n\r\n3;\r\nabc\r\n0\r\n\r\n`, 'both-refuse'],
  ['an unterminated quoted chunk extension', `${H}Transfer-Encoding: chunked\r\n\r\n3;a="bc\r\nabc\r\n0\r\n\r\n`, 'both-refuse'],
  ['chunk extensions past Node\'s 16 KiB', `${H}Transfer-Encoding: chunked\r\n\r\n3;${'a'.repeat(16_385)}\r\nabc\r\n0\r\n\r\n`, 'both-refuse'],
  ['chunk extensions at Node\'s 16 KiB', `${H}Transfer-Encoding: chunked\r\n\r\n3;${'a'.repeat(16_384)}\r\nabc\r\n0\r\n\r\n`, 'both-accept'],
  ['a field value one byte under Node\'s 16 KiB count', `${H}X: ${'a'.repeat(16_365)}\r\nContent-Length: 3\r\n\r\nabc`, 'both-accept'],
  ['a field value at Node\'s 16 KiB count', `${H}X: ${'a'.repeat(16_366)}\r\nContent-Length: 3\r\n\r\nabc`, 'both-refuse'],
  ['a huge field value', `${H}X: ${'a'.repeat(40_000)}\r\n\r\n`, 'both-refuse'],
  ['a reason phrase past the count', `HTTP/1.1 200 ${'r'.repeat(16_400)}\r\n\r\n`, 'both-refuse'],
  ['trailers past the count', `${H}Transfer-Encoding: chunked\r\n\r\n0\r\nT: ${'a'.repeat(16_383)}\r\n\r\n`, 'both-refuse'],
  ['LF-only line endings', 'HTTP/1.1 200 OK\nContent-Length: 3\n\nabc', 'both-refuse'],
  ['CR-only line endings', 'HTTP/1.1 200 OK\rContent-Length: 3\r\rabc', 'both-refuse'],
  ['a CR inside a value', `${H}X: a\rb\r\nContent-Length: 0\r\n\r\n`, 'both-refuse'],
  ['a NUL in a field value', `${H}X: a\u0000b\r\nContent-Length: 3\r\n\r\nabc`, 'both-refuse'],
  ['a DEL in a field value', `${H}X: a\u007fb\r\nContent-Length: 3\r\n\r\nabc`, 'both-refuse'],
  ['obs-fold', `${H}X: a\r\n b\r\nContent-Length: 3\r\n\r\nabc`, 'both-refuse'],
  ['a space before the colon', `${H}Content-Length : 3\r\n\r\nabc`, 'both-refuse'],
  ['a space at the start of the fields', `${H} X: 1\r\nContent-Length: 0\r\n\r\n`, 'both-refuse'],
  ['a field without a colon', `${H}Novalue\r\nContent-Length: 0\r\n\r\n`, 'both-refuse'],
  ['a lower-case protocol', 'http/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', 'both-refuse'],
  ['HTTP/1.2', 'HTTP/1.2 200 OK\r\nContent-Length: 0\r\n\r\n', 'both-refuse'],
  ['a two-digit status', 'HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n', 'both-refuse'],
  ['a close right after the headers of a Content-Length body', `${H}Content-Length: 10\r\n\r\n`, 'both-refuse'],
  ['a close mid-body', `${H}Content-Length: 10\r\n\r\nabc`, 'both-refuse'],
  ['a close mid-chunk', `${H}Transfer-Encoding: chunked\r\n\r\n3\r\nab`, 'both-refuse'],
  ['a close before the last chunk\'s trailers end', `${H}Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n`, 'both-refuse'],
  ['a close mid-head', `${H}Content-Len`, 'both-refuse'],
  ['a close before any byte', '', 'both-refuse'],
  ['an interim head and nothing after', 'HTTP/1.1 100 Continue\r\n\r\n', 'both-refuse'],
  ['data after a response that closes the connection', `${H}Connection: close\r\nContent-Length: 1\r\n\r\naX`, { inTheSameRead: 'both-refuse' }],
  ['garbage after a response', `${H}Content-Length: 1\r\n\r\naGARBAGE`, { inTheSameRead: 'both-refuse' }],
  ['another response after a response', `${H}Content-Length: 1\r\n\r\naHTTP/1.1 204 No\r\n\r\n`, 'both-accept'],
  ['a 204 with a body Node takes for the next response', 'HTTP/1.1 204 No\r\nContent-Length: 3\r\n\r\nabc', { inTheSameRead: 'both-refuse' }],
  ['a 101 and the other protocol\'s bytes', 'HTTP/1.1 101 Switching\r\nUpgrade: x\r\n\r\n\u0000\u0001binary', 'both-accept'],
  ['gzip, chunked (Node decodes nothing: served by the got path)', `${H}Transfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n`, 'fast-stricter'],
  ['HTTP/2.0 in a status line (served by the got path)', 'HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n', 'fast-stricter'],
];

describe('the fast parser and Node\'s agree on hostile and ordinary heads, split at every boundary', () => {
  it.each(CASES)('%s', async (label, text, expected) => {
    const stream = bytes(text);
    // Every boundary for small streams; for the large ones (16 KiB heads), the edges and a seeded sample.
    const random = seededRandom(stream.length);
    const splits = stream.length <= 400 ? everySplit(stream) : [[stream], ...Array.from({ length: 40 }, () => randomChunks(random, stream))];
    for (const chunks of splits) {
      const { agreement } = await compareParsers(chunks, label);
      if (typeof expected === 'string') expect(agreement, `${label}: split as ${chunks.map((chunk) => chunk.length).join('+')}`).toBe(expected);
    }
    if (typeof expected !== 'string') expect((await compareParsers([stream], label)).agreement).toBe(expected.inTheSameRead);
  }, 60_000);
});

describe('the fast parser and Node\'s agree on seeded generated streams in random chunks', () => {
  const rounds = Number(process.env.FUZZ_ROUNDS ?? 300);
  const seed = Number(process.env.FUZZ_SEED ?? 20_260_521);

  it(`${rounds} streams from seed ${seed}`, async () => {
    const random = seededRandom(seed);
    const seen: Record<Agreement, number> = { 'both-accept': 0, 'both-refuse': 0, 'fast-stricter': 0 };
    for (let round = 0; round < rounds; round++) {
      const stream = generateResponse(random);
      const { agreement } = await compareParsers(randomChunks(random, stream), `seed ${seed} round ${round}`);
      seen[agreement]++;
    }
    // The generator must keep producing both kinds, or the comparison proves little.
    expect(seen['both-accept']).toBeGreaterThan(rounds / 5);
    expect(seen['both-refuse']).toBeGreaterThan(rounds / 5);
  }, Math.max(60_000, rounds * 50));
});
