import { z } from 'zod';
import { event, method } from '../contract';
import type { AppError } from '../errors';
import type { FileRef } from './file-ref';

/** What `downloads.start` runs. Zip: one archive saved to disk. URLs: the backend's list of exported URLs. */
export type DownloadMode = 'zip' | 'urls';

/** A job's mode: a DownloadMode, or files: the exported URLs of a URL-mode job downloaded into a folder (`downloads.fetchUrls`). */
export type JobMode = DownloadMode | 'files';

/** Progress of a running zip download (throttled to about 10 a second). */
export interface DownloadProgress {
  jobId: string;
  bytes: number;
  /** Total bytes when the backend sent a Content-Length, else null. */
  total: number | null;
  bytesPerSecond: number;
  /** Seconds left when the total is known and bytes are flowing, else null. */
  etaSeconds: number | null;
  /** Files mode only: files finished (saved or failed) and files in the job. */
  filesDone?: number;
  filesTotal?: number;
  /** A zip download split into parts (the profile's maximum batch size): the part being saved, from 1, and how many there are. */
  part?: number;
  parts?: number;
  /** URL mode split into batches: the request being sent, from 1, and how many there are. */
  batch?: number;
  batches?: number;
  /** A zip whose body failed mid-way, asked for again: this attempt, from 2, of how many ("retrying (2 of 3)"). */
  attempt?: number;
  attempts?: number;
}

/** One saved part of a zip download split into batches: `name (part 2 of 3).zip`. */
export interface ZipPart {
  /** Which part, from 1. */
  part: number;
  path: string;
  /**
   * The id to show or inspect it; null once a later download replaced the file at `path`
   * (Replace, or the `nameConflict` setting): what is there now is not what this job saved.
   */
  fileId: string | null;
  bytes: number;
  entries: number;
  filename: string;
  /**
   * Which body path saved it: `fast` (the worker's own socket, http/fast-body/) or `got`
   * (a redirect, a proxy login or a framing the fast path hands over). Absent for a part a
   * resumed download kept from before.
   */
  bodyPath?: 'fast' | 'got';
}

/** A file saved by a files-mode job. */
export interface SavedFile {
  /** The exported URL it came from. */
  url: string;
  /** Where it was saved (a taken name became `name (1).ext`). */
  path: string;
  bytes: number;
}

/** An exported URL that a files-mode job could not download. */
export interface FetchFailure {
  url: string;
  error: AppError;
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
      /**
       * Every part saved, in order: one for a zip that was not split. On a failed or cancelled
       * job, the parts saved before it stopped.
       */
      parts: ZipPart[];
      /** How many parts the download was split into (1: not split); more than `parts.length` when it stopped part-way. */
      partCount: number;
      /** Bytes and entries over every saved part (they are one download), summed once in main. */
      bytes: number;
      entries: number;
      /** Whether part 1's name came from the backend's Content-Disposition or is the `canvas-exports.zip` fallback. */
      filenameSource: 'content-disposition' | 'fallback';
    }
  | { mode: 'urls'; exportedUrls: string[]; skipped: SkippedExport[] }
  | {
      mode: 'files';
      /** The folder the files went to: a new one inside the folder chosen, named after the job (`name (1)` when taken). */
      folder: string;
      /** The id to show it. */
      folderId: string;
      /** In the order of the exported URLs. */
      saved: SavedFile[];
      failures: FetchFailure[];
    };

/** A file with the name a job saves under already exists in its folder: the job waits for `downloads.resolveConflict`. */
export interface NameConflict {
  /** The name the zip would be saved under. */
  filename: string;
  /** The folder it goes to, for display only: the renderer answers by the job's id. */
  folder: string;
}

/**
 * What to do when the name a file is saved under is taken: save as `name (1).zip`, replace the
 * file (atomically, once the new one is complete), or end with nothing touched. The one word for
 * it everywhere: the window's question answers with it, the `nameConflict` setting stores one
 * (or `ask`), and the command line's `--on-conflict` names `cancel` "fail".
 */
export type ConflictChoice = 'keep-both' | 'replace' | 'cancel';

/** A choice that can stand for later files (remembered, or a setting): cancel only ever ends one job. */
export type StandingConflictChoice = Exclude<ConflictChoice, 'cancel'>;

/**
 * Which tracked exports of a profile a call acts on: these ids, or every export the filter
 * matches (an empty filter: all of them; with `undelivered`, only those with no delivery since
 * they were added: "Download new"), or exactly the exports a finished check
 * (`downloads.check`) found exportable. Main resolves it, so the window never pages ids out
 * only to send them back.
 */
export type ExportScope = { ids: string[] } | { filter: string; undelivered?: true } | { checkJobId: string };

/** What a zip download of a scope will do, asked before it starts so the confirmation can say so. */
export interface DownloadPlan {
  profileName: string;
  /** How many exports the scope names now. */
  exports: number;
  /** The profile's maximum batch size, or null for none. */
  maxBatchSize: number | null;
  /** How many zip files (requests) the download takes: 1 unless the maximum batch size splits it. */
  parts: number;
  /** Whether the save dialog will ask where (part 1) goes; else it goes to `folder`. */
  asks: boolean;
  /** The default folder a download goes to without asking (and where the dialog starts). */
  folder: string;
}

/** Where a job is in its life. */
export type DownloadState = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A download job as the UI lists it (running and recent ones). */
export interface DownloadJob {
  jobId: string;
  profileId: string;
  profileName: string;
  mode: JobMode;
  itemCount: number;
  state: DownloadState;
  /** ISO date-times. */
  startedAt: string;
  finishedAt: string | null;
  /** The file name once the response headers are in (zip mode). */
  filename: string | null;
  progress: DownloadProgress | null;
  result: DownloadResult | null;
  /** Why the job failed or was cancelled. A split zip job that stopped part-way keeps the parts it saved in `result`. */
  error: AppError | null;
  /** Files mode: the URL-mode job whose exported URLs are downloaded. */
  sourceJobId?: string;
  /** What the job was asked for, resolved to ids when it started (so it can be asked again); absent for a files job. */
  exportIds?: string[];
  /**
   * The labels of the first few exports it covers (at most COVERED_LABELS, in the order of
   * `exportIds`), so a failed or cancelled card can say what it was about; `itemCount` is the
   * total. Absent for a files job.
   */
  coveredLabels?: string[];
  /** A URL-mode job started by `downloads.check`: a look at what a zip would hold, not a download. */
  check?: boolean;
  /** The question the running job waits on (a taken name in the default folder); absent or null: none. */
  conflict?: NameConflict | null;
}

/** How many labels of the exports a job covers it carries (`coveredLabels`); the card says "and N more" for the rest. */
export const COVERED_LABELS = 5;

const jobId = z.string().min(1).max(100);
const profileId = z.string().min(1).max(100);
const idsOrFilter = z.union([
  z.object({ ids: z.array(z.string().min(1).max(40)).min(1).max(100_000) }).strict(),
  z.object({ filter: z.string().max(2048), undelivered: z.literal(true).optional() }).strict(),
]);
const scope = z.union([idsOrFilter, z.object({ checkJobId: jobId }).strict()]);

/** Methods of the batch download feature. */
export const downloadsMethods = {
  /**
   * Starts a job on the scope main resolves; progress and the outcome arrive as events. A scope
   * naming no export, or a check whose profile's exports changed since, fails before a job exists;
   * so does a duplicate of a job still running (same profile, mode and exports): `state`.
   */
  'downloads.start': method<{ jobId: string }>()(
    z.object({
      profileId,
      scope,
      mode: z.enum(['zip', 'urls']),
      /** `ask`: the save dialog; `default`: the default folder without asking; absent: the setting decides. */
      saveTo: z.enum(['ask', 'default']).optional(),
      /**
       * Zip mode: resume the split download of an earlier job (a recent one, or one history lists
       * as interrupted): the parts it saved that are still on disk unchanged, as its set manifest
       * lists them, are kept and not asked for again; the rest go where part 1 went.
       */
      resume: z.object({ jobId }).strict().optional(),
    }),
  ),
  /** What a zip download of the scope would do (exports, parts, whether the save dialog asks), without starting it. */
  'downloads.plan': method<DownloadPlan>()(z.object({ profileId, scope, saveTo: z.enum(['ask', 'default']).optional() })),
  /**
   * Asks the backend in URL mode what a zip of the scope would hold, as a job marked `check`
   * (not recorded in history). `downloads.start` with `{ checkJobId }` then downloads exactly the
   * exports it found exportable, while the profile's exports are unchanged.
   */
  'downloads.check': method<{ jobId: string }>()(z.object({ profileId, scope: idsOrFilter })),
  /** Cancels a running job; `cancelled` is false when it had already finished. */
  'downloads.cancel': method<{ cancelled: boolean }>()(z.object({ jobId })),
  /**
   * Forgets the finished jobs that succeeded or were cancelled, and the failed ones too with
   * `failed: true` (a failure stays to be retried unless asked); running jobs and checks stay.
   * The files they saved are kept.
   */
  'downloads.clearFinished': method<{ removed: number }>()(z.object({ failed: z.boolean().optional() }).strict().optional()),
  /** Forgets one finished job (its files are kept); `state` while it runs, `removed` false when it was not listed. */
  'downloads.remove': method<{ removed: boolean }>()(z.object({ jobId })),
  /** Running and recent jobs, newest first; checks (`downloads.check`) are previews, not downloads, and are not listed. */
  'downloads.list': method<DownloadJob[]>()(z.undefined()),
  /**
   * Saves the result of a finished URL-mode job via the save dialog (default `exported-urls.<ext>`
   * in the Downloads folder). txt: one URL a line; csv: `url,status,reason` rows (exported, then
   * skipped); json: `{ exportedUrls, skipped }`. `file` is null when the dialog was cancelled.
   */
  'downloads.saveUrls': method<{ file: FileRef | null }>()(z.object({ jobId, format: z.enum(['txt', 'csv', 'json']) })),
  /**
   * Asks for a folder, then downloads each exported URL of a finished URL-mode job into it as a
   * new `files` job (progress and outcome as events; cancel with `downloads.cancel`). No API key
   * is sent to those URLs. `jobId` is null when the folder dialog was cancelled.
   */
  'downloads.fetchUrls': method<{ jobId: string | null }>()(z.object({ jobId })),
  /**
   * Answers the job's pending name conflict. The answer holds for the job's later files too;
   * `remember` also stores it as the `nameConflict` setting, so later jobs do not ask. Cancel is
   * never remembered (`remember` must be false with it). `state` for a job that is not running
   * or not asking.
   */
  'downloads.resolveConflict': method<{ choice: ConflictChoice; remembered: boolean }>()(
    z
      .object({ jobId, choice: z.enum(['keep-both', 'replace', 'cancel']), remember: z.boolean() })
      .refine((answer) => !(answer.choice === 'cancel' && answer.remember), { message: 'Cancel cannot be remembered', path: ['remember'] }),
  ),
} as const;

/** Events of the batch download feature. */
export const downloadsEvents = {
  /** A job was created. */
  'downloads.started': event<DownloadJob>(),
  /** The response headers are in: the zip's file name is known (zip mode). */
  'downloads.named': event<{ jobId: string; filename: string }>(),
  /** Bytes arrived (throttled). */
  'downloads.progress': event<DownloadProgress>(),
  /** A job asks about a taken name (`conflict`), or its question closed (null: answered, or the job ended). */
  'downloads.conflict': event<{ jobId: string; conflict: NameConflict | null }>(),
  /** A job ended: `state` says how; `result` or `error` says what. */
  'downloads.finished': event<DownloadJob>(),
  /** A finished job's record changed: a later download replaced a file it saved (that part's `fileId` is now null). */
  'downloads.updated': event<DownloadJob>(),
} as const;
