import { z } from 'zod';
import { event, method } from '../contract';
import { refId } from './file-ref';
import type { FileRef } from './file-ref';
import type { AppError } from '../errors';
import type { ManifestCheck } from './manifest';

/** One entry of a zip as the inspector lists it. */
export interface ArchiveEntry {
  /** The entry's path inside the archive, `/`-separated as stored. */
  name: string;
  /** Uncompressed size in bytes, as declared by the archive. */
  size: number;
  compressedSize: number;
  /** Last modified, ISO 8601, or null when the archive does not say. */
  modified: string | null;
  directory: boolean;
  encrypted: boolean;
  /** Why extracting this entry would be unsafe (and is refused), or null when it is safe. */
  unsafe: string | null;
  /** What the archive's maker seems to have got wrong in this entry, each with its reason (none for most). Extraction is not changed by them. */
  flags: EntryFlag[];
}

/**
 * What an entry's flag says is wrong with it:
 * - `error-stub`: its name promises a type (`.png`, `.pdf`, …) but its first bytes are an
 *   HTML, JSON, XML or text page, the error a server answered that was saved in its place;
 * - `empty`: its name promises such a type but it holds no bytes at all;
 * - `not-utf8-name`: its name is not stored as the zip standard's UTF-8 (not flagged as UTF-8
 *   and not ASCII, so shown as decoded here, or flagged but not valid UTF-8).
 */
export type EntryFlagKind = 'error-stub' | 'empty' | 'not-utf8-name';

/** One thing the maker of a zip got wrong in one entry, in words. */
export interface EntryFlag {
  kind: EntryFlagKind;
  reason: string;
}

/**
 * What a listing's warning says is wrong with the archive as a whole. `missing-zip64`: it is
 * past what the 32-bit records hold (65,535 entries, 4 GiB of offsets or of one entry) and has no
 * zip64 records for it, so its writer cut the numbers short (the listing may be incomplete or
 * point to the wrong places).
 */
export type ArchiveWarningKind = 'missing-zip64';

/** One thing the maker of a zip got wrong in the archive as a whole, in words. */
export interface ArchiveWarning {
  kind: ArchiveWarningKind;
  reason: string;
}

/** A zip's entries and totals. */
export interface ArchiveListing {
  path: string;
  count: number;
  totalSize: number;
  totalCompressedSize: number;
  comment: string | null;
  entries: ArchiveEntry[];
  /** What is wrong with the archive as a whole (empty for most). */
  warnings: ArchiveWarning[];
  /**
   * The file name of the manifest beside the zip (manifestPathFor: `NAME.manifest.json`, or the
   * split set's), when a regular file of that name is there: Verify checks against it. Null
   * without one.
   */
  manifest: string | null;
}

/** What an extraction wrote and what it refused, and why. */
export interface ExtractReport {
  /** The folder the entries went into (resolved, links followed). */
  destination: string;
  /** Paths written, relative to the destination, `/`-separated (files only). */
  extracted: string[];
  refused: Array<{ name: string; reason: string }>;
  /** Entries saved under another name because the name was taken (duplicate, case, existing file). */
  renamed: Array<{ name: string; savedAs: string }>;
}

/** What an extract job produces: the report, and the id to show the destination folder. */
export interface ExtractOutcome extends ExtractReport {
  destinationId: string;
}

/** The outcome of reading every entry and checking its CRC. */
export interface VerifyReport {
  /** True when every entry read back whole with a matching CRC. */
  ok: boolean;
  /** Entries read (directories included). */
  checked: number;
  failed: Array<{ name: string; reason: string }>;
  /** Checked against the manifest beside the zip, when there is one: what it found; null without one. */
  manifest?: ManifestCheck | null;
}

/**
 * What extraction accepts unless `allowLarge` says otherwise: the only other bound would be the
 * free disk space, which a zip bomb fills. Declared sizes are trustworthy here, because an entry
 * that inflates past its declared size is stopped as it streams.
 * - 20 GiB in all: four times the largest export batch we have seen, and far below a full disk.
 * - 100,000 entries: a batch holds at most a few thousand exports; a million tiny files is an
 *   attack on the file system (inodes, time), not a download.
 * - 100:1 for an entry over 1 MiB: images and PDFs barely compress (1–3:1) and text reaches
 *   10–20:1, while a bomb's zero-filled entry packs 1000:1; small entries are exempt, since a
 *   1 KiB text of spaces can reach 100:1 harmlessly.
 * - 100:1 for the whole archive over 1 MiB, against its size on disk: many small entries (or
 *   entries that share one stream) each under the entry rule can add up to a bomb.
 */
export const EXTRACT_LIMITS = {
  maxTotalBytes: 20 * 1024 ** 3,
  maxEntries: 100_000,
  maxRatio: 100,
  ratioFromBytes: 1024 ** 2,
} as const;

/** How every limit refusal's message starts: it says what happened before it says which limit. */
export const EXTRACT_LIMIT_PREFIX = 'Not extracted: over a safety limit against zip bombs.';

/**
 * Whether an error is extraction refused for one of EXTRACT_LIMITS (marked `extractLimit`, not
 * recognised by its words): the error of a failed extract job, after which the app asks the
 * person and, when they confirm, starts `archive.extract` again with `allowLarge: true`.
 */
export function isExtractLimitError(error: AppError): boolean {
  return error.kind === 'archive' && error.extractLimit === true;
}

/**
 * What `archive.openEntry` did with the entry: opened it with its default app (a type on the
 * open allowlist: passive documents, images, media), or showed it in its folder (any other type;
 * `type` is its extension, or null when it has none).
 */
export interface OpenOutcome {
  action: 'opened' | 'revealed';
  type: string | null;
}

/** The long operations of the inspector, each run as a job: verify a zip, extract it, open one entry. */
export type ArchiveOp = 'verify' | 'extract' | 'open';

/** What each kind of job produces. */
export interface ArchiveResults {
  verify: VerifyReport;
  extract: ExtractOutcome;
  open: OpenOutcome;
}

/** Where a job is in its life. */
export type ArchiveJobState = 'running' | 'succeeded' | 'failed' | 'cancelled';

/**
 * How far a job got (pushed as `archive.progress`, throttled to about ten a second). Entries
 * count every entry the job handles, those refused up front included (they are done at once):
 * for a verify, `entriesTotal` is the archive's entry count. Bytes are declared, uncompressed.
 */
export interface ArchiveProgress {
  jobId: string;
  entriesDone: number;
  entriesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** The entry at hand; null in the last report, once every entry is done or the job stopped. */
  entry: string | null;
}

/** A job of one kind, its `result` typed by the kind (`ArchiveJob` is any of them). */
export interface ArchiveJobOf<Op extends ArchiveOp> {
  jobId: string;
  op: Op;
  /** The zip the job reads, as main handed it out. */
  fileId: string;
  /** The zip's file name, for display. */
  zipName: string;
  state: ArchiveJobState;
  /** ISO date-times. */
  startedAt: string;
  finishedAt: string | null;
  /** The last progress report; null until the first. */
  progress: ArchiveProgress | null;
  /**
   * What it produced once succeeded. A cancelled extraction keeps what it wrote before it
   * stopped here (null when it had written nothing, and left no folder behind).
   */
  result: ArchiveResults[Op] | null;
  /** Why it failed or was cancelled. */
  error: AppError | null;
}

/** One long archive operation: main mints its id, pushes `archive.started`, `archive.progress` and exactly one `archive.finished`, and cancels it by id. */
export type ArchiveJob = { [Op in ArchiveOp]: ArchiveJobOf<Op> }[ArchiveOp];

const jobId = z.string().min(1).max(100);

/**
 * Methods of the archive inspector. The long ones (verify, extract, openEntry) answer
 * `{ jobId }` at once and run as jobs; their outcome is the job's `archive.finished` event. One
 * job per zip and kind runs at a time (per entry, for openEntry): asking again while it runs
 * fails with `state`.
 */
export const archiveMethods = {
  /** Lists a zip main handed out (from the open dialog, a drop, the OS, or a finished download). */
  'archive.list': method<ArchiveListing>()(z.object({ fileId: refId })),
  /** Asks for a zip with the open dialog; null when cancelled. */
  'archive.chooseFile': method<FileRef | null>()(z.undefined()),
  /** Asks for a destination folder; null when cancelled. */
  'archive.chooseFolder': method<FileRef | null>()(z.undefined()),
  /**
   * Starts extracting all entries, or those named, safely into a new folder named after the zip
   * inside a folder main handed out. An archive past EXTRACT_LIMITS without `allowLarge` ends the
   * job failed with an `isExtractLimitError` error and nothing written.
   */
  'archive.extract': method<{ jobId: string }>()(
    z.object({
      fileId: refId,
      folderId: refId,
      entries: z.array(z.string().min(1).max(65_535)).max(1_000_000).optional(),
      /** Past EXTRACT_LIMITS (after the person confirmed). */
      allowLarge: z.boolean().optional(),
    }),
  ),
  /**
   * Starts extracting one entry safely into a fresh temp folder and opening it with the default
   * app when its type is on the open allowlist; any other is shown in its folder instead, never run (the job's OpenOutcome).
   */
  'archive.openEntry': method<{ jobId: string }>()(z.object({ fileId: refId, name: z.string().min(1).max(65_535) })),
  /** Starts reading every entry back and checking its CRC (the job's VerifyReport). */
  'archive.verify': method<{ jobId: string }>()(z.object({ fileId: refId })),
  /** Cancels a running job; `cancelled` is false when it had already finished (or never ran). */
  'archive.cancel': method<{ cancelled: boolean }>()(z.object({ jobId })),
} as const;

/** Events of the archive inspector's jobs. */
export const archiveEvents = {
  /** A job was created (state `running`). */
  'archive.started': event<ArchiveJob>(),
  /** A job got further (throttled to about ten a second; the last report always comes). */
  'archive.progress': event<ArchiveProgress>(),
  /** A job ended, once: `state` says how; `result` or `error` says what. */
  'archive.finished': event<ArchiveJob>(),
} as const;
