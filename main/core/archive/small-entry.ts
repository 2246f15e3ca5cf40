import { closeSync, futimesSync, openSync, rmSync, writeSync } from 'node:fs';
import { inflateRawSync, crc32 } from 'node:zlib';
import type { BufferedFileReader } from './file-reader';
import { EntryDataError } from './write-entry';

/**
 * Entries up to this size (compressed and declared) are read, inflated, checked and written in
 * one go, with synchronous calls. Archives of many small files spend their time on the per-entry
 * machinery (a read stream, an inflate stream and a file handle each, every step a trip through
 * the thread pool), not on the bytes: 100,000 entries took about 60 s that way. Small enough that
 * one entry in memory costs nothing; larger entries stream as before.
 */
export const SMALL_ENTRY_BYTES = 1024 * 1024;

const LOCAL_HEADER = 0x04034b50;

/** What the small-entry path needs to know of an entry (from the central directory). */
export interface SmallEntry {
  relativeOffsetOfLocalHeader: number;
  compressedSize: number;
  uncompressedSize: number;
  compressionMethod: number;
  crc32: number;
}

/** Whether the entry is read whole rather than streamed: small, and stored or deflated. */
export function isSmallEntry(entry: SmallEntry): boolean {
  return entry.compressedSize <= SMALL_ENTRY_BYTES && entry.uncompressedSize <= SMALL_ENTRY_BYTES && (entry.compressionMethod === 0 || entry.compressionMethod === 8);
}

/** Inflates deflated data, never past `declared` bytes (a lying entry is stopped like a streamed one). */
function inflateBounded(raw: Buffer, declared: number): Buffer {
  try {
    // One byte more than declared is enough to tell "larger than declared" apart.
    return inflateRawSync(raw, { maxOutputLength: declared + 1 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return Buffer.alloc(declared + 1);
    throw error; // corrupt data: zlib's message is described by archive-error.ts
  }
}

/** Reads a small entry's data and checks it (size, CRC-32); throws EntryDataError or zlib's error. */
export function readSmallEntry(reader: BufferedFileReader, entry: SmallEntry): Buffer {
  const header = reader.readNow(entry.relativeOffsetOfLocalHeader, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw new Error('invalid local file header signature');
  const start = entry.relativeOffsetOfLocalHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = reader.readNow(start, entry.compressedSize);
  if (raw.length < entry.compressedSize) throw new EntryDataError(`data ends early (${raw.length} of ${entry.compressedSize} bytes); the archive is damaged`);
  const data = entry.compressionMethod === 0 ? raw : inflateBounded(raw, entry.uncompressedSize);
  if (data.length > entry.uncompressedSize) {
    throw new EntryDataError(`inflates beyond its declared size of ${entry.uncompressedSize} bytes (possible zip bomb); stopped`);
  }
  if (data.length < entry.uncompressedSize) throw new EntryDataError(`data ends early (${data.length} of ${entry.uncompressedSize} bytes); the archive is damaged`);
  if (crc32(data) >>> 0 !== entry.crc32 >>> 0) throw new EntryDataError('data is corrupt (CRC-32 does not match)');
  return data;
}

/**
 * Writes `data` to the new file `path` ('wx': never overwrites, never follows a link planted
 * there) and sets its modification time; on failure the partial file is removed and the error
 * rethrown (EEXIST: the name is taken, nothing was created).
 */
export function writeSmallFile(path: string, data: Buffer, modified: Date | null): void {
  const fd = openSync(path, 'wx', 0o666);
  try {
    for (let written = 0; written < data.length; ) written += writeSync(fd, data, written);
    if (modified && !Number.isNaN(modified.getTime())) futimesSync(fd, modified, modified);
    closeSync(fd);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed, or failing to close: the file is removed below either way
    }
    rmSync(path, { force: true });
    throw error;
  }
}
