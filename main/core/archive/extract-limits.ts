import { EXTRACT_LIMITS, EXTRACT_LIMIT_PREFIX } from '../../../shared/api/archive';
import { formatBytes } from '../../../shared/format';
import { appError } from '../app-error';
import type { AppErrorException } from '../app-error';
import type { PlannedEntry } from './planned-entries';

// Said to whoever asked: the window asks the person to confirm, the command line adds its flag (main/cli/commands/extract.ts).
const HOW_TO_OVERRIDE = 'If you trust this archive, you can extract it anyway.';

function overLimit(detail: string): AppErrorException {
  return appError('archive', `${EXTRACT_LIMIT_PREFIX} ${detail} ${HOW_TO_OVERRIDE}`, { extractLimit: true });
}

const times = (ratio: number) => Math.round(ratio).toLocaleString('en');

/**
 * The first limit the planned entries go over, as the `archive` error to throw, or null.
 * `archiveBytes` is the zip's size on disk: besides each entry's own ratio, the whole
 * extraction's counts against it, since a bomb of many entries just under the per-entry
 * threshold (each 1 MiB, each exempt) multiplies as surely as one big entry does.
 */
export function extractLimitError(entries: readonly PlannedEntry[], archiveBytes: number): AppErrorException | null {
  const { maxEntries, maxTotalBytes, maxRatio, ratioFromBytes } = EXTRACT_LIMITS;
  if (entries.length > maxEntries) {
    return overLimit(`It has ${entries.length.toLocaleString('en')} entries; the limit is ${maxEntries.toLocaleString('en')}.`);
  }
  let total = 0;
  for (const { entry, name } of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > ratioFromBytes && ratio > maxRatio) {
      return overLimit(`"${name}" would grow ${times(ratio)} times (${formatBytes(entry.compressedSize)} to ${formatBytes(entry.uncompressedSize)}); the limit is ${maxRatio}:1.`);
    }
  }
  // The same threshold as for one entry: a small extraction is harmless at any ratio.
  const overall = total / Math.max(1, archiveBytes);
  if (total > ratioFromBytes && overall > maxRatio) {
    return overLimit(`It would grow ${times(overall)} times in all (${formatBytes(archiveBytes)} on disk to ${formatBytes(total)}); the limit is ${maxRatio}:1.`);
  }
  if (total > maxTotalBytes) {
    return overLimit(`It would extract to ${formatBytes(total)}; the limit is ${formatBytes(maxTotalBytes)}.`);
  }
  return null;
}
