import { chunkSize } from './chunk-line';
import { HeaderSection } from './header-section';
import { CR, LF } from './http-chars';
import { LineReader } from './line-reader';
import type { LineCodes } from './line-reader';
import { ParseRefusal, endedEarly } from './parse-refusal';
import { framingOf, isInterim, responseHead, statusLine } from './response-head';
import type { ResponseHead, StatusLine } from './response-head';

/**
 * The bytes one head may take, all told (the CRs and LFs before it, the whitespace Node does not
 * count): Node itself bounds only what it counts (header-section.ts), so a head of endless
 * leading whitespace would never end. Refused past this as stricter.
 */
export const MAX_RAW_HEAD = 128 * 1024;
/** The longest chunk line read (Node bounds its extensions, not its leading zeros); refused past it as stricter. */
export const MAX_CHUNK_LINE = 64 * 1024;
/** Interim (1xx) heads before the final one; more are refused as stricter. */
export const MAX_INTERIM_HEADS = 16;

/** What the parser hands out, in order. */
export interface ResponseSink {
  /** The final head (interim 1xx heads are skipped, as Node's client skips them); false stops `feed` right after it. */
  head(head: ResponseHead): boolean | void;
  /** Body bytes `buffer[start, end)`, valid only during the call (the buffer is reused); false stops `feed` after them. */
  body(buffer: Buffer, start: number, end: number): boolean | void;
}

type State =
  | 'start' | 'status' | 'fields'
  | 'length' | 'close'
  | 'chunk-line' | 'chunk-data' | 'chunk-cr' | 'chunk-lf' | 'trailers'
  | 'done';

/** Whether the connection stays open after a response, as llhttp_should_keep_alive decides, where the head makes it plain. */
type ConnectionAfter = 'stays-open' | 'closes' | 'unsure';

function connectionAfter(version: '1.0' | '1.1', rawHeaders: readonly string[]): ConnectionAfter {
  const connection: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === 'connection') connection.push(rawHeaders[i + 1]!.toLowerCase());
  if (connection.length === 0) return version === '1.1' ? 'stays-open' : 'closes';
  if (connection.length === 1 && connection[0] === 'close') return 'closes';
  if (connection.length === 1 && connection[0] === 'keep-alive') return 'stays-open';
  return 'unsure';
}

/** The sink of what follows a complete response: nothing of it is used. */
const IGNORED: ResponseSink = { head: () => {}, body: () => {} };

const STATUS_CODES: LineCodes = { bareLf: 'HPE_CR_EXPECTED', lonelyCr: 'HPE_STRICT', lonelyCrStricter: true };
const FIELD_CODES: LineCodes = { bareLf: 'HPE_CR_EXPECTED', lonelyCr: 'HPE_LF_EXPECTED' };
const CHUNK_CODES: LineCodes = { bareLf: 'HPE_CR_EXPECTED', lonelyCr: 'HPE_STRICT' };

/**
 * A bounded HTTP/1.1 response parser for one exchange: the status line and fields within
 * MAX_RAW_HEAD (Node's 16 KiB counted the way Node counts it), then a Content-Length, chunked
 * (with extensions and trailers) or close-delimited body handed out as slices of the caller's
 * buffer, never copied. It takes what llhttp takes in strict mode, or refuses it: a
 * ParseRefusal with llhttp's code (parse-refusal.ts), also for what it deliberately does not
 * serve. Bytes after the end of the response in the same `feed` are read as Node reads them
 * (see readAfter).
 */
export class ResponseParser {
  private state: State = 'start';
  private readonly line = new LineReader();
  private rawHead = 0;
  private interim = 0;
  private status: StatusLine | null = null;
  private fields: HeaderSection | null = null;
  private trailerFields: HeaderSection | null = null;
  private remaining = 0;
  /** The response was a 101: what follows is not HTTP. */
  private switchedProtocols = false;
  /** Whether Node reads on after the last interim head (see connectionAfter). */
  private afterInterim: ConnectionAfter = 'stays-open';
  /** No field line read yet since the status line (a space there is refused as Node refuses it). */
  private firstField = true;
  private readonly sink: ResponseSink;

  /** `nested`: a response after the first, read only to refuse what Node refuses; its own `feed` stops at its end. */
  constructor(
    sink: ResponseSink,
    private readonly nested = false,
  ) {
    this.sink = sink;
  }

  /** Whether the response is complete (its body included). */
  get complete(): boolean {
    return this.state === 'done';
  }

  /** Whether the final head has been read. */
  get headRead(): boolean {
    return this.state !== 'start' && this.state !== 'status' && this.state !== 'fields';
  }

  /**
   * Parses `buffer[start, end)`; returns the index it stopped at: `end`, or earlier when a sink
   * callback returned false or the response ended there. Throws ParseRefusal.
   */
  feed(buffer: Buffer, start: number, end: number): number {
    let at = start;
    while (at < end && this.state !== 'done') {
      const next = this.step(buffer, at, end);
      if (next < 0) return -next - 1; // a sink asked to stop: -(index + 1)
      at = next;
    }
    return this.nested ? at : ResponseParser.readAfter(this, buffer, at, end);
  }

  /**
   * What follows the complete response in the same feed, read as llhttp reads it: after a 101,
   * nothing (another protocol); where the connection stays open, further responses (each its
   * own bounded parser, one at a time); where it closes, only CR and LF bytes, anything else
   * refused. Where Node's choice is not clear from the head, anything but CR and LF is refused
   * as stricter.
   */
  private static readAfter(first: ResponseParser, buffer: Buffer, start: number, end: number): number {
    let at = start;
    let last = first;
    while (at < end) {
      if (last.switchedProtocols) return end;
      if (last.complete) {
        // The trailers' fields count too: Node reads a Connection field wherever it comes.
        const afterwards = connectionAfter(last.status!.version, [...last.fields!.raw, ...last.trailers]);
        if (afterwards !== 'stays-open') {
          for (; at < end; at++) {
            if (buffer[at] !== CR && buffer[at] !== LF) throw new ParseRefusal('HPE_CLOSED_CONNECTION', 'Data after `Connection: close`', afterwards === 'unsure');
          }
          return end;
        }
        last = new ResponseParser(IGNORED, true);
      }
      at = last.feed(buffer, at, end);
    }
    return at;
  }

  /** The connection ended: completes a close-delimited body; anything else still open was cut short (ECONNRESET, as Node says). */
  end(): void {
    if (this.state === 'close') this.state = 'done';
    if (this.state !== 'done') throw endedEarly(this.headRead ? 'body' : 'head');
  }

  /** One step from `at`; returns the next index, or -(index + 1) when a sink asked to stop there. */
  private step(buffer: Buffer, at: number, end: number): number {
    switch (this.state) {
      case 'start': {
        // Node skips any CR and LF bytes before a start line, each on its own.
        let i = at;
        while (i < end && (buffer[i] === CR || buffer[i] === LF)) i++;
        this.countHead(i - at);
        if (i < end) {
          // An interim head that closes the connection leaves Node reading nothing more, not even the final head.
          if (this.afterInterim !== 'stays-open') {
            throw new ParseRefusal('HPE_CLOSED_CONNECTION', 'Data after `Connection: close`', this.afterInterim === 'unsure');
          }
          this.state = 'status';
        }
        return i;
      }
      case 'status':
      case 'fields':
        return this.headLine(buffer, at, end);
      case 'length': {
        const stop = Math.min(end, at + this.remaining);
        this.remaining -= stop - at;
        if (this.remaining === 0) this.state = 'done';
        return this.sink.body(buffer, at, stop) === false ? -stop - 1 : stop;
      }
      case 'close':
        return this.sink.body(buffer, at, end) === false ? -end - 1 : end;
      case 'chunk-line':
        return this.chunkLine(buffer, at, end);
      case 'chunk-data': {
        const stop = Math.min(end, at + this.remaining);
        this.remaining -= stop - at;
        if (this.remaining === 0) this.state = 'chunk-cr';
        return this.sink.body(buffer, at, stop) === false ? -stop - 1 : stop;
      }
      case 'chunk-cr':
        if (buffer[at] !== CR) throw new ParseRefusal(buffer[at] === LF ? 'HPE_CR_EXPECTED' : 'HPE_STRICT', 'Expected LF after chunk data');
        this.state = 'chunk-lf';
        return at + 1;
      case 'chunk-lf':
        if (buffer[at] !== LF) throw new ParseRefusal('HPE_STRICT', 'Expected LF after chunk data');
        this.state = 'chunk-line';
        return at + 1;
      case 'trailers':
        return this.trailerLine(buffer, at, end);
      case 'done':
        return end;
    }
  }

  private countHead(bytes: number): void {
    this.rawHead += bytes;
    if (this.rawHead > MAX_RAW_HEAD) throw new ParseRefusal('HPE_HEADER_OVERFLOW', 'Head too large', true);
  }

  /** The status line or a field line of a head; at the empty line, the head is done. */
  private headLine(buffer: Buffer, at: number, end: number): number {
    const codes = this.state === 'status' ? STATUS_CODES : FIELD_CODES;
    const next = this.line.take(buffer, at, end, MAX_RAW_HEAD - this.rawHead, codes, { code: 'HPE_HEADER_OVERFLOW', stricter: true });
    this.countHead((next === -1 ? end : next) - at);
    if (next === -1) {
      // Node refuses a wrong byte as soon as it comes, not at the end of the line (it matters
      // for what follows a complete response, which may end mid-line).
      const { endsAtCr } = this.line;
      if (this.state === 'status') statusLine(this.line.line(), !endsAtCr);
      else this.fields!.check(this.line.line(), this.firstField, endsAtCr);
      return end;
    }
    const line = this.line.line();
    if (this.state === 'status') {
      this.status = statusLine(line)!;
      // Node counts the reason phrase against its header limit.
      this.fields = new HeaderSection('head', this.status.reason.length);
      this.state = 'fields';
    } else if (line.length > 0) {
      this.fields!.add(line, this.firstField);
      this.firstField = false;
    } else {
      this.line.reset();
      return this.headDone(next);
    }
    this.line.reset();
    return next;
  }

  private headDone(next: number): number {
    const status = this.status!;
    const fields = this.fields!;
    if (isInterim(status.status)) {
      if (++this.interim > MAX_INTERIM_HEADS) throw new ParseRefusal('HPE_HEADER_OVERFLOW', 'Too many interim responses', true);
      this.afterInterim = connectionAfter(status.version, fields.raw);
      this.state = 'start';
      this.rawHead = 0;
      this.firstField = true;
      return next;
    }
    const framing = framingOf(status.status, fields);
    this.switchedProtocols = status.status === 101;
    if (framing.kind === 'length') {
      this.remaining = framing.length;
      this.state = 'length';
    } else if (framing.kind === 'chunked') this.state = 'chunk-line';
    else if (framing.kind === 'close') this.state = 'close';
    else this.state = 'done';
    return this.sink.head(responseHead(status, fields.raw, framing)) === false ? -next - 1 : next;
  }

  private chunkLine(buffer: Buffer, at: number, end: number): number {
    const next = this.line.take(buffer, at, end, MAX_CHUNK_LINE, CHUNK_CODES, { code: 'HPE_CHUNK_EXTENSIONS_OVERFLOW', stricter: true });
    if (next === -1) {
      chunkSize(this.line.line(), !this.line.endsAtCr);
      return end;
    }
    const size = chunkSize(this.line.line());
    this.line.reset();
    if (size === 0) {
      this.trailerFields = new HeaderSection('trailers');
      this.rawHead = 0;
      this.state = 'trailers';
    } else {
      this.remaining = size;
      this.state = 'chunk-data';
    }
    return next;
  }

  private trailerLine(buffer: Buffer, at: number, end: number): number {
    const next = this.line.take(buffer, at, end, MAX_RAW_HEAD - this.rawHead, FIELD_CODES, { code: 'HPE_HEADER_OVERFLOW', stricter: true });
    this.countHead((next === -1 ? end : next) - at);
    if (next === -1) {
      this.trailerFields!.check(this.line.line(), false, this.line.endsAtCr);
      return end;
    }
    const line = this.line.line();
    this.line.reset();
    if (line.length === 0) this.state = 'done';
    else this.trailerFields!.add(line, false);
    return next;
  }

  /** The trailers of a chunked body, once it is complete (empty otherwise). */
  get trailers(): string[] {
    return this.trailerFields?.raw ?? [];
  }
}
