import type { VerifyReport } from '../../../shared/api/archive';
import { cancelled } from '../app-error';
import { ProgressCounter, type ProgressListener } from './job-progress';
import { withZip } from './open-zip';
import { entryFailureReason, readPlannedEntries, yauzlEntry } from './planned-entries';
import { DataCheck, checkData } from './write-entry';

const verifyCancelled = () => cancelled('Verification was cancelled.');

/**
 * Reads every entry of the zip at `path` and checks its size and CRC-32, entry by entry,
 * reporting entries (all of the archive's: `entriesTotal` is its entry count) and bytes done.
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
    const bytesTotal = writable.reduce((sum, item) => sum + item.entry.uncompressedSize, 0);
    const progress = new ProgressCounter(writable.length + refusedUpFront, bytesTotal, refusedUpFront, onProgress);
    // Stopped: the last report says exactly how far it got.
    const stopped = () => {
      progress.finish();
      return verifyCancelled();
    };
    for (const item of writable) {
      if (signal?.aborted) throw stopped();
      progress.at(item.name);
      if (!item.directory) {
        try {
          const data = await opened.zip.openReadStreamPromise(yauzlEntry(item.entry));
          await checkData(data, new DataCheck(item.entry.uncompressedSize, item.entry.crc32), { signal, onBytes: (count) => progress.bytes(count) });
        } catch (error) {
          if (signal?.aborted) throw stopped();
          failed.push({ name: item.name, reason: entryFailureReason(error) });
        }
      }
      progress.entryDone(item.entry.uncompressedSize);
    }
    progress.finish();
    return { ok: failed.length === 0, checked: progress.entriesDone, failed };
  });
}
