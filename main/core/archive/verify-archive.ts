import type { VerifyReport } from '../../../shared/api/archive';
import { cancelled } from '../app-error';
import type { ProgressListener } from './extract-archive';
import { withZip } from './open-zip';
import { entryFailureReason, readPlannedEntries, yauzlEntry } from './planned-entries';
import { DataCheck, checkData } from './write-entry';

/**
 * Reads every entry of the zip at `path` and checks its size and CRC-32, entry by entry.
 * Damaged, encrypted or unsafe entries are listed as failed with a reason; the archive as a
 * whole fails only when its directory cannot be read or the signal aborts.
 */
export async function verifyArchive(
  path: string,
  options: { signal?: AbortSignal; onProgress?: ProgressListener } = {},
): Promise<VerifyReport> {
  const { signal, onProgress } = options;
  return withZip(path, async (opened) => {
    const { writable, refused: failed } = await readPlannedEntries(opened.zip, undefined, false);
    // Entries refused up front (encrypted, unknown method) count as checked, and failed.
    const refusedUpFront = failed.length;
    const total = writable.reduce((sum, item) => sum + item.entry.uncompressedSize, 0);
    let done = 0;
    let checked = 0;
    for (const item of writable) {
      if (signal?.aborted) throw cancelled('Verification was cancelled.');
      onProgress?.({ done, total, entry: item.name });
      checked++;
      if (item.directory) continue;
      try {
        const data = await opened.zip.openReadStreamPromise(yauzlEntry(item.entry));
        await checkData(data, new DataCheck(item.entry.uncompressedSize, item.entry.crc32), signal);
      } catch (error) {
        if (signal?.aborted) throw cancelled('Verification was cancelled.');
        failed.push({ name: item.name, reason: entryFailureReason(error) });
      }
      done += item.entry.uncompressedSize;
    }
    onProgress?.({ done, total, entry: null });
    return { ok: failed.length === 0, checked: checked + refusedUpFront, failed };
  });
}
