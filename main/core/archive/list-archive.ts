import type { ArchiveEntry, ArchiveListing } from '../../../shared/api/archive';
import { lstat } from 'node:fs/promises';
import { basename } from 'node:path';
import { missingZip64Warnings } from './archive-warnings';
import type { DirectoryFacts } from './archive-warnings';
import { describeEntry } from './describe-entry';
import { dataFlags, stubCandidate } from './error-stubs';
import type { StubCandidate } from './error-stubs';
import { manifestPathFor } from './manifest-path';
import { directoryCursorOf, withZip } from './open-zip';
import type { OpenZip } from './open-zip';
import { countDirectoryHeaders } from './zip-directory';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The archive comment as text: UTF-8 when it is valid UTF-8 (most tools), else Latin-1; null when empty. */
export function decodeComment(raw: Buffer | string): string | null {
  if (typeof raw === 'string') return raw || null;
  if (raw.length === 0) return null;
  try {
    return utf8.decode(raw);
  } catch {
    return raw.toString('latin1');
  }
}

/** The file name of the manifest beside the zip when a regular file is there (not followed through a link), else null. */
async function manifestBeside(path: string): Promise<string | null> {
  const manifestPath = manifestPathFor(path);
  const found = await lstat(manifestPath).catch(() => null);
  return found?.isFile() ? basename(manifestPath) : null;
}

/** What the zip64 rule needs of an opened zip whose entries were all read (archive-warnings.ts). */
function directoryFacts(opened: OpenZip, entries: DirectoryFacts['entries']): DirectoryFacts {
  const { end } = opened;
  // Past the last header yauzl read, up to where the end record says the directory ends: more headers mean a count cut to 16 bits.
  const cursor = directoryCursorOf(opened.zip);
  const beyond = end.zip64Locator ? 0 : countDirectoryHeaders((at, length) => opened.reader.readNow(at, length), cursor, opened.directoryOffset + end.directorySize);
  return {
    fileSize: opened.fileSize,
    zip64: end.zip64Locator,
    endRecordAt: end.position,
    endEntries: end.entries,
    directorySize: end.directorySize,
    headersBeyondCount: beyond,
    directoryStart: opened.directoryOffset,
    entries,
  };
}

/**
 * Lists every entry of the zip at `path` with totals, reading its central directory, and the
 * first bytes of the small entries whose extension promises a type (error-stubs.ts: the cost
 * and the cap are said there). Each entry's flags and the archive's warnings say what its
 * maker got wrong; `manifest` names the manifest beside it.
 */
export async function listArchive(path: string): Promise<ArchiveListing> {
  const manifest = await manifestBeside(path);
  return withZip(path, async (opened) => {
    const entries: ArchiveEntry[] = [];
    const extents: Array<{ name: string; offset: number; compressedSize: number }> = [];
    const candidates: StubCandidate[] = [];
    let totalSize = 0;
    let totalCompressedSize = 0;
    for await (const raw of opened.zip.eachEntry()) {
      const entry = describeEntry(raw);
      totalSize += entry.size;
      totalCompressedSize += entry.compressedSize;
      const candidate = stubCandidate(entries.length, entry.name, entry.directory, raw);
      if (candidate) candidates.push(candidate);
      extents.push({ name: entry.name, offset: raw.relativeOffsetOfLocalHeader, compressedSize: raw.compressedSize });
      entries.push(entry);
    }
    const warnings = missingZip64Warnings(directoryFacts(opened, extents));
    for (const [index, flag] of dataFlags(opened.reader, candidates, opened.directoryOffset)) entries[index]!.flags.push(flag);
    const comment = decodeComment(opened.zip.comment as unknown as Buffer);
    return { path, count: entries.length, totalSize, totalCompressedSize, comment, entries, warnings, manifest };
  });
}
