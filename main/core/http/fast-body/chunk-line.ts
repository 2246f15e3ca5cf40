import { QDTEXT, QUOTED_PAIR, TOKEN, hexValue } from './http-chars';
import { ParseRefusal } from './parse-refusal';

/** Node's limit on one chunk line's extensions (names and values, quotes included): 16 KiB. */
export const NODE_MAX_CHUNK_EXTENSIONS = 16 * 1024;

const SEMICOLON = 0x3b;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function refuse(message: string): never {
  throw new ParseRefusal('HPE_STRICT', message);
}

/** The line ended where more must come (checking a line still arriving: nothing wrong yet). */
const CUT = -1;

/** Reads one quoted section of an extension value from its opening quote; returns the index past its closing quote, or CUT. */
function quotedEnd(line: Buffer, at: number, partial: boolean): number {
  let i = at + 1;
  while (i < line.length) {
    const byte = line[i]!;
    if (byte === QUOTE) return i + 1;
    if (byte === BACKSLASH) {
      if (i + 1 >= line.length && partial) return CUT;
      if (i + 1 >= line.length || QUOTED_PAIR[line[i + 1]!] !== 1) refuse('Invalid quoted-pair in chunk extensions quoted value');
      i += 2;
    } else if (QDTEXT[byte] === 1) i++;
    else refuse('Invalid character in chunk extensions quoted value');
  }
  return partial ? CUT : refuse('Invalid character in chunk extensions quoted value');
}

/**
 * The size of a chunk from its line (without the CRLF): hexadecimal digits, then extensions as
 * llhttp reads them: after each `;` a name of token characters (which may be empty, but the
 * `;` may not end the line or meet a space), then `=` and a value of token characters in
 * which a quote opens a quoted string (after which only `;` or the end may come). Their names
 * and values are bounded as Node bounds them. Sizes past a safe integer are refused (Node
 * reads on to 2^64 - 1, which no body reaches). `partial`: the line is still arriving; what it
 * holds so far is checked as Node checks each byte, and -1 returned.
 */
export function chunkSize(line: Buffer, partial = false): number {
  let size = 0;
  let significant = 0; // digits after the leading zeros: past 16 the size passes 2^64 - 1
  let i = 0;
  for (; i < line.length; i++) {
    const digit = hexValue(line[i]!);
    if (digit === -1) break;
    if (significant > 0 || digit > 0) significant++;
    if (significant > 16) throw new ParseRefusal('HPE_INVALID_CHUNK_SIZE', 'Chunk size overflow');
    size = size * 16 + digit;
  }
  if (i === line.length && partial) return CUT;
  if (i === 0 || (i < line.length && line[i] !== SEMICOLON)) throw new ParseRefusal('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
  let counted = 0;
  while (i < line.length) {
    // At a semicolon.
    i++;
    if (i === line.length && partial) return CUT;
    if (i === line.length || line[i] === 0x20) refuse('Invalid character in chunk extensions');
    const nameStart = i;
    while (i < line.length && TOKEN[line[i]!] === 1) i++;
    counted += i - nameStart;
    if (i < line.length && line[i] === EQUALS) {
      const valueStart = ++i;
      while (i < line.length && line[i] !== SEMICOLON) {
        if (line[i] === QUOTE) {
          i = quotedEnd(line, i, partial);
          if (i === CUT) return CUT;
          if (i < line.length && line[i] !== SEMICOLON) refuse('Invalid character in chunk extensions quote value');
        } else if (TOKEN[line[i]!] === 1) i++;
        else refuse('Invalid character in chunk extensions value');
      }
      counted += i - valueStart;
    } else if (i < line.length && line[i] !== SEMICOLON) refuse('Invalid character in chunk extensions name');
    if (counted > NODE_MAX_CHUNK_EXTENSIONS) throw new ParseRefusal('HPE_CHUNK_EXTENSIONS_OVERFLOW', 'Chunk extensions overflow');
  }
  if (partial) return CUT;
  // Node reads on to 2^64 - 1, which no body reaches; past 2^53 the sum above is no longer exact.
  if (!Number.isSafeInteger(size)) throw new ParseRefusal('HPE_INVALID_CHUNK_SIZE', 'Chunk size too large', true);
  return size;
}
