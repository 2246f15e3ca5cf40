import { z } from 'zod';
import { event, method } from '../contract';

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

/** The outcome of reading every entry and checking its CRC. */
export interface VerifyReport {
  /** True when every entry read back whole with a matching CRC. */
  ok: boolean;
  /** Entries read (directories included). */
  checked: number;
  failed: Array<{ name: string; reason: string }>;
}

/** Methods of the archive inspector. */
export const archiveMethods = {
  'archive.list': method<ArchiveListing>()(z.object({ path: z.string().min(1) })),
  /** Asks for a zip with the open dialog; null when cancelled. */
  'archive.chooseFile': method<string | null>()(z.undefined()),
  /** Asks for a destination folder; null when cancelled. */
  'archive.chooseFolder': method<string | null>()(z.undefined()),
  'archive.extract': method<ExtractReport>()(
    z.object({ path: z.string().min(1), destination: z.string().min(1), entries: z.array(z.string()).optional() }),
  ),
  /** Extracts one entry safely into a fresh temp folder and opens it with the default app. */
  'archive.openEntry': method<null>()(z.object({ path: z.string().min(1), name: z.string().min(1) })),
  /** Reads every entry and checks CRCs; progress via `archive.progress`; cancel with `archive.cancel`. */
  'archive.verify': method<VerifyReport>()(z.object({ path: z.string().min(1), jobId: z.string().min(1) })),
  'archive.cancel': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1) })),
} as const;

/** Events of the archive inspector. */
export const archiveEvents = {
  /** Progress of a verify job, throttled to about ten a second. */
  'archive.progress': event<{ jobId: string; done: number; total: number; entry: string | null }>(),
} as const;
