import { z } from 'zod';
import { event, method } from '../contract';
import type { AppError, ErrorKind } from '../errors';

/** Zip: one archive saved to disk. URLs: the backend's list of exported URLs. */
export type DownloadMode = 'zip' | 'urls';

/** Progress of a running zip download (throttled to about 10 a second). */
export interface DownloadProgress {
  jobId: string;
  bytes: number;
  /** Total bytes when the backend sent a Content-Length, else null. */
  total: number | null;
  bytesPerSecond: number;
  /** Seconds left when the total is known and bytes are flowing, else null. */
  etaSeconds: number | null;
}

/** A skipped item of URL mode, normalised for display; `raw` is the element as JSON text. */
export interface SkippedExport {
  sourceFileUrl?: string;
  reason?: string;
  raw: string;
}

/** What a successful job produced. */
export type DownloadResult =
  | {
      mode: 'zip';
      /** Where the verified zip was saved. */
      path: string;
      bytes: number;
      filename: string;
      /** Whether the name came from the backend's Content-Disposition or is the `canvas-exports.zip` fallback. */
      filenameSource: 'content-disposition' | 'fallback';
      /** Entries listed in the zip's central directory. */
      entries: number;
    }
  | { mode: 'urls'; exportedUrls: string[]; skipped: SkippedExport[] };

/** Where a job is in its life. */
export type DownloadState = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A download job as the UI lists it (running and recent ones). */
export interface DownloadJob {
  jobId: string;
  profileId: string;
  profileName: string;
  mode: DownloadMode;
  itemCount: number;
  state: DownloadState;
  /** ISO date-times. */
  startedAt: string;
  finishedAt: string | null;
  /** The file name once the response headers are in (zip mode). */
  filename: string | null;
  progress: DownloadProgress | null;
  result: DownloadResult | null;
  /** Why the job failed or was cancelled. */
  error: AppError | null;
}

/** What "check connection" found out about a profile's backend. */
export interface ConnectionCheck {
  /**
   * `reachable`: the batch route answered and did not reject the key. `wrong-url`: 404, a web
   * page, or no answer at all (network, timeout). `key-rejected`: 401/403. `server-error`: 5xx.
   */
  outcome: 'reachable' | 'wrong-url' | 'key-rejected' | 'server-error';
  message: string;
  status?: number;
  /** The underlying error kind, for the outcomes that are failures. */
  kind?: ErrorKind;
  backendMessage?: string;
}

/** Methods of the batch download feature. */
export const downloadsMethods = {
  /** Starts a job; progress and the outcome arrive as events. `exportIds` absent: every tracked export. */
  'downloads.start': method<{ jobId: string }>()(
    z.object({
      profileId: z.string().min(1),
      exportIds: z.array(z.string().min(1)).max(100_000).optional(),
      mode: z.enum(['zip', 'urls']),
      /** `ask`: the save dialog; `default`: the default folder without asking; absent: the setting decides. */
      saveTo: z.enum(['ask', 'default']).optional(),
    }),
  ),
  /** Cancels a running job; `cancelled` is false when it had already finished. */
  'downloads.cancel': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1) })),
  /** Running and recent jobs, newest first. */
  'downloads.list': method<DownloadJob[]>()(z.undefined()),
  /** Tells apart a wrong URL, a rejected key and a reachable route for a profile. */
  'downloads.checkConnection': method<ConnectionCheck>()(z.object({ profileId: z.string().min(1) })),
} as const;

/** Events of the batch download feature. */
export const downloadsEvents = {
  /** A job was created. */
  'downloads.started': event<DownloadJob>(),
  /** Bytes arrived (throttled). */
  'downloads.progress': event<DownloadProgress>(),
  /** A job ended: `state` says how; `result` or `error` says what. */
  'downloads.finished': event<DownloadJob>(),
} as const;
