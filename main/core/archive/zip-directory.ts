import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { formatBytes } from '../../../shared/format';
import { END_SCAN_LENGTH, ZIP64_LOCATOR, findEndRecord } from './end-record';

/** What the end of a zip says about it. */
export interface ZipDirectoryInfo {
  entries: number;
  centralDirectoryOffset: number;
  centralDirectorySize: number;
  zip64: boolean;
}

const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const CHUNK = 1024 * 1024;

class NotAZip extends Error {}

/**
 * A zip past what the 32-bit records hold (65,535 entries, 4 GiB) made without zip64 records:
 * complete as its writer made it, but its counts or offsets were cut short (the inspector's
 * `missing-zip64` warning). Asking again brings the same file; fewer exports a request do not.
 */
export class MissingZip64Error extends Error {}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new NotAZip('truncated');
  return buffer;
}

/**
 * Checks that a file is a complete zip by reading only its end: the end-of-central-directory
 * record (zip64 too), then every central directory header in 1 MiB windows. Memory stays
 * small whatever the archive size. Throws an Error saying what is wrong.
 */
export async function readZipDirectory(path: string): Promise<ZipDirectoryInfo> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size < 22) throw new NotAZip('too short to be a zip');
    const tailLength = Math.min(size, END_SCAN_LENGTH);
    const end = findEndRecord(await readAt(file, size - tailLength, tailLength));
    if (end === null) throw new NotAZip('no end-of-central-directory record');
    const eocdPosition = size - tailLength + end.at;
    let { entries, directorySize: cdSize, directoryOffset: cdOffset } = end;
    let zip64 = false;
    let directoryEnd = eocdPosition;
    // 65,535 entries fit the 16-bit count: without a locator it is read as it stands (as yauzl does), not as "see zip64".
    if (end.zip64Locator || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      if (eocdPosition < 20) throw new NotAZip('zip64 locator missing');
      const locator = await readAt(file, eocdPosition - 20, 20);
      if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw new NotAZip('zip64 locator missing');
      const recordPosition = Number(locator.readBigUInt64LE(8));
      const record = await readAt(file, recordPosition, 56);
      if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new NotAZip('zip64 end record missing');
      entries = Number(record.readBigUInt64LE(32));
      cdSize = Number(record.readBigUInt64LE(40));
      cdOffset = Number(record.readBigUInt64LE(48));
      zip64 = true;
      directoryEnd = recordPosition;
    }
    if (cdOffset + cdSize !== directoryEnd) {
      const lost = directoryEnd - (cdOffset + cdSize);
      if (!zip64 && lost > 0 && lost % 2 ** 32 === 0) {
        throw new MissingZip64Error(`it is ${formatBytes(size)}, past the 4 GiB that 32-bit offsets reach, and has no zip64 records: its writer cut its offsets to 32 bits`);
      }
      throw new NotAZip('central directory does not end where the end record starts');
    }
    await walkCentralDirectory(file, cdOffset, cdSize, entries, zip64);
    return { entries, centralDirectoryOffset: cdOffset, centralDirectorySize: cdSize, zip64 };
  } finally {
    await file.close();
  }
}

/** Reads each central directory header in turn and checks signatures, count and bounds. */
async function walkCentralDirectory(file: FileHandle, offset: number, size: number, expected: number, zip64: boolean): Promise<void> {
  let window: Buffer = Buffer.alloc(0);
  let windowStart = offset;
  let position = offset;
  let count = 0;
  const end = offset + size;
  const ensure = async (length: number) => {
    if (position - windowStart + length <= window.length) return;
    const want = Math.min(Math.max(length, CHUNK), end - position);
    if (want < length) throw new NotAZip('central directory truncated');
    window = await readAt(file, position, want);
    windowStart = position;
  };
  while (position < end) {
    await ensure(46);
    const at = position - windowStart;
    if (window.readUInt32LE(at) !== CENTRAL) throw new NotAZip(`bad central directory header #${count + 1}`);
    const headerLength = 46 + window.readUInt16LE(at + 28) + window.readUInt16LE(at + 30) + window.readUInt16LE(at + 32);
    await ensure(headerLength);
    position += headerLength;
    count += 1;
  }
  // A count wrapped past 65,535 (or held at it) by a writer without zip64 support: every header is there, the count is not.
  if (count > expected && !zip64 && ((count - expected) % 0x10000 === 0 || expected === 0xffff)) {
    throw new MissingZip64Error(`it holds ${count.toLocaleString('en-US')} entries but its end record counts ${expected.toLocaleString('en-US')}, and over 65,535 entries need zip64 records, which its writer left out`);
  }
  if (count !== expected) throw new NotAZip(`central directory lists ${count} entries, the end record says ${expected}`);
}

/**
 * How many central directory headers lie one after another in [start, end), read through
 * `read(position, length)` (fewer bytes at the end of the file); stops at the first thing that
 * is not one. For the headers past those an end record counts (archive-warnings.ts): a writer
 * that cut a count over 65,535 to 16 bits without zip64 records leaves the rest there.
 */
export function countDirectoryHeaders(read: (position: number, length: number) => Buffer, start: number, end: number): number {
  let count = 0;
  for (let position = start; position + 46 <= end; count++) {
    const header = read(position, 46);
    if (header.length < 46 || header.readUInt32LE(0) !== CENTRAL) break;
    const length = 46 + header.readUInt16LE(28) + header.readUInt16LE(30) + header.readUInt16LE(32);
    if (position + length > end) break;
    position += length;
  }
  return count;
}
