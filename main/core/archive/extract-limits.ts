import { EXTRACT_LIMITS, EXTRACT_LIMIT_PREFIX } from '../../../shared/api/archive';
import { appError } from '../app-error';
import type { AppErrorException } from '../app-error';
import type { PlannedEntry } from './planned-entries';

/** Sizes for people: GiB/MiB, as the limits are written. */
function size(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

const HOW_TO_OVERRIDE = 'If you trust this archive, extract it anyway: confirm in the app, or add --allow-large to export-manager extract.';

function overLimit(detail: string): AppErrorException {
  return appError('archive', `${EXTRACT_LIMIT_PREFIX} ${detail} ${HOW_TO_OVERRIDE}`, { extractLimit: true });
}

/** The first limit the planned entries go over, as the `archive` error to throw, or null. */
export function extractLimitError(entries: readonly PlannedEntry[]): AppErrorException | null {
  const { maxEntries, maxTotalBytes, maxRatio, ratioFromBytes } = EXTRACT_LIMITS;
  if (entries.length > maxEntries) {
    return overLimit(`It has ${entries.length.toLocaleString('en')} entries; the limit is ${maxEntries.toLocaleString('en')}.`);
  }
  let total = 0;
  for (const { entry, name } of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > ratioFromBytes && ratio > maxRatio) {
      return overLimit(`"${name}" would grow ${Math.round(ratio).toLocaleString('en')} times (${size(entry.compressedSize)} to ${size(entry.uncompressedSize)}); the limit is ${maxRatio}:1.`);
    }
  }
  if (total > maxTotalBytes) {
    return overLimit(`It would extract to ${size(total)}; the limit is ${size(maxTotalBytes)}.`);
  }
  return null;
}
