import type { VerifyReport } from '../../../shared/api/archive';
import { cancelled } from '../app-error';
import { ProgressCounter, type ProgressListener } from './job-progress';
import { withZip } from './open-zip';
import { entryFailureReason, readPlannedEntries, yauzlEntry } from './planned-entries';
import { DataCheck, checkData } from './write-entry';
import { HashingDataCheck, crc32Hex } from './entry-digest';
import type { EntryDigest } from './entry-digest';

const verifyCancelled = () => cancelled('Verification was cancelled.');

/**
 * Reads every entry of the zip at `path` and checks its size and CRC-32, entry by entry (and,
 * with `onDigest`, hashes each for a manifest in the same read),
 * reporting entries (all of the archive's: `entriesTotal` is its entry count) and bytes done.
 * Damaged, encrypted or unsafe entries are listed as failed with a reason; the archive as a
 * whole fails only when its directory cannot be read or the signal aborts.
 */
export async function verifyArchive(
  path: string,
  options: {
    signal?: AbortSignal;
    onProgress?: ProgressListener;
    /** Hears the digest of every file entry that checked out whole (the manifest's records), in archive order. */
    onDigest?: (digest: EntryDigest) => void;
    /** Hears every entry whose data did not read back whole (not those refused up front: encrypted, an unknown method). */
    onDataFailure?: (name: string, reason: string) => void;
  } = {},
): Promise<VerifyReport> {
  const { signal, onProgress, onDigest, onDataFailure } = options;
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
          const { uncompressedSize, compressedSize, crc32 } = item.entry;
          const data = await opened.zip.openReadStreamPromise(yauzlEntry(item.entry));
          const check = onDigest ? new HashingDataCheck(uncompressedSize, crc32) : new DataCheck(uncompressedSize, crc32);
          await checkData(data, check, { signal, onBytes: (count) => progress.bytes(count) });
          if (check instanceof HashingDataCheck) onDigest?.({ name: item.name, size: uncompressedSize, compressedSize, crc32: crc32Hex(crc32), sha256: check.sha256() });
        } catch (error) {
          if (signal?.aborted) throw stopped();
          const reason = entryFailureReason(error);
          failed.push({ name: item.name, reason });
          onDataFailure?.(item.name, reason);
        }
      }
      progress.entryDone(item.entry.uncompressedSize);
    }
    progress.finish();
    return { ok: failed.length === 0, checked: progress.entriesDone, failed };
  });
}
