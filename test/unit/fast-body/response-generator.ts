/**
 * Seeded byte streams for the differential tests: HTTP/1.x responses built from parts that are
 * usually right and often subtly wrong (versions, statuses, field names and values, framing
 * fields, chunk lines and trailers, line endings, sizes at Node's limits), then sometimes
 * mutated or cut short; and the chunkings a socket might deliver them in.
 */

export { seededRandom } from '../../../main/core/sample-backend/sample-content';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (random: Random, p: number) => random() < p;
const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const VERSIONS = ['1.1', '1.1', '1.1', '1.0', '0.9', '2.0', '1.2', '3.0', '11.1', '1'];
const STATUSES = ['200', '200', '200', '206', '204', '304', '101', '100', '103', '404', '500', '099', '600', '999', '20', '2x0', '1000'];
const NAMES = ['Content-Type', 'X-Trace', 'Set-Cookie', 'Cookie', 'Location', 'Retry-After', 'Content-Disposition', 'Via', 'etag', 'X-A', 'Connection'];
const CONNECTION_VALUES = ['close', 'keep-alive', 'Close', 'upgrade', 'close, te', ' close '];
const BAD_NAMES = ['Bad Name', 'X/Y', '', 'X\u00ff', 'X\t', ' X', 'X ', '\tX'];
const TE_VALUES = ['chunked', 'chunked', 'CHUNKED', 'chunked  ', 'chunked\t', 'gzip, chunked', 'chunked, gzip', 'gzip', 'identity', '', 'chunked,', ' chunked'];
const CL_BAD = ['+3', '3,3', '3 3', '', '0x3', '-1', '99999999999999999999999', '3\t', ' 3 '];

/** Bytes of a field value: mostly plain, now and then whitespace around it, obs-text, or a control that Node refuses. */
function fieldValue(random: Random): string {
  const plain = 'abc=1; q="x y"/%20,'.split('');
  let value = '';
  const length = chance(random, 0.02) ? int(random, 16_300, 16_400) : int(random, 0, 24);
  for (let i = 0; i < length; i++) {
    const roll = random();
    if (roll < 0.9) value += pick(random, plain);
    else if (roll < 0.95) value += pick(random, [' ', '\t']);
    else if (roll < 0.997) value += String.fromCharCode(int(random, 0x80, 0xff));
    else value += pick(random, ['\u0000', '\u0001', '\u007f', '\u001f']);
  }
  if (chance(random, 0.15)) value = pick(random, ['  ', '\t', ' \t ']) + value;
  if (chance(random, 0.15)) value += pick(random, ['  ', '\t', ' \t ']);
  return value;
}

function fieldLines(random: Random, count: number): string {
  let lines = '';
  for (let i = 0; i < count; i++) {
    const name = chance(random, 0.04) ? pick(random, BAD_NAMES) : pick(random, NAMES);
    const separator = chance(random, 0.03) ? pick(random, [' :', ':', '']) : ':';
    const value = name === 'Connection' && chance(random, 0.8) ? pick(random, CONNECTION_VALUES) : fieldValue(random);
    lines += `${name}${separator}${chance(random, 0.8) ? ' ' : ''}${value}\r\n`;
    if (chance(random, 0.02)) lines += ` folded\r\n`; // obs-fold
  }
  if (chance(random, 0.02)) for (let i = 0; i < 1100; i++) lines += `m${i}: v\r\n`;
  return lines;
}

function bodyBytes(random: Random): Buffer {
  const length = chance(random, 0.1) ? int(random, 2000, 70_000) : int(random, 0, 300);
  const body = Buffer.alloc(length);
  for (let i = 0; i < length; i++) body[i] = chance(random, 0.05) ? pick(random, [0x0d, 0x0a]) : int(random, 0, 255);
  return body;
}

/** A chunk extension list: `;a`, `;a=b`, `;a="q \\" d"`, or broken ones. */
function chunkExtensions(random: Random): string {
  if (!chance(random, 0.2)) return '';
  const parts = [';a', ';name=value', ';q="x \\" y"', ';e=', ';', ';;', ';=v', ';a=b"c d"', ';a="q"x', '; a', ';a=b@c', ';a="open', `;${'z'.repeat(pick(random, [100, 16_380, 16_385, 17_000]))}`];
  let text = '';
  for (let i = int(random, 1, 3); i > 0; i--) text += pick(random, parts);
  return text;
}

function chunkedBody(random: Random, body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const size = Math.min(body.length - at, int(random, 1, chance(random, 0.5) ? 16 : 5000));
    let sizeText = size.toString(16);
    if (chance(random, 0.1)) sizeText = sizeText.toUpperCase();
    if (chance(random, 0.05)) sizeText = '000' + sizeText;
    if (chance(random, 0.02)) sizeText = pick(random, ['zz', '', ' ' + sizeText, sizeText + ' ', '-1', 'ffffffffffffffffff', '1'.repeat(14)]);
    parts.push(Buffer.from(`${sizeText}${chunkExtensions(random)}\r\n`, 'latin1'), body.subarray(at, at + size), Buffer.from(chance(random, 0.02) ? 'X\r\n' : '\r\n'));
    at += size;
  }
  parts.push(Buffer.from(`${chance(random, 0.05) ? '000' : '0'}${chunkExtensions(random)}\r\n`, 'latin1'));
  if (chance(random, 0.3)) parts.push(Buffer.from(fieldLines(random, int(random, 1, 3)), 'latin1'));
  if (chance(random, 0.03)) parts.push(Buffer.from(pick(random, ['Content-Length: 5\r\n', 'Transfer-Encoding: chunked\r\n']), 'latin1'));
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

/** The framing fields and the framed body. */
function framed(random: Random, body: Buffer): { fields: string; payload: Buffer } {
  const roll = random();
  if (roll < 0.45) {
    const declared = chance(random, 0.1) ? body.length + int(random, -5, 5) : body.length;
    const value = chance(random, 0.05) ? pick(random, CL_BAD) : `${chance(random, 0.05) ? '00' : ''}${Math.max(0, declared)}${chance(random, 0.05) ? '  ' : ''}`;
    const twice = chance(random, 0.03) ? `Content-Length: ${value}\r\n` : '';
    return { fields: `Content-Length: ${value}\r\n${twice}`, payload: body };
  }
  if (roll < 0.8) {
    const te = chance(random, 0.15) ? pick(random, TE_VALUES) : 'chunked';
    const both = chance(random, 0.04) ? `Content-Length: ${body.length}\r\n` : '';
    const twice = chance(random, 0.02) ? 'Transfer-Encoding: chunked\r\n' : '';
    return { fields: `Transfer-Encoding: ${te}\r\n${twice}${both}`, payload: chunkedBody(random, body) };
  }
  return { fields: '', payload: body };
}

function statusLine(random: Random): string {
  const version = chance(random, 0.06) ? pick(random, VERSIONS) : '1.1';
  const status = chance(random, 0.1) ? pick(random, STATUSES) : '200';
  const reason = chance(random, 0.1) ? pick(random, ['', ' ', ' O\u0000K', ' OK ', '  OK', ' Ok\u00e9', '\tOK', ` ${'r'.repeat(16_370)}`]) : ' OK';
  const protocol = chance(random, 0.01) ? pick(random, ['http', 'RTSP', 'ICE', 'HTTPS']) : 'HTTP';
  return `${protocol}/${version} ${status}${reason}\r\n`;
}

/** Breaks one line ending now and then (LF alone, CR alone, CR CR LF), as hostile or sloppy servers do. */
function breakLineEndings(random: Random, head: string): string {
  if (!chance(random, 0.08)) return head;
  const ends = [...head.matchAll(/\r\n/g)].map((match) => match.index);
  if (ends.length === 0) return head;
  const at = pick(random, ends);
  return head.slice(0, at) + pick(random, ['\n', '\r', '\r\r\n', '\n\r']) + head.slice(at + 2);
}

/** Flips, inserts or deletes a byte somewhere, or cuts the stream short. */
function mutate(random: Random, bytes: Buffer): Buffer {
  let out = bytes;
  if (chance(random, 0.08) && out.length > 0) {
    const at = int(random, 0, out.length - 1);
    const copy = Buffer.from(out);
    copy[at] = pick(random, [0x00, 0x0d, 0x0a, 0x20, 0x3a, 0x3b, 0x22, 0x7f, 0xff, int(random, 0, 255)]);
    out = copy;
  }
  if (chance(random, 0.04)) {
    const at = int(random, 0, out.length);
    out = Buffer.concat([out.subarray(0, at), Buffer.from([pick(random, [0x0d, 0x0a, 0x20, 0x09, 0x00])]), out.subarray(at)]);
  }
  if (chance(random, 0.06)) out = out.subarray(0, int(random, 0, out.length));
  if (chance(random, 0.03)) out = Buffer.concat([out, Buffer.from(pick(random, ['\r\n', 'HTTP/1.1 200 OK\r\n\r\n', 'garbage', 'HT']))]);
  return out;
}

/** One response stream. */
export function generateResponse(random: Random): Buffer {
  let head = '';
  if (chance(random, 0.05)) head += pick(random, ['\r\n', '\n', '\r\n\r\n', '\r']);
  if (chance(random, 0.06)) head += `HTTP/1.1 ${pick(random, ['100 Continue', '103 Early Hints', '102 Processing'])}\r\n${fieldLines(random, int(random, 0, 2))}\r\n`;
  const body = bodyBytes(random);
  const { fields, payload } = framed(random, body);
  const lines = [fieldLines(random, int(random, 0, 4)), fields];
  if (chance(random, 0.5)) lines.reverse();
  head += statusLine(random) + lines.join('') + '\r\n';
  return mutate(random, Buffer.concat([Buffer.from(breakLineEndings(random, head), 'latin1'), payload]));
}

/** Splits `bytes` into chunks of random sizes (small ones often, so boundaries fall everywhere). */
export function randomChunks(random: Random, bytes: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = chance(random, 0.3) ? int(random, 1, 4) : int(random, 1, Math.max(1, Math.min(bytes.length, 70_000)));
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}
