import { z } from 'zod';
import { event, method } from '../contract';
import type { ErrorKind } from '../errors';
import type { DownloadMode, SkippedExport } from './downloads';

/** How a job ended, as history words it. */
export type HistoryResult = 'success' | 'failed' | 'cancelled' | 'interrupted';

/**
 * Whether the file a job saved is still the one it wrote: `saved` (same size and modification
 * time as when the job ended), `changed` (something rewrote it since), `missing` (moved or
 * deleted). Null: the job saved no file, or a later download replaced it (history forgot it).
 */
export type HistoryFileState = 'saved' | 'changed' | 'missing';

/** One past download job, with what is needed to run it again. */
export interface HistoryItem {
  id: string;
  jobId: string;
  /** ISO date-time the job started. */
  when: string;
  profileId: string;
  profileName: string;
  itemCount: number;
  mode: DownloadMode;
  result: HistoryResult;
  errorKind: ErrorKind | null;
  /** Part 1 of the zip the job saved; null when it saved none, or a later download replaced that file. */
  path: string | null;
  /** What became of that file since; null when `path` is. */
  fileState: HistoryFileState | null;
  /** The id to show or inspect the saved file: only while it is still the one the job wrote (`saved`). */
  fileId: string | null;
  bytes: number | null;
  /** The tracked exports asked for; null when the job took every tracked export. */
  exportIds: string[] | null;
  sourceFileUrls: string[];
  /** URL mode: how many URLs the backend exported; null for a zip, or a job recorded before history kept them. */
  exportedUrlCount: number | null;
  /** Whether history kept those URLs (`history.urls`); a list too large to keep is only counted. */
  urlsKept: boolean;
}

/** The URL lists a finished URL-mode job produced, as history keeps them. */
export interface HistoryUrls {
  exportedUrls: string[];
  skipped: SkippedExport[];
}

/** A profile that has rows in history, under the name of its newest row (it may be renamed or deleted since). */
export interface HistoryProfile {
  profileId: string;
  profileName: string;
}

/** A page of history. */
export interface HistoryPage {
  items: HistoryItem[];
  /** How many rows match the search and filters. */
  total: number;
  /** How many rows history holds in all: 0 is "no downloads yet", not "no match". */
  recorded: number;
  /** Every profile with rows, for the profile filter; by name. */
  profiles: HistoryProfile[];
}

const resultSchema = z.enum(['success', 'failed', 'cancelled', 'interrupted']);
const modeSchema = z.enum(['zip', 'urls']);

/** Which rows `history.list` returns: every field is optional, and all given must hold. */
export const historyQuerySchema = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
  /** Case-insensitive text in the profile's name or the saved file's path. */
  search: z.string().max(500).optional(),
  profileId: z.string().min(1).max(100).optional(),
  mode: modeSchema.optional(),
  result: resultSchema.optional(),
});

/** Methods about download history. */
export const historyMethods = {
  /** Newest first, searched and filtered in main. */
  'history.list': method<HistoryPage>()(historyQuerySchema),
  /** The URLs a URL-mode row's job exported; null when history did not keep them. */
  'history.urls': method<HistoryUrls | null>()(z.object({ id: z.string().min(1).max(40) })),
  'history.remove': method<{ removed: boolean }>()(z.object({ id: z.string().min(1).max(40) })),
  'history.clear': method<{ removed: number }>()(z.undefined()),
} as const;

/** Events about download history. */
export const historyEvents = {
  /** An entry was recorded or removed. */
  'history.changed': event<null>(),
} as const;
