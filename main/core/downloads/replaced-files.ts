import type { DownloadJob } from '../../../shared/api/downloads';

/** The paths of the zip parts a job saved and still stands for (a part already replaced stands for nothing). */
function savedPaths(job: DownloadJob): string[] {
  if (job.result?.mode !== 'zip') return [];
  return job.result.parts.flatMap((part) => (part.fileId === null ? [] : [part.path]));
}

/**
 * A job that saved a file where an earlier job's file was (Replace, or the `nameConflict`
 * setting) took that path: the earlier job's part forgets its id, so its card never shows or
 * inspects content it did not save (history forgets the path the same way). Keep both never
 * reuses a path, so only a replacement matches. Changes `earlier` in place and returns the jobs
 * it changed, for the caller to announce.
 */
export function forgetReplacedParts(job: DownloadJob, earlier: readonly DownloadJob[]): DownloadJob[] {
  const taken = new Set(savedPaths(job));
  if (taken.size === 0) return [];
  const changed: DownloadJob[] = [];
  for (const older of earlier) {
    if (older.result?.mode !== 'zip' || !older.result.parts.some((part) => part.fileId !== null && taken.has(part.path))) continue;
    older.result = { ...older.result, parts: older.result.parts.map((part) => (taken.has(part.path) ? { ...part, fileId: null } : part)) };
    changed.push(older);
  }
  return changed;
}
