import { open, rm, utimes } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { crc32 } from 'node:zlib';

/** Why one entry's data could not be written whole; its partial file is already gone. */
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
export function checkedData(declaredSize: number, expectedCrc: number): Transform {
  let size = 0;
  let crc = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > declaredSize) {
        callback(new EntryDataError(`inflates beyond its declared size of ${declaredSize} bytes (possible zip bomb); stopped`));
        return;
      }
      crc = crc32(chunk, crc);
      callback(null, chunk);
    },
    flush(callback) {
      if (size !== declaredSize) callback(new EntryDataError(`data ends early (${size} of ${declaredSize} bytes); the archive is damaged`));
      else if (crc >>> 0 !== expectedCrc >>> 0) callback(new EntryDataError('data is corrupt (CRC-32 does not match)'));
      else callback();
    },
  });
}

/**
 * Writes `data` to `path`, which must not exist yet ('wx': never overwrites, never follows a
 * link planted there). On any failure the partial file is removed and the error rethrown.
 */
export async function writeNewFile(
  path: string,
  data: Readable,
  check: Transform,
  modified: Date | null,
  signal?: AbortSignal,
): Promise<void> {
  const handle = await open(path, 'wx', 0o666);
  try {
    await pipeline(data, check, handle.createWriteStream(), { signal });
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(path, { force: true });
    throw error;
  }
  await handle.close().catch(() => {});
  if (modified && !Number.isNaN(modified.getTime())) await utimes(path, modified, modified).catch(() => {});
}
