/** Byte classes of RFC 9110/9112 as llhttp applies them to responses. */

function table(accept: (byte: number) => boolean): Uint8Array {
  const bytes = new Uint8Array(256);
  for (let byte = 0; byte < 256; byte++) bytes[byte] = accept(byte) ? 1 : 0;
  return bytes;
}

const TCHAR_EXTRA = new Set([...'!#$%&\'*+-.^_`|~'].map((c) => c.charCodeAt(0)));

const isAlphaNum = (byte: number) => (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);

/** A token character (field names, chunk extension names and plain values). */
export const TOKEN = table((byte) => isAlphaNum(byte) || TCHAR_EXTRA.has(byte));

/** A field value character: HTAB, SP, visible ASCII and obs-text (never another control or DEL). */
export const FIELD_VALUE = table((byte) => byte === 0x09 || (byte >= 0x20 && byte <= 0x7e) || byte >= 0x80);

/** A character of a quoted chunk extension value, besides a backslash pair (qdtext). */
export const QDTEXT = table((byte) => byte === 0x09 || byte === 0x20 || byte === 0x21 || (byte >= 0x23 && byte <= 0x5b) || (byte >= 0x5d && byte <= 0x7e) || byte >= 0x80);

/** What may follow a backslash in a quoted value (quoted-pair). */
export const QUOTED_PAIR = table((byte) => byte === 0x09 || (byte >= 0x20 && byte <= 0x7e) || byte >= 0x80);

/** The value of a hexadecimal digit, or -1. */
export function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  return -1;
}

export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;
export const HTAB = 0x09;
