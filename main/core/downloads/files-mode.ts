import type { DownloadJob, DownloadResult } from '../../../shared/api/downloads';
import { appError, cancelled } from '../app-error';
import type { FileGrants } from '../file-grants';
import type { Timeouts } from '../http/http-stream';
import { fetchUrls } from './fetch-urls';
import type { JobRegistry } from './job-registry';
import type { Network } from '../http/network/network';
import { newFolderIn, removeIfEmpty } from '../files/new-folder';

/** Where a files job puts its files: a new folder `name` inside the folder chosen. */
export interface FilesFolder {
  parent: string;
  name: string;
}

/**
 * Files mode: each exported URL of a URL-mode job into a new folder named after the job inside
 * the one chosen (no API key is sent). Fails only when none could be saved; a cancel keeps the
 * files saved so far in the result. A folder left empty is removed.
 */
export async function runFilesMode(
  deps: { jobs: JobRegistry; grants: FileGrants; tempDir: string; timeouts?: Partial<Timeouts>; concurrency?: number; network?: Network },
  job: DownloadJob,
  urls: string[],
  into: FilesFolder,
  signal: AbortSignal,
): Promise<DownloadResult> {
  const folder = await newFolderIn(into.parent, into.name);
  const result = await fetchUrls({
    urls, folder, tempDir: deps.tempDir, signal, timeouts: deps.timeouts, network: deps.network, concurrency: deps.concurrency,
    onProgress: (progress) => deps.jobs.progress(job, progress),
  });
  if (result.saved.length === 0) await removeIfEmpty(folder);
  const files: DownloadResult = { mode: 'files', folder, folderId: deps.grants.grant(folder, 'folder').id, ...result };
  job.result = files;
  const first = result.failures[0];
  if (signal.aborted) throw cancelled(`The download was cancelled after ${result.saved.length} of ${urls.length} files.`);
  if (result.saved.length === 0 && first) {
    const { kind, message, ...extra } = first.error;
    throw appError(kind, `None of the ${urls.length} files could be downloaded. First failure: ${message}`, extra);
  }
  return files;
}
