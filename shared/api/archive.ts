import { z } from 'zod';
import { event, method } from '../contract';
import { refId } from './file-ref';
import type { FileRef } from './file-ref';
import type { AppError } from '../errors';

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
}

/** A zip's entries and totals. */
export interface ArchiveListing {
  path: string;
  count: number;
  totalSize: number;
  totalCompressedSize: number;
  comment: string | null;
  entries: ArchiveEntry[];
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

/** What `archive.extract` answers: the report, and the id to show the destination folder. */
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
 * recognised by its words): the app asks the person and, when they confirm, calls
 * `archive.extract` again with `allowLarge: true`.
 */
export function isExtractLimitError(error: AppError): boolean {
  return error.kind === 'archive' && error.extractLimit === true;
}

/** Methods of the archive inspector. */
export const archiveMethods = {
  /** Lists a zip main handed out (from the open dialog, a drop, the OS, or a finished download). */
  'archive.list': method<ArchiveListing>()(z.object({ fileId: refId })),
  /** Asks for a zip with the open dialog; null when cancelled. */
  'archive.chooseFile': method<FileRef | null>()(z.undefined()),
  /** Asks for a destination folder; null when cancelled. */
  'archive.chooseFolder': method<FileRef | null>()(z.undefined()),
  /** Extracts all entries, or those named, safely into a new folder named after the zip inside a folder main handed out; refuses an archive past EXTRACT_LIMITS unless `allowLarge`. */
  'archive.extract': method<ExtractOutcome>()(
    z.object({
      fileId: refId,
      folderId: refId,
      entries: z.array(z.string().min(1).max(65_535)).max(1_000_000).optional(),
      /** Past EXTRACT_LIMITS (after the person confirmed): without it, such an archive fails with `isExtractLimitError`. */
      allowLarge: z.boolean().optional(),
    }),
  ),
  /**
   * Extracts one entry safely into a fresh temp folder and opens it with the default app; a
   * program or script (`type`: its extension) is shown in its folder instead, never run.
   */
  'archive.openEntry': method<{ action: 'opened' | 'revealed'; type: string | null }>()(z.object({ fileId: refId, name: z.string().min(1).max(65_535) })),
  /** Reads every entry and checks CRCs; progress via `archive.progress`; cancel with `archive.cancel`. */
  'archive.verify': method<VerifyReport>()(z.object({ fileId: refId, jobId: z.string().min(1).max(100) })),
  'archive.cancel': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(100) })),
} as const;

/** Events of the archive inspector. */
export const archiveEvents = {
  /** Progress of a verify job, throttled to about ten a second. */
  'archive.progress': event<{ jobId: string; done: number; total: number; entry: string | null }>(),
} as const;
