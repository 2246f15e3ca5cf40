/** Plain records of a job's life: the new job, and the notification and history entry when it ends. */
import { randomUUID } from 'node:crypto';
import { COVERED_LABELS } from '../../../shared/api/downloads';
import type { DownloadJob, DownloadMode, JobMode, DownloadResult } from '../../../shared/api/downloads';
import { sanitizeFilename } from '../files/filename';
import { labelFor } from '../files/source-urls';
import type { DownloadSource, HistoryEntry } from './download-ports';

/** A new running job record. */
export function newJob(profileId: string, profileName: string, mode: JobMode, itemCount: number): DownloadJob {
  return {
    jobId: randomUUID(), profileId, profileName, mode, itemCount, state: 'running',
    startedAt: new Date().toISOString(), finishedAt: null, filename: null, progress: null, result: null, error: null,
  };
}

/**
 * The labels of the first exports a job covers (a tracked label, else the name its URL gives),
 * COVERED_LABELS at most, so a card can name them and add "and N more" without main sending
 * 100,000 labels.
 */
export function coveredLabels(source: Pick<DownloadSource, 'sourceFileUrls' | 'exportIds'>, labelsOf: ((ids: string[]) => string[]) | undefined): string[] {
  const labels = labelsOf?.(source.exportIds.slice(0, COVERED_LABELS)) ?? [];
  return source.sourceFileUrls.slice(0, COVERED_LABELS).map((url, i) => labels[i] || nameInUrl(url));
}

/** The name a URL gives itself (its last path segment); the URL itself when it is none the store would have taken. */
function nameInUrl(url: string): string {
  try {
    return labelFor(url);
  } catch {
    return url;
  }
}

/**
 * The folder "Download each…" makes for a URL-mode job's files inside the folder chosen, so they
 * never scatter among what is there (as an extraction makes one named after its zip).
 */
export function filesFolderName(profileName: string): string {
  return sanitizeFilename(`Exported files – ${profileName}`) ?? 'Exported files';
}

/** The system notification for a finished job (not shown for cancelled ones). */
export function notification(job: DownloadJob): { title: string; body: string } {
  const result: DownloadResult | null = job.result;
  if (result?.mode === 'zip' && job.state === 'succeeded') {
    const size = `${(result.bytes / 1048576).toFixed(1)} MiB, ${result.entries} files`;
    const first = result.parts[0]?.filename ?? '';
    if (result.partCount > 1) return { title: 'Download complete', body: `Saved as ${result.parts.length} parts (${size}), starting with ${first}.` };
    return { title: 'Download complete', body: `${first} saved (${size}).` };
  }
  if (result?.mode === 'files' && job.state === 'succeeded') {
    const failed = result.failures.length > 0 ? `, ${result.failures.length} failed` : '';
    return { title: 'Files downloaded', body: `${result.saved.length} of ${job.itemCount} files saved to ${result.folder}${failed}.` };
  }
  if (result?.mode === 'urls') return { title: 'Export URLs ready', body: `${result.exportedUrls.length} URLs, ${result.skipped.length} skipped.` };
  return { title: 'Download failed', body: job.error?.message ?? 'The download failed.' };
}

/** The history entry of a finished `downloads.start` job (what re-running it needs). */
export function historyEntry(job: DownloadJob, mode: DownloadMode, sourceFileUrls: string[]): HistoryEntry {
  const zip = job.result?.mode === 'zip' ? job.result : null;
  return {
    jobId: job.jobId,
    when: job.startedAt,
    profileId: job.profileId,
    profileName: job.profileName,
    itemCount: job.itemCount,
    mode,
    result: job.state === 'succeeded' ? 'success' : job.state === 'cancelled' ? 'cancelled' : 'failed',
    errorKind: job.error?.kind ?? null,
    // Part 1's path; the bytes of every part saved (one download).
    path: zip?.parts[0]?.path ?? null,
    bytes: zip ? zip.bytes : null,
    exportIds: job.exportIds ?? null,
    sourceFileUrls,
    // URL mode: the lists, which history keeps with the row (bounded) to show them again.
    urlLists: job.result?.mode === 'urls' ? { exportedUrls: job.result.exportedUrls, skipped: job.result.skipped } : null,
  };
}
