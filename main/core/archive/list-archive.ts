import type { ArchiveEntry, ArchiveListing } from '../../../shared/api/archive';
import { describeEntry } from './describe-entry';
import { withZip } from './open-zip';

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

/** Lists every entry of the zip at `path` with totals, reading only its central directory. */
export async function listArchive(path: string): Promise<ArchiveListing> {
  return withZip(path, async (opened) => {
    const entries: ArchiveEntry[] = [];
    let totalSize = 0;
    let totalCompressedSize = 0;
    for await (const raw of opened.zip.eachEntry()) {
      const entry = describeEntry(raw);
      totalSize += entry.size;
      totalCompressedSize += entry.compressedSize;
      entries.push(entry);
    }
    const comment = decodeComment(opened.zip.comment as unknown as Buffer);
    return { path, count: entries.length, totalSize, totalCompressedSize, comment, entries };
  });
}
