import { z } from 'zod';
import { event, method } from '../contract';
import type { ErrorKind } from '../errors';
import type { DownloadMode } from './downloads';

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
  result: 'success' | 'failed' | 'cancelled';
  errorKind: ErrorKind | null;
  path: string | null;
  /** The id to show or inspect the saved file; null when nothing was saved. */
  fileId: string | null;
  bytes: number | null;
  /** The tracked exports asked for; null when the job took every tracked export. */
  exportIds: string[] | null;
  sourceFileUrls: string[];
}

/** A page of history. */
export interface HistoryPage {
  items: HistoryItem[];
  total: number;
}

/** Methods about download history. */
export const historyMethods = {
  /** Newest first. */
  'history.list': method<HistoryPage>()(
    z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }),
  ),
  'history.remove': method<{ removed: boolean }>()(z.object({ id: z.string().min(1).max(40) })),
  'history.clear': method<{ removed: number }>()(z.undefined()),
} as const;

/** Events about download history. */
export const historyEvents = {
  /** An entry was recorded or removed. */
  'history.changed': event<null>(),
} as const;
