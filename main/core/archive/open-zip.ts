import { close, fstat, open, read } from 'node:fs';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { archiveError } from './archive-error';
import { END_SCAN_LENGTH, findEndRecord } from './end-record';
import { BufferedFileReader } from './file-reader';

const openAsync = promisify(open);
const closeAsync = promisify(close);
const fstatAsync = promisify(fstat);
const readAsync = promisify(read);

/** An open zip: yauzl's handle plus the descriptor we must close. */
export interface OpenZip {
  zip: yauzl.ZipFile;
  /** Bytes of the file on disk. */
  fileSize: number;
  /** The reader under yauzl, for reading small entries whole (small-entry.ts). */
  reader: BufferedFileReader;
  close(): Promise<void>;
}

/**
 * Opens the zip at `path` for lazy, streaming reads: only the central directory is read, never
 * the whole file. Names are left undecoded so that unsafe names are listed, not rejected.
 * Fails with an `archive` AppError for anything that is not a readable zip.
 */
export async function openZip(path: string): Promise<OpenZip> {
  let fd: number;
  try {
    fd = await openAsync(path, 'r');
  } catch (error) {
    throw archiveError(path, error);
  }
  try {
    const stats = await fstatAsync(fd);
    if (!stats.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    const shift = await prefixShift(fd, stats.size);
    const reader = new BufferedFileReader(fd, shift);
    const zip = await yauzl.fromRandomAccessReaderPromise(reader, stats.size - shift, {
      autoClose: false,
      decodeStrings: false,
      // yauzl's own size check rejects the whole directory over one lying entry; ours
      // (write-entry.ts) bounds and checks each entry's data instead, so the rest stays usable.
      validateEntrySizes: false,
    });
    return {
      zip,
      fileSize: stats.size,
      reader,
      close: async () => {
        zip.close();
        await closeAsync(fd).catch(() => {});
      },
    };
  } catch (error) {
    await closeAsync(fd).catch(() => {});
    throw archiveError(path, error);
  }
}

/**
 * Opens the zip at `path`, runs `use` on it and closes it again. Any failure that is not
 * already an AppError is described once, as an error reading that archive.
 */
export async function withZip<T>(path: string, use: (opened: OpenZip) => Promise<T>): Promise<T> {
  const opened = await openZip(path);
  try {
    return await use(opened);
  } catch (error) {
    throw archiveError(path, error);
  } finally {
    await opened.close();
  }
}

/**
 * How many bytes precede the zip when something (an installer stub, a script) was glued in
 * front without adjusting the offsets: where the central directory really starts minus where
 * the end record says it starts. Zero for ordinary archives and for zip64 ones.
 */
async function prefixShift(fd: number, size: number): Promise<number> {
  const length = Math.min(size, END_SCAN_LENGTH);
  if (length < 22) return 0;
  const tail = Buffer.alloc(length);
  await readAsync(fd, tail, 0, length, size - length);
  const end = findEndRecord(tail);
  if (end === null || end.zip64Locator) return 0; // zip64: offsets live elsewhere
  const shift = size - length + end.at - end.directorySize - end.directoryOffset;
  return shift > 0 ? shift : 0;
}
