/**
 * A tolerant Content-Disposition reader (RFC 6266, RFC 5987/8187 for `filename*`). It never
 * throws: a header it cannot understand yields no name, and the caller falls back. The name it
 * returns is raw; `sanitizeFilename` makes it safe for a file system.
 */

/** What a Content-Disposition header says about the file name. */
export interface ParsedDisposition {
  /** `attachment`, `inline`, … lower-cased, or null for an empty header. */
  type: string | null;
  /** The decoded name: `filename*` when it decodes, else `filename`; null when neither is usable. */
  filename: string | null;
}

/** Splits `type; a=b; c="d;e"` into the type and its parameters, honouring quoted strings. */
function tokenize(header: string): { type: string; params: Array<[string, string]> } {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const char = header[i]!;
    if (quoted && char === '\\' && i + 1 < header.length) {
      current += char + header[++i];
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  const type = (parts.shift() ?? '').trim().toLowerCase();
  const params: Array<[string, string]> = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    params.push([part.slice(0, eq).trim().toLowerCase(), unquote(part.slice(eq + 1).trim())]);
  }
  return { type, params };
}

/**
 * A parameter value without its quotes and escapes. A quoted string the server never closed
 * (`filename="report.zip`) runs to the end of the header, as browsers read it: its opening quote
 * is not part of the name (kept, it became `_report.zip` once sanitized).
 */
function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  let text = '';
  for (let i = 1; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\' && i + 1 < value.length) text += value[++i];
    else if (char === '"') return text;
    else text += char;
  }
  return text;
}

/** Decodes an RFC 5987 ext-value `charset'lang'pct-encoded`; null when malformed or of an unknown charset. */
export function decodeExtValue(value: string): string | null {
  const match = /^([^']*)'[^']*'(.*)$/.exec(value);
  if (!match) return null;
  const charset = match[1]!.trim().toLowerCase();
  const encoded = match[2]!;
  if (/%(?![0-9a-f]{2})/i.test(encoded)) return null;
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    if (encoded[i] === '%') {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const code = encoded.charCodeAt(i);
      if (code > 0x7e) return null; // raw non-ASCII is not allowed in an ext-value
      bytes.push(code);
    }
  }
  const buffer = Uint8Array.from(bytes);
  if (charset === 'us-ascii' && bytes.some((b) => b > 0x7f)) return null;
  const label = charset === 'us-ascii' ? 'utf-8' : charset;
  try {
    return new TextDecoder(label, { fatal: true }).decode(buffer);
  } catch {
    return null; // unknown charset label or bytes invalid in it
  }
}

/**
 * Node hands header values over as latin1: a server that put raw UTF-8 in `filename="…"`
 * (common, though not allowed) shows up as mojibake. Recover it when the bytes are valid UTF-8.
 */
function recoverRawUtf8(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value) || /[\u0100-\uffff]/.test(value)) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

/** Parses a Content-Disposition header value; never throws. */
export function parseContentDisposition(header: string | null | undefined): ParsedDisposition {
  if (!header || !header.trim()) return { type: null, filename: null };
  const { type, params } = tokenize(header);
  const extended = params.find(([name]) => name === 'filename*');
  const plain = params.find(([name]) => name === 'filename');
  const fromExtended = extended ? decodeExtValue(extended[1]) : null;
  if (fromExtended !== null && fromExtended.trim() !== '') return { type: type || null, filename: fromExtended };
  const fromPlain = plain ? recoverRawUtf8(plain[1]) : null;
  return { type: type || null, filename: fromPlain !== null && fromPlain.trim() !== '' ? fromPlain : null };
}
