import type { DownloadResult } from '../../../shared/api/downloads';
import type { SavedPart } from './zip-parts';

/**
 * The result of a zip job from the parts it saved: part 1 in the single-file fields (all a
 * download that was not split has), and every part in `parts` when it was split.
 */
export function zipResult(saved: ReadonlyArray<SavedPart & { fileId: string }>, partCount: number): Extract<DownloadResult, { mode: 'zip' }> {
  const first = saved[0]!;
  const result: Extract<DownloadResult, { mode: 'zip' }> = {
    mode: 'zip',
    path: first.path,
    fileId: first.fileId,
    bytes: first.bytes,
    filename: first.filename,
    filenameSource: first.filenameSource,
    entries: first.entries,
  };
  if (partCount <= 1) return result;
  const parts = saved.map(({ part, path, fileId, bytes, entries, filename }) => ({ part, path, fileId, bytes, entries, filename }));
  return { ...result, parts, partCount };
}
