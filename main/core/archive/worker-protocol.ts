import type { ArchiveListing, ExtractReport, VerifyReport } from '../../../shared/api/archive';
import type { AppError } from '../../../shared/errors';
import type { EntryProgress } from './job-progress';

/** A job the archive worker runs: what goes in `workerData`. */
export type WorkerJob =
  | { op: 'list'; path: string }
  | { op: 'extract'; path: string; destination: string; entries?: string[]; allowLarge?: boolean }
  | { op: 'verify'; path: string };

/** What each job resolves to. */
export interface WorkerJobResults {
  list: ArchiveListing;
  extract: ExtractReport;
  verify: VerifyReport;
}

/** Main → worker: stop now (the worker removes partial files and answers `failed` with `cancelled`). */
export interface AbortMessage {
  type: 'abort';
}

/** Worker → main. */
export type WorkerMessage =
  | ({ type: 'progress' } & EntryProgress)
  | { type: 'done'; value: WorkerJobResults[WorkerJob['op']] }
  /**
   * `error` is null when the failure was a bug rather than an expected AppError; `partial` is
   * what a cancelled extraction had written (ExtractionCancelled), absent otherwise.
   */
  | { type: 'failed'; error: AppError | null; message: string; partial?: ExtractReport };
