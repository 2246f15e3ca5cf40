import { z } from 'zod';
import { event, method } from '../contract';
import { refId } from './file-ref';
import type { FileRef } from './file-ref';

/**
 * How a delivery is known. `zip`: the export was in a zip that was verified and whose entries
 * numbered exactly the exports requested (for a split download, its part's entries and its
 * part's request). `urls`: a URL-mode answer listed it among its `exportedUrls`.
 */
export type DeliveryProof = 'zip' | 'urls';

/** The last delivery of a tracked export since it was added. */
export interface Delivery {
  /** ISO date-time the job that delivered it ended. */
  at: string;
  /** That job's id; null for a run of the command line, which has no job. */
  jobId: string | null;
  /** The zip (or the part of a split zip) that holds it, or the exported URL URL mode gave for it. */
  file: string;
  how: DeliveryProof;
}

/** The last time the backend skipped a tracked export (URL mode's `skipped`). */
export interface SkipNote {
  /** ISO date-time the job ended. */
  at: string;
  /** That job's id; null for a run of the command line. */
  jobId: string | null;
  /** The backend's reason, when it gave one. */
  reason: string | null;
}

/** One tracked export of a profile. */
export interface TrackedExport {
  id: string;
  sourceFileUrl: string;
  /** The last path segment, decoded; the host when the path is empty. */
  label: string;
  /** ISO date-time. */
  addedAt: string;
  /** Its last delivery since it was added; absent when there is none (or the call does not say: the rows a removal took). */
  delivery?: Delivery;
  /** The last time the backend skipped it since it was added, when it did; what the window shows when newer than `delivery`. */
  skipped?: SkipNote;
}

/** What happened to one input line (or JSON element, or CSV row). */
export interface AddLineReport {
  /** 1-based line (text), row (CSV, header is row 1) or element (JSON). */
  line: number;
  value: string;
  status: 'added' | 'duplicate' | 'invalid';
  reason?: string;
}

/** What an add or import did, line by line and in total. */
export interface AddReport {
  lines: AddLineReport[];
  added: number;
  duplicates: number;
  invalid: number;
}

/** A page of tracked exports. */
export interface TrackedPage {
  items: TrackedExport[];
  /** How many match the filter. */
  total: number;
  /**
   * Asked for with `countNew`: how many of the profile's exports (filter or not) have no delivery
   * since they were added, what "Download new" takes. Left out otherwise: a keystroke's page need not count them.
   */
  newCount?: number;
}

/** File formats a tracked list is exported to and imported from. */
export type TrackedFileFormat = 'txt' | 'csv' | 'json';

const profileId = z.string().min(1).max(100);
/** Only the exports with no delivery since they were added ("Not delivered yet", "Download new", `download --new`). */
const undelivered = z.boolean().optional();

/** Methods about tracked exports. */
export const trackedMethods = {
  /** Adds pasted text: one URL a line, or a JSON array of strings or of `{ sourceFileUrl }`. */
  'tracked.add': method<AddReport>()(z.object({ profileId, text: z.string().max(64 * 1024 * 1024) })),
  /** Imports a .txt, .csv (a `sourceFileUrl` column) or .json file main handed out, e.g. one dropped on the window. */
  'tracked.import': method<AddReport>()(z.object({ profileId, fileId: refId })),
  /** Asks for a file with the open dialog and imports it; null when cancelled. */
  'tracked.chooseImportFile': method<AddReport | null>()(z.object({ profileId })),
  'tracked.list': method<TrackedPage>()(
    z.object({
      profileId,
      filter: z.string().max(2048).optional(),
      undelivered,
      countNew: z.boolean().optional(),
      sort: z.enum(['added', 'label', 'url']).default('added'),
      descending: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(10_000).default(100),
    }),
  ),
  /**
   * The ids of the exports `filter` matches (an empty filter: all), oldest first; with
   * `undelivered`, only those not delivered since they were added; given `among`, only those of
   * these ids. What "Select all N matching" selects, and how the window learns which selected
   * exports a new filter hides.
   */
  'tracked.matching': method<{ ids: string[] }>()(
    z.object({ profileId, filter: z.string().max(2048), undelivered, among: z.array(z.string().min(1).max(40)).max(1_000_000).optional() }),
  ),
  /** Stops tracking exports by id; answers with the rows removed, as they were, for Undo (`tracked.restore`). */
  'tracked.remove': method<{ removed: number; items: TrackedExport[] }>()(
    z.object({ profileId, ids: z.array(z.string().min(1).max(40)).max(1_000_000) }),
  ),
  /**
   * Tracks removed exports again exactly as they were (id, label, date added): what Undo after a
   * removal sends back. An export tracked again meanwhile, or an invalid URL, is skipped.
   */
  'tracked.restore': method<{ restored: number }>()(
    z.object({
      profileId,
      items: z
        .array(
          z.object({
            id: z.string().min(1).max(40),
            sourceFileUrl: z.string().min(1).max(2048),
            label: z.string().max(2000),
            addedAt: z.string().min(1).max(40),
          }),
        )
        .max(1_000_000),
    }),
  ),
  /** Renames one tracked export; an empty label goes back to the one taken from its URL. */
  'tracked.setLabel': method<TrackedExport>()(z.object({ profileId, id: z.string().min(1).max(40), label: z.string().max(2000) })),
  /** Saves the whole list to a file the user picks; null when cancelled. */
  'tracked.export': method<{ file: FileRef | null }>()(z.object({ profileId, format: z.enum(['txt', 'csv', 'json']) })),
} as const;

/** Events about tracked exports. */
export const trackedEvents = {
  /** A profile's tracked list changed (added, imported, removed). */
  'tracked.changed': event<{ profileId: string }>(),
  /** A finished download recorded deliveries (or skips) of some of a profile's tracked exports. */
  'tracked.delivered': event<{ profileId: string }>(),
} as const;
