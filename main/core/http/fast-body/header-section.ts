import { FIELD_VALUE, HTAB, SP, TOKEN } from './http-chars';
import { ParseRefusal } from './parse-refusal';

/**
 * Node's limit on a head (`http.maxHeaderSize`, 16 KiB): what it counts is the reason phrase,
 * the field names and the field values (without the whitespace before a value, with the
 * whitespace after it), per head and per trailer section, and it refuses a section once that
 * count reaches the limit. Counted the same way here, so the two agree at the byte.
 */
export const NODE_MAX_HEADER_SIZE = 16 * 1024;

/** More field lines than this in one section are refused: Node keeps only the first 1,023 of them in `rawHeaders`. */
export const MAX_FIELD_LINES = 1000;

const CONTENT_LENGTH = 'content-length';
const TRANSFER_ENCODING = 'transfer-encoding';
const CHUNKED_ONLY = /^chunked *$/i;
const DIGITS_THEN_SPACES = /^([0-9]+) *$/;
const MAX_UINT64 = 2n ** 64n - 1n;

/**
 * The field lines of one head or trailer section, checked as llhttp checks them in strict mode
 * and collected as Node's `rawHeaders` (name as sent, value without surrounding whitespace).
 * A head's framing fields are read here: one Content-Length of digits, or one
 * `Transfer-Encoding: chunked`; both, a duplicate or an unparseable one are refused.
 */
export class HeaderSection {
  readonly raw: string[] = [];
  contentLength: number | null = null;
  chunked = false;
  private counted: number;
  private lines = 0;

  constructor(
    private readonly kind: 'head' | 'trailers',
    countedAlready = 0,
  ) {
    this.counted = countedAlready;
    this.checkCount();
  }

  /**
   * A field line still arriving (no LF yet), checked as far as it goes as Node checks each byte:
   * its name's characters, the colon right after it, its value's characters; `whole` when its
   * CR has come (nothing more will be added to it).
   */
  check(line: Buffer, first: boolean, whole: boolean): void {
    if (line.length > 0) this.syntax(line, first, !whole);
  }

  /** One field line, without its CRLF; `first` when it directly follows the start line. */
  add(line: Buffer, first: boolean): void {
    if (++this.lines > MAX_FIELD_LINES) throw new ParseRefusal('HPE_HEADER_OVERFLOW', 'Too many header fields', true);
    const { colon, valueStart } = this.syntax(line, first, false);
    this.counted += colon + (line.length - valueStart);
    this.checkCount();
    let valueEnd = line.length;
    while (valueEnd > valueStart && (line[valueEnd - 1] === SP || line[valueEnd - 1] === HTAB)) valueEnd--;
    const name = line.toString('latin1', 0, colon);
    this.raw.push(name, line.toString('latin1', valueStart, valueEnd));
    const lower = name.toLowerCase();
    if (lower === CONTENT_LENGTH) this.onContentLength(line.toString('latin1', valueStart));
    else if (lower === TRANSFER_ENCODING) this.onTransferEncoding(line.toString('latin1', valueStart));
  }

  /** Checks a line's syntax (as far as it goes, when `partial`): where its colon is and its value starts. */
  private syntax(line: Buffer, first: boolean, partial: boolean): { colon: number; valueStart: number } {
    const lead = line[0];
    if (lead === SP && first && this.kind === 'head') throw new ParseRefusal('HPE_UNEXPECTED_SPACE', 'Unexpected space after start line');
    // A field line that starts with whitespace continues the previous one (obs-fold): refused, as by Node.
    if (lead === SP || lead === HTAB) throw new ParseRefusal('HPE_INVALID_HEADER_TOKEN', 'Unexpected whitespace after header value');
    let colon = 0;
    while (colon < line.length && TOKEN[line[colon]!] === 1) colon++;
    if (partial && colon === line.length) return { colon, valueStart: colon };
    if (colon === 0 || line[colon] !== 0x3a) throw new ParseRefusal('HPE_INVALID_HEADER_TOKEN', 'Invalid header token');
    let valueStart = colon + 1;
    while (valueStart < line.length && (line[valueStart] === SP || line[valueStart] === HTAB)) valueStart++;
    for (let i = valueStart; i < line.length; i++) {
      if (FIELD_VALUE[line[i]!] !== 1) throw new ParseRefusal('HPE_INVALID_HEADER_TOKEN', 'Invalid header value char');
    }
    return { colon, valueStart };
  }

  private checkCount(): void {
    if (this.counted >= NODE_MAX_HEADER_SIZE) throw new ParseRefusal('HPE_HEADER_OVERFLOW', 'Header overflow');
  }

  private onContentLength(value: string): void {
    // After the body's chunks, Content-Length is refused by Node like one beside Transfer-Encoding.
    if (this.kind === 'trailers' || this.chunked) throw new ParseRefusal('HPE_INVALID_CONTENT_LENGTH', "Content-Length can't be present with Transfer-Encoding");
    if (this.contentLength !== null) throw new ParseRefusal('HPE_UNEXPECTED_CONTENT_LENGTH', 'Duplicate Content-Length');
    const digits = DIGITS_THEN_SPACES.exec(value)?.[1];
    if (digits === undefined) throw new ParseRefusal('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length');
    const length = BigInt(digits);
    if (length > MAX_UINT64) throw new ParseRefusal('HPE_INVALID_CONTENT_LENGTH', 'Content-Length overflow');
    // Node reads on up to 2^64 - 1 (and then runs out of bytes); a safe integer is all a file needs.
    if (length > BigInt(Number.MAX_SAFE_INTEGER)) throw new ParseRefusal('HPE_INVALID_CONTENT_LENGTH', 'Content-Length too large', true);
    this.contentLength = Number(length);
  }

  private onTransferEncoding(value: string): void {
    if (this.kind === 'trailers') return; // Node reads it there as any other field
    if (this.contentLength !== null) throw new ParseRefusal('HPE_INVALID_TRANSFER_ENCODING', "Transfer-Encoding can't be present with Content-Length");
    // Node combines several fields and lists of codings; only the plain case is served here.
    if (this.chunked || !CHUNKED_ONLY.test(value)) throw new ParseRefusal('HPE_INVALID_TRANSFER_ENCODING', 'A transfer coding other than chunked', true);
    this.chunked = true;
  }
}
