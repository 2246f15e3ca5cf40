import { open, rm, utimes } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { consumeStream } from './consume-stream';

/** Why one entry's data could not be read or written whole; any partial file is already gone. */
export class EntryDataError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'EntryDataError';
  }
}

/**
 * Checks an entry's data as it streams: stops it the moment it grows past its declared size
 * (a zip bomb must not fill the disk), and checks size and CRC-32 at the end.
 */
export class DataCheck {
  #size = 0;
  #crc = 0;

  constructor(
    readonly declaredSize: number,
    readonly expectedCrc: number,
  ) {}

  /** Takes the next chunk; throws as soon as the data is larger than declared. */
  update(chunk: Buffer): void {
    this.#size += chunk.length;
    if (this.#size > this.declaredSize) {
      throw new EntryDataError(`inflates beyond its declared size of ${this.declaredSize} bytes (possible zip bomb); stopped`);
    }
    this.#crc = crc32(chunk, this.#crc);
  }

  /** Throws when the data ended short or its CRC-32 differs. */
  finish(): void {
    if (this.#size !== this.declaredSize) throw new EntryDataError(`data ends early (${this.#size} of ${this.declaredSize} bytes); the archive is damaged`);
    if (this.#crc >>> 0 !== this.expectedCrc >>> 0) throw new EntryDataError('data is corrupt (CRC-32 does not match)');
  }
}

/** How a streamed entry is watched: stopped by `signal`, its bytes counted by `onBytes` as they pass. */
export interface StreamWatch {
  signal?: AbortSignal;
  onBytes?: (count: number) => void;
}

/** Reads all of `data` through `check`, keeping nothing (verification). */
export async function checkData(data: Readable, check: DataCheck, watch: StreamWatch = {}): Promise<void> {
  await consumeStream(
    data,
    (chunk) => {
      check.update(chunk);
      watch.onBytes?.(chunk.length);
    },
    watch.signal,
  );
  check.finish();
}

/** How much is gathered before one write: few system calls for big entries, little memory. */
const WRITE_BATCH = 1024 * 1024;

/**
 * Writes `data` to `path`, which must not exist yet ('wx': never overwrites, never follows a
 * link planted there), through `check`. On any failure, an abort included, the partial file is
 * removed before the error is rethrown: nothing half-written stays. (Not a temp name renamed
 * into place: a rename replaces a file that appeared meanwhile, and 'wx' is what guarantees
 * that nothing already there is overwritten.)
 */
export async function writeNewFile(path: string, data: Readable, check: DataCheck, modified: Date | null, watch: StreamWatch = {}): Promise<void> {
  const handle = await open(path, 'wx', 0o666);
  let batch: Buffer[] = [];
  let batched = 0;
  const flush = async () => {
    const buffer = batch.length === 1 ? batch[0]! : Buffer.concat(batch, batched);
    batch = [];
    batched = 0;
    for (let written = 0; written < buffer.length; ) written += (await handle.write(buffer, written)).bytesWritten;
  };
  try {
    await consumeStream(
      data,
      (chunk) => {
        check.update(chunk);
        watch.onBytes?.(chunk.length);
        batch.push(chunk);
        batched += chunk.length;
        return batched >= WRITE_BATCH ? flush() : undefined;
      },
      watch.signal,
    );
    check.finish();
    if (batched > 0) await flush();
    await handle.close();
  } catch (error) {
    // close() waits for a write still in flight and refuses later ones: nothing reaches the file once it is removed.
    await handle.close().catch(() => {});
    await rm(path, { force: true });
    throw error;
  }
  if (modified && !Number.isNaN(modified.getTime())) await utimes(path, modified, modified).catch(() => {});
}
