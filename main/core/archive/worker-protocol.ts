import type { ArchiveListing, ExtractReport, VerifyReport } from '../../../shared/api/archive';
import type { AppError } from '../../../shared/errors';

/** A job the archive worker runs: what goes in `workerData`. */
export type ArchiveJob =
  | { op: 'list'; path: string }
  | { op: 'extract'; path: string; destination: string; entries?: string[]; allowLarge?: boolean }
  | { op: 'verify'; path: string };

/** What each job resolves to. */
export interface ArchiveJobResults {
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
  | { type: 'progress'; done: number; total: number; entry: string | null }
  | { type: 'done'; value: ArchiveJobResults[ArchiveJob['op']] }
  /** `error` is null when the failure was a bug rather than an expected AppError. */
  | { type: 'failed'; error: AppError | null; message: string };
