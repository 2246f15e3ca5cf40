import yauzl from 'yauzl';
import { describeReadError } from './archive-error';
import { describeEntry } from './describe-entry';
import { EntryDataError } from './write-entry';

/**
 * The numbers of a central directory record that reading an entry's data needs. Kept instead of
 * yauzl's Entry (its name, extra fields and comment as Buffers, some twenty fields): for 100,000
 * entries that was over 100 MB held for the whole extraction.
 */
export interface EntryData {
  relativeOffsetOfLocalHeader: number;
  compressedSize: number;
  uncompressedSize: number;
  compressionMethod: number;
  crc32: number;
  generalPurposeBitFlag: number;
}

/** An entry chosen for extraction or verification, with what we need to read it. */
export interface PlannedEntry {
  entry: EntryData;
  name: string;
  directory: boolean;
  modified: Date | null;
}

/** The compact record of a yauzl entry. */
function entryData(entry: yauzl.Entry): EntryData {
  const { relativeOffsetOfLocalHeader, compressedSize, uncompressedSize, compressionMethod, crc32, generalPurposeBitFlag } = entry;
  return { relativeOffsetOfLocalHeader, compressedSize, uncompressedSize, compressionMethod, crc32, generalPurposeBitFlag };
}

/** A yauzl Entry again, for `openReadStream` (which reads only these fields and its methods). */
export function yauzlEntry(data: EntryData): yauzl.Entry {
  return Object.assign(new yauzl.Entry(), data);
}

/**
 * Reads the central directory and splits the chosen entries into those that can be read and
 * those refused up front (unsafe name, link, encrypted, unsupported method, not in the archive).
 */
export async function readPlannedEntries(
  zip: yauzl.ZipFile,
  only?: string[],
  /** False for verification: unsafe names and links are still data whose CRC can be checked. */
  refuseUnsafe = true,
): Promise<{ writable: PlannedEntry[]; refused: Array<{ name: string; reason: string }> }> {
  const wanted = only ? new Set(only) : null;
  const found = new Set<string>();
  const writable: PlannedEntry[] = [];
  const refused: Array<{ name: string; reason: string }> = [];
  for await (const entry of zip.eachEntry()) {
    const info = describeEntry(entry);
    if (wanted && !wanted.has(info.name)) continue;
    found.add(info.name);
    const reason =
      (refuseUnsafe ? info.unsafe : null) ??
      (info.encrypted ? 'encrypted (password-protected entries are not supported)' : null) ??
      (!info.directory && !entry.canDecodeFileData() ? `compression method ${entry.compressionMethod} is not supported` : null);
    if (reason) refused.push({ name: info.name, reason });
    else writable.push({ entry: entryData(entry), name: info.name, directory: info.directory, modified: info.modified ? new Date(info.modified) : null });
  }
  for (const name of wanted ?? []) if (!found.has(name)) refused.push({ name, reason: 'not in the archive' });
  return { writable, refused };
}

/** The per-entry reason for a failure while reading or writing one entry. */
export function entryFailureReason(error: unknown): string {
  if (error instanceof EntryDataError) return error.reason;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EOUTSIDE') return (error as Error).message;
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file of that name is in the way of its folder';
  if (code === 'ENAMETOOLONG') return 'name is too long for this disk';
  if (code === 'EINVAL' || code === 'EILSEQ') return 'name is not valid on this disk';
  if (code) return `could not be written (${code})`;
  return describeReadError(error).replace(/^has an entry that /, '');
}
