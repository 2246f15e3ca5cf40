import { read, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** How much of the file one cached read brings in: a 10,000-entry central directory in one go. */
const WINDOW = 1024 * 1024;

/**
 * A yauzl reader over an open file descriptor that serves small reads (central directory
 * records, local headers) from a cached window instead of one system call each, which is
 * what makes listing 10,000 entries take milliseconds rather than a second. `shift` skips
 * bytes prepended to a zip whose offsets were not adjusted (a self-extractor stub).
 */
export class BufferedFileReader extends yauzl.RandomAccessReader {
  readonly #fd: number;
  readonly #shift: number;
  #window = Buffer.alloc(0);
  #windowStart = -1;

  constructor(fd: number, shift = 0) {
    super();
    this.#fd = fd;
    this.#shift = shift;
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return new RangeStream(this, start, end);
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    const cached = this.#windowStart >= 0 && position >= this.#windowStart && position + length <= this.#windowStart + this.#window.length;
    if (cached) {
      this.#window.copy(buffer, offset, position - this.#windowStart, position - this.#windowStart + length);
      // Asynchronous like a real read, so yauzl's loops never recurse on the stack.
      queueMicrotask(() => callback(null, length));
      return;
    }
    const window = Buffer.allocUnsafe(Math.max(length, WINDOW));
    read(this.#fd, window, 0, window.length, position + this.#shift, (error, bytesRead) => {
      if (error) return callback(error);
      this.#window = window.subarray(0, bytesRead);
      this.#windowStart = position;
      const copied = Math.min(length, bytesRead);
      this.#window.copy(buffer, offset, 0, copied);
      callback(null, copied);
    });
  }

  /**
   * Bytes [position, position + length) at once, from the cached window or one synchronous read
   * that refills it; fewer bytes at the end of the file. For the small-entry path of extraction,
   * which runs off the main thread (the archive worker) or in the command line. `windowBytes` is
   * how much a refill reads: less than the default where reads are small and far apart (local
   * headers of large entries), so that they do not read the whole file a megabyte at a time.
   */
  readNow(position: number, length: number, windowBytes: number = WINDOW): Buffer {
    const start = position - this.#windowStart;
    if (this.#windowStart < 0 || start < 0 || start + length > this.#window.length) {
      const window = Buffer.allocUnsafe(Math.max(length, windowBytes));
      const bytesRead = readSync(this.#fd, window, 0, window.length, position + this.#shift);
      this.#window = window.subarray(0, bytesRead);
      this.#windowStart = position;
      return this.#window.subarray(0, Math.min(length, bytesRead));
    }
    return this.#window.subarray(start, start + length);
  }

  override close(callback: (err: Error | null) => void): void {
    // The descriptor belongs to whoever opened it (see open-zip.ts); nothing to release here.
    this.#window = Buffer.alloc(0);
    callback(null);
  }
}

/**
 * Bytes [start, end) through the reader's cached window: a small entry's data usually comes
 * from the window its local header was read into, with no system call of its own.
 */
class RangeStream extends Readable {
  readonly #reader: BufferedFileReader;
  #position: number;
  readonly #end: number;

  constructor(reader: BufferedFileReader, start: number, end: number) {
    super({ highWaterMark: 256 * 1024 });
    this.#reader = reader;
    this.#position = start;
    this.#end = end;
  }

  override _read(size: number): void {
    const length = Math.min(Math.max(size, 64 * 1024), this.#end - this.#position);
    if (length <= 0) {
      this.push(null);
      return;
    }
    const chunk = Buffer.allocUnsafe(length);
    this.#reader.read(chunk, 0, length, this.#position, (error, bytesRead = 0) => {
      if (error) return this.destroy(error);
      if (bytesRead === 0) return this.destroy(new Error('unexpected EOF'));
      this.#position += bytesRead;
      this.push(bytesRead === length ? chunk : chunk.subarray(0, bytesRead));
    });
  }
}
