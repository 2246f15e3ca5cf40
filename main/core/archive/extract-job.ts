import { rmdir } from 'node:fs/promises';
import type { ExtractOutcome, ExtractReport } from '../../../shared/api/archive';
import type { FileGrants } from '../file-grants';
import type { JobContext } from './archive-jobs';
import { ExtractionCancelled } from './extraction-cancelled';
import { newExtractFolder } from './extract-folder';
import type { runArchiveJob } from './worker-client';

/** What one extract job is asked for. */
export interface ExtractRequest {
  zipPath: string;
  /** The folder the person chose; the entries go into a new folder inside it. */
  parent: string;
  entries?: string[];
  allowLarge?: boolean;
}

/**
 * The work of an extract job: a new folder named after the zip inside the chosen one (nothing
 * lands loose among its files), the extraction on a worker, and the folder's id for "Open
 * folder". A cancelled extraction keeps what it wrote as the job's partial result. Whenever it
 * ends with nothing written (refused for a limit, a damaged zip, cancelled at once) the new
 * folder is removed again, so no empty folder is left behind.
 */
export async function runExtractJob(
  request: ExtractRequest,
  context: JobContext<ExtractOutcome>,
  deps: { grants: FileGrants; runJob: typeof runArchiveJob },
): Promise<ExtractOutcome> {
  const destination = await newExtractFolder(request.parent, request.zipPath);
  const outcome = (report: ExtractReport): ExtractOutcome => ({ ...report, destinationId: deps.grants.grant(report.destination, 'folder').id });
  try {
    const { zipPath: path, entries, allowLarge } = request;
    return outcome(await deps.runJob({ op: 'extract', path, destination, entries, allowLarge }, { signal: context.signal, onProgress: context.onProgress }));
  } catch (error) {
    // rmdir removes only an empty folder: one that holds what was written stays, and is reported.
    const removed = await rmdir(destination).then(() => true, () => false);
    if (error instanceof ExtractionCancelled && !removed) context.keepPartial(outcome(error.partial));
    throw error;
  }
}
