/**
 * Text from bytes that should be UTF-8, keeping the difference between a real U+FFFD (the file
 * holds EF BF BD, a character like any other) and bytes that are not UTF-8 at all. A lenient
 * decoder turns both into U+FFFD, so a line could only be refused for either; here each byte
 * that is not part of a valid sequence becomes a lone surrogate U+DC80–U+DCFF instead (as
 * Python's "surrogateescape"). Valid UTF-8 never decodes to a lone surrogate, so
 * `sourceUrlProblem` refuses exactly the lines that held such bytes.
 */

const strict = new TextDecoder('utf-8', { fatal: true });

/** The text of `bytes`; each byte that is not valid UTF-8 becomes U+DC00 + the byte. A leading BOM is kept (the parsers strip it). */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    // Almost every file: one fast, exact decode.
    return strict.decode(bytes);
  } catch {
    return decodeMarkingInvalid(bytes);
  }
}

/** Decodes the valid runs with the strict decoder and marks each byte between them. */
function decodeMarkingInvalid(bytes: Uint8Array): string {
  const parts: string[] = [];
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = validSequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (runStart < i) parts.push(strict.decode(bytes.subarray(runStart, i)));
    parts.push(String.fromCharCode(0xdc00 + bytes[i]!));
    i += 1;
    runStart = i;
  }
  if (runStart < bytes.length) parts.push(strict.decode(bytes.subarray(runStart)));
  return parts.join('');
}

/** Whether `byte` is a continuation byte within [low, high] (the second byte's range depends on the first). */
function inRange(byte: number | undefined, low = 0x80, high = 0xbf): boolean {
  return byte !== undefined && byte >= low && byte <= high;
}

/**
 * The length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none: the
 * table of well-formed sequences in the Unicode standard (no overlong forms, no surrogates,
 * nothing above U+10FFFF).
 */
function validSequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return inRange(bytes[i + 1]) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const low = lead === 0xe0 ? 0xa0 : 0x80;
    const high = lead === 0xed ? 0x9f : 0xbf;
    return inRange(bytes[i + 1], low, high) && inRange(bytes[i + 2]) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const low = lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xf4 ? 0x8f : 0xbf;
    return inRange(bytes[i + 1], low, high) && inRange(bytes[i + 2]) && inRange(bytes[i + 3]) ? 4 : 0;
  }
  return 0;
}
