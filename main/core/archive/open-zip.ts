import type { FileHandle } from 'node:fs/promises';
import yauzl from 'yauzl';
import { openRegularFile } from '../files/regular-file';
import { archiveError } from './archive-error';
import { END_SCAN_LENGTH, findEndRecord } from './end-record';
import type { EndRecord } from './end-record';
import { BufferedFileReader } from './file-reader';

/** An open zip: yauzl's handle plus the descriptor we must close. */
export interface OpenZip {
  zip: yauzl.ZipFile;
  /** Bytes of the file on disk. */
  fileSize: number;
  /**
   * Where the central directory starts, in yauzl's offsets (after any unadjusted prefix, like
   * `zip.fileSize` and every entry's local header offset): entry data must all lie before it.
   */
  directoryOffset: number;
  /** The reader under yauzl, for reading small entries whole (small-entry.ts). */
  reader: BufferedFileReader;
  /**
   * The end-of-central-directory record as found (its 32-bit fields, whether a zip64 locator
   * precedes it) and where it starts in the file: what the zip64 rule judges (archive-warnings.ts).
   */
  end: EndRecord & { position: number };
  close(): Promise<void>;
}

/**
 * Opens the zip at `path` for lazy, streaming reads: only the central directory is read, never
 * the whole file. Names are left undecoded so that unsafe names are listed, not rejected.
 * Fails with an `archive` AppError for anything that is not a readable zip.
 */
export async function openZip(path: string): Promise<OpenZip> {
  let handle: FileHandle;
  let size: number;
  try {
    // Checked before anything reads it: a FIFO or a device given as a zip would block or never end.
    ({ handle, stats: { size } } = await openRegularFile(path));
  } catch (error) {
    throw archiveError(path, error);
  }
  try {
    const end = await readEndRecord(handle, size);
    const shift = prefixShift(end);
    const reader = new BufferedFileReader(handle.fd, shift);
    const zip = await yauzl.fromRandomAccessReaderPromise(reader, size - shift, {
      autoClose: false,
      decodeStrings: false,
      // yauzl's own size check rejects the whole directory over one lying entry; ours
      // (write-entry.ts) bounds and checks each entry's data instead, so the rest stays usable.
      validateEntrySizes: false,
    });
    // yauzl found the record findEndRecord finds (the last one whose comment runs to the end), so this never throws for a zip it opened.
    if (end === null) {
      zip.close();
      throw new Error('End of central directory record signature not found');
    }
    return {
      zip,
      fileSize: size,
      directoryOffset: directoryOffsetOf(zip),
      reader,
      end,
      close: async () => {
        zip.close();
        await handle.close().catch(() => {});
      },
    };
  } catch (error) {
    await handle.close().catch(() => {});
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

/** The end record at the end of the file and where it starts, or null without one (yauzl then refuses the file). */
async function readEndRecord(handle: FileHandle, size: number): Promise<(EndRecord & { position: number }) | null> {
  const length = Math.min(size, END_SCAN_LENGTH);
  if (length < 22) return null;
  const tail = Buffer.alloc(length);
  await handle.read(tail, 0, length, size - length);
  const end = findEndRecord(tail);
  return end && { ...end, position: size - length + end.at };
}

/**
 * How many bytes precede the zip when something (an installer stub, a script) was glued in
 * front without adjusting the offsets: where the central directory really starts minus where
 * the end record says it starts. Zero for ordinary archives and for zip64 ones.
 */
function prefixShift(end: (EndRecord & { position: number }) | null): number {
  if (end === null || end.zip64Locator) return 0; // zip64: offsets live elsewhere
  const shift = end.position - end.directorySize - end.directoryOffset;
  return shift > 0 ? shift : 0;
}

/**
 * The central directory's offset as yauzl read it from the end record (zip64 too). yauzl keeps
 * it only as the cursor of its next directory read, which is the offset itself until the first
 * entry is read; it is taken here, right after opening, before anything reads an entry.
 */
function directoryOffsetOf(zip: yauzl.ZipFile): number {
  if (zip.entriesRead !== 0) throw new Error('yauzl no longer exposes where the central directory starts');
  return directoryCursorOf(zip);
}

/** Where yauzl's next central directory read would start: once every entry is read, where the headers it counted end. */
export function directoryCursorOf(zip: yauzl.ZipFile): number {
  const cursor = (zip as unknown as { readEntryCursor?: unknown }).readEntryCursor;
  if (typeof cursor !== 'number') throw new Error('yauzl no longer exposes where the central directory starts');
  return cursor;
}
