import type { DeliveryProof, TrackedExport } from '../../../shared/api/tracked';

/** A tracked export's row, with its delivery record beside it when it has one (LEFT JOIN: NULLs otherwise). */
export interface TrackedRow {
  id: number;
  source_file_url: string;
  label: string;
  added_at: string;
  delivered_at: string | null;
  delivered_job_id: string | null;
  delivered_file: string | null;
  delivered_how: string | null;
  skipped_at: string | null;
  skipped_job_id: string | null;
  skipped_reason: string | null;
}

/** The columns of a `TrackedRow`, read from `trackedFrom()` or `withRecords()`. */
export const TRACKED_COLUMNS = `t.id, t.source_file_url, t.label, t.added_at,
  d.delivered_at, d.delivered_job_id, d.delivered_file, d.delivered_how, d.skipped_at, d.skipped_job_id, d.skipped_reason`;

/** The columns of tracked_exports itself (as `t`): what an inner query of `withRecords` picks. */
export const PICKED_COLUMNS = 't.id, t.profile_id, t.source_file_url, t.label, t.added_at';

const JOIN_DELIVERIES = 'LEFT JOIN deliveries AS d ON d.profile_id = t.profile_id AND d.source_file_url = t.source_file_url';

/**
 * The tracked exports as `t`, each with its delivery record as `d`. `notIndexed`: walk the table
 * in rowid order instead of an index (see TrackedRepo.list's dense matches).
 */
export function trackedFrom(notIndexed = false): string {
  return `tracked_exports AS t ${notIndexed ? 'NOT INDEXED ' : ''}${JOIN_DELIVERIES}`;
}

/**
 * The rows an inner query picks (`PICKED_COLUMNS`, with its own ORDER BY and LIMIT), each with
 * its delivery record, in `order`. Joined after the page is cut, so a page of 50 looks up 50
 * records, not one per row the inner query sorted (SQLite does not flatten a LIMIT under a join).
 */
export function withRecords(inner: string, order: string): string {
  return `SELECT ${TRACKED_COLUMNS} FROM (${inner}) AS t ${JOIN_DELIVERIES} ORDER BY ${order}`;
}

/** Holds for an export of `trackedFrom()` with no delivery since it was added (a fresh add forgets older ones). */
export const UNDELIVERED = 'd.delivered_at IS NULL';

const PROOFS: readonly DeliveryProof[] = ['zip', 'urls'];

/** A row as the contract names it; the delivery and the skip only when there is one. */
export function toExport(row: TrackedRow): TrackedExport {
  const item: TrackedExport = { id: String(row.id), sourceFileUrl: row.source_file_url, label: row.label, addedAt: row.added_at };
  const how = PROOFS.find((proof) => proof === row.delivered_how);
  if (row.delivered_at !== null && row.delivered_file !== null && how) {
    item.delivery = { at: row.delivered_at, jobId: row.delivered_job_id, file: row.delivered_file, how };
  }
  if (row.skipped_at !== null) item.skipped = { at: row.skipped_at, jobId: row.skipped_job_id, reason: row.skipped_reason };
  return item;
}
