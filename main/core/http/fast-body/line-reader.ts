import { CR, LF } from './http-chars';
import { ParseRefusal } from './parse-refusal';

/** The llhttp codes for a broken line ending where a line is read (they differ by place). */
export interface LineCodes {
  /** An LF without the CR before it. */
  bareLf: string;
  /** A CR followed by anything but LF. */
  lonelyCr: string;
  /** Some Node versions read on past such a CR here (llhttp 9.3 skips the byte after a status line's CR): refused as stricter. */
  lonelyCrStricter?: boolean;
}

/**
 * Collects one CRLF-terminated line out of chunks that may split it anywhere, bounded: the
 * line's bytes are copied (heads, chunk sizes and trailers are small), never a body's. HTTP/1.1
 * lines end in CRLF only: an LF alone or a CR followed by anything else is refused at the byte
 * that shows it, as Node's parser does in its strict mode, not when some limit runs out.
 */
export class LineReader {
  private bytes = Buffer.allocUnsafe(256);
  private length = 0;
  /** The last byte taken was a CR (the line ends if the next byte is LF). */
  private pendingCr = false;

  /** The line's CR has come, its LF not yet: the line so far is all of it. */
  get endsAtCr(): boolean {
    return this.pendingCr;
  }

  /** The line read so far, without its CRLF. Valid until the next `take`. */
  line(): Buffer {
    return this.bytes.subarray(0, this.length);
  }

  /**
   * Takes bytes from `source[start, end)` until the line ends; returns the index just past its
   * LF, or -1 when every byte was taken and the line goes on. Refuses (`ParseRefusal`) a broken
   * line ending, and a line longer than `cap` bytes (`overflow`, its code and whether Node
   * would still have read on).
   */
  take(source: Buffer, start: number, end: number, cap: number, codes: LineCodes, overflow: { code: string; stricter: boolean }): number {
    if (start >= end) return -1;
    if (this.pendingCr) {
      if (source[start] !== LF) throw new ParseRefusal(codes.lonelyCr, 'Expected LF after CR', codes.lonelyCrStricter);
      this.pendingCr = false;
      return start + 1;
    }
    const lf = source.indexOf(LF, start);
    const stop = lf === -1 || lf >= end ? end : lf;
    // Inside a line a CR may only be the last byte before its LF.
    const cr = source.indexOf(CR, start);
    if (cr !== -1 && cr < stop - 1) throw new ParseRefusal(codes.lonelyCr, 'Expected LF after CR', codes.lonelyCrStricter);
    const endsWithCr = stop > start && source[stop - 1] === CR;
    if (lf !== -1 && lf < end && !endsWithCr) throw new ParseRefusal(codes.bareLf, 'Missing expected CR before LF');
    const content = endsWithCr ? stop - 1 : stop;
    if (this.length + (content - start) > cap) throw new ParseRefusal(overflow.code, 'Line too long', overflow.stricter);
    this.append(source, start, content);
    if (lf !== -1 && lf < end) return lf + 1;
    this.pendingCr = endsWithCr;
    return -1;
  }

  /** Starts the next line. */
  reset(): void {
    this.length = 0;
    this.pendingCr = false;
  }

  private append(source: Buffer, start: number, end: number): void {
    const needed = this.length + (end - start);
    if (needed > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    source.copy(this.bytes, this.length, start, end);
    this.length = needed;
  }
}
