import type { DownloadResult, ZipPart } from '../../../shared/api/downloads';
import type { SavedPart } from './zip-parts';

/**
 * The result of a zip job from the parts it saved, with the totals summed here once: every
 * other reader (the card, the notification, history) takes them from the result.
 */
export function zipResult(saved: ReadonlyArray<SavedPart & { fileId: string }>, partCount: number): Extract<DownloadResult, { mode: 'zip' }> {
  const parts: ZipPart[] = saved.map(({ part, path, fileId, bytes, entries, filename, bodyPath }) => ({ part, path, fileId, bytes, entries, filename, ...(bodyPath ? { bodyPath } : {}) }));
  return {
    mode: 'zip',
    parts,
    partCount,
    bytes: parts.reduce((sum, part) => sum + part.bytes, 0),
    entries: parts.reduce((sum, part) => sum + part.entries, 0),
    filenameSource: saved[0]?.filenameSource ?? 'fallback',
  };
}
