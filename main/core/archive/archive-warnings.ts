import type { ArchiveWarning } from '../../../shared/api/archive';
import { formatBytes } from '../../../shared/format';

const MAX32 = 0xffffffff;
const FOUR_GIB = 2 ** 32;

/** What the zip64 rule reads of an archive: its end record, its size, and the extents of its entries' data. */
export interface DirectoryFacts {
  fileSize: number;
  /** Whether a zip64 locator precedes the end record (readers then take the zip64 record's numbers). */
  zip64: boolean;
  /** Where the end record starts in the file, and its own 16- and 32-bit fields. */
  endRecordAt: number;
  endEntries: number;
  directorySize: number;
  /** Central directory headers that follow the `endEntries` the end record counts. */
  headersBeyondCount: number;
  /** Where the central directory starts, in the offsets the entries use. */
  directoryStart: number;
  /** Each entry's local header offset and declared compressed size, in its order. */
  entries: ReadonlyArray<{ name: string; offset: number; compressedSize: number }>;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * What is wrong with an archive past the 32-bit records' reach that has no zip64 records for it
 * (APPNOTE 4.4.1.4): a writer without zip64 support cuts the numbers short instead, so the
 * archive is likely truncated by its writer. Three signs, each a `missing-zip64` warning:
 * - more central directory headers than the end record's 16-bit count (over 65,535 entries);
 * - a central directory that starts past 4 GiB with no zip64 end record (its 32-bit offset wrapped);
 * - an entry whose data runs on at least 4 GiB past its declared compressed size into the next
 *   one (a 32-bit size that wrapped), when the offsets themselves can still be trusted.
 */
export function missingZip64Warnings(facts: DirectoryFacts): ArchiveWarning[] {
  const warnings: ArchiveWarning[] = [];
  if (!facts.zip64 && facts.headersBeyondCount > 0) {
    const total = facts.endEntries + facts.headersBeyondCount;
    warnings.push({
      kind: 'missing-zip64',
      reason:
        `The end record counts ${count(facts.endEntries)} entries but the central directory holds ${count(total)}: ` +
        `over 65,535 entries need zip64 records, and its writer cut the count to 16 bits instead (likely truncated by its writer). ` +
        (facts.endEntries === 0 ? 'None of them is listed or extracted.' : `Only the first ${count(facts.endEntries)} are listed and extracted.`),
    });
  }
  const directoryAt = facts.endRecordAt - facts.directorySize;
  const offsetsWrapped = !facts.zip64 && directoryAt > MAX32;
  if (offsetsWrapped) {
    warnings.push({
      kind: 'missing-zip64',
      reason:
        `The archive is ${formatBytes(facts.fileSize)}, past the 4 GiB that 32-bit offsets reach, and has no zip64 records: its writer cut its offsets to 32 bits ` +
        `(likely truncated by its writer), so some entries point to the wrong place and will not read back (Verify names them).`,
    });
  }
  // With wrapped offsets every extent is suspect: the warning above says it all.
  const wrapped = offsetsWrapped ? [] : wrappedSizes(facts);
  if (wrapped.length > 0) {
    const others = wrapped.length > 1 ? ` and ${count(wrapped.length - 1)} more` : '';
    warnings.push({
      kind: 'missing-zip64',
      reason:
        `The data of \u201c${wrapped[0]}\u201d${others} runs at least 4 GiB past its declared size: an entry over 4 GiB needs zip64 sizes, ` +
        `and its writer cut them to 32 bits (likely truncated by its writer), so it will not read back whole.`,
    });
  }
  return warnings;
}

/** Entries (by name) whose data, by the next entry's offset (or the directory's), is at least 4 GiB longer than declared. */
function wrappedSizes(facts: DirectoryFacts): string[] {
  const sorted = [...facts.entries].sort((a, b) => a.offset - b.offset);
  const names: string[] = [];
  sorted.forEach((entry, i) => {
    const next = sorted[i + 1]?.offset ?? facts.directoryStart;
    // Its local header and a data descriptor fill a few bytes of the gap; a size cut to 32 bits leaves 4 GiB more.
    if (next - entry.offset - entry.compressedSize >= FOUR_GIB) names.push(entry.name);
  });
  return names;
}
