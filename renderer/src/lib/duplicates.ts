import type { ArchiveEntry } from '../../../shared/api/archive';

/** Names that more than one entry of the archive carries. */
export function duplicateNames(entries: ArchiveEntry[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.name)) twice.add(entry.name);
    seen.add(entry.name);
  }
  return twice;
}
