import { basename } from 'node:path';
import { formatBytes } from '../../../shared/format';
import { appError, type AppErrorException } from '../app-error';
import type { BufferedFileReader } from './file-reader';
import type { OpenZip } from './open-zip';
import type { PlannedEntry } from './planned-entries';

/**
 * Where one entry's bytes lie in the file: from its local header to the end of its compressed
 * data ([start, end)). A data descriptor after the data is left out, so a well-formed archive
 * never looks overlapping because of one.
 */
export interface DataRange {
  name: string;
  start: number;
  end: number;
}

/** What is wrong with where the entries' data lies, if anything. */
export type RangeProblem =
  /** The data would end beyond the file: a cut or corrupted copy. */
  | { kind: 'past-end'; name: string; end: number }
  /** The data runs into the central directory, which always comes after every entry's data. */
  | { kind: 'into-directory'; name: string }
  /** Two entries share bytes: the trick of overlapping zip bombs (one stream, many entries). */
  | { kind: 'overlap'; name: string; other: string };

/**
 * The first problem among `ranges`, or null when every entry's data lies inside the file, before
 * the central directory, and apart from every other entry's. Damage (past the end) is reported
 * before the crafted shapes, since it is the likelier cause and the one a new download fixes.
 */
export function firstRangeProblem(ranges: readonly DataRange[], bounds: { directoryOffset: number; fileSize: number }): RangeProblem | null {
  for (const range of ranges) if (range.end > bounds.fileSize) return { kind: 'past-end', name: range.name, end: range.end };
  for (const range of ranges) if (range.end > bounds.directoryOffset) return { kind: 'into-directory', name: range.name };
  // In file order (archive order among equal starts), each range must start where every earlier one has ended.
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let furthest: DataRange | null = null;
  for (const range of sorted) {
    if (furthest && range.start < furthest.end) return { kind: 'overlap', name: range.name, other: furthest.name };
    if (!furthest || range.end > furthest.end) furthest = range;
  }
  return null;
}

const LOCAL_HEADER = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
/**
 * How much one refill of the reader brings in while reading local headers: many headers of small
 * entries at once, and little waste for a large entry's header, which stands alone.
 */
const HEADER_WINDOW = 16 * 1024;

/**
 * The range of one entry's data, from its local header (whose name and extra field lengths can
 * differ from the central directory's). Null when no local header is there: reading the entry
 * fails and refuses it on its own, as before. A header cut off by the end of the file ends there.
 */
export function dataRangeOf(reader: BufferedFileReader, item: PlannedEntry): DataRange | null {
  const start = item.entry.relativeOffsetOfLocalHeader;
  const header = reader.readNow(start, LOCAL_HEADER_BYTES, HEADER_WINDOW);
  if (header.length < LOCAL_HEADER_BYTES) return { name: item.name, start, end: start + LOCAL_HEADER_BYTES };
  if (header.readUInt32LE(0) !== LOCAL_HEADER) return null;
  const end = start + LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28) + item.entry.compressedSize;
  return { name: item.name, start, end };
}

/** The problem as the `archive` error that refuses the whole archive (never a safety limit: no "extract anyway"). */
function rangeError(zipName: string, problem: RangeProblem, fileSize: number): AppErrorException {
  switch (problem.kind) {
    case 'past-end':
      return appError(
        'archive',
        `"${zipName}" is damaged: entry "${problem.name}" runs past the end of the file (its data would need ${formatBytes(problem.end)}; the file holds ${formatBytes(fileSize)}). The file is incomplete or corrupt: download it again or ask for a new copy.`,
      );
    case 'into-directory':
      return appError(
        'archive',
        `"${zipName}" is damaged or was crafted: entry "${problem.name}" overlaps the zip directory (its data runs into the list of entries). Nothing was extracted.`,
      );
    case 'overlap':
      return appError(
        'archive',
        `"${zipName}" was not extracted: entry "${problem.name}" overlaps the data of entry "${problem.other}". Entries that share bytes are how a zip bomb turns a small file into gigabytes; no archiver writes them, so the archive was crafted or is damaged.`,
      );
  }
}

/**
 * Refuses the archive, before anything is written, when the entries to be read do not each have
 * their own bytes inside the file (David Fifield's "A better zip bomb" and its defences): every
 * per-entry rule reads declared sizes, which are all honest in an overlapping bomb. Reads one
 * local header per entry.
 */
export function entryRangesError(opened: OpenZip, zipPath: string, entries: readonly PlannedEntry[]): AppErrorException | null {
  const ranges: DataRange[] = [];
  for (const item of entries) {
    const range = dataRangeOf(opened.reader, item);
    if (range) ranges.push(range);
  }
  const fileSize = opened.zip.fileSize;
  const problem = firstRangeProblem(ranges, { directoryOffset: opened.directoryOffset, fileSize });
  return problem ? rangeError(basename(zipPath), problem, fileSize) : null;
}
