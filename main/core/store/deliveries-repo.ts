import type { SqliteDatabase } from './sqlite';
import type { DeliveryProof } from '../../../shared/api/tracked';

/**
 * What one finished download delivered and skipped, by URL. Which exports count as delivered is
 * the downloads room's rule (main/core/downloads/delivery-records.ts); the store only keeps it.
 */
export interface DeliveryBatch {
  /** The job; null for a run of the command line (it has no job). */
  jobId: string | null;
  /** When the job ended (ISO date-time). */
  at: string;
  delivered: Array<{ sourceFileUrl: string; file: string; how: DeliveryProof }>;
  skipped: Array<{ sourceFileUrl: string; reason: string | null }>;
}

/** Rows a statement takes at once (as a JSON array). */
const CHUNK = 5_000;

/**
 * Upserts rows `[url, a, b]` of the profile's tracked URLs only: a URL the profile does not track
 * has nobody to remember it. CROSS JOIN keeps the JSON rows outside, each looked up by the
 * (profile, URL) index: the other way round parses the JSON once per tracked row (30 s for 6,000).
 * The WHERE also keeps SQLite from reading ON CONFLICT as a join's ON.
 */
const UPSERT = (columns: string, values: string, updates: string) => `
  INSERT INTO deliveries (profile_id, source_file_url, ${columns})
  SELECT t.profile_id, t.source_file_url, ${values}
  FROM json_each(@rows) AS j CROSS JOIN tracked_exports AS t
  WHERE t.profile_id = @profileId AND t.source_file_url = j.value ->> 0
  ON CONFLICT (profile_id, source_file_url) DO UPDATE SET ${updates}`;

const DELIVERED = UPSERT(
  'delivered_at, delivered_job_id, delivered_file, delivered_how',
  '@at, @jobId, j.value ->> 1, j.value ->> 2',
  'delivered_at = excluded.delivered_at, delivered_job_id = excluded.delivered_job_id, delivered_file = excluded.delivered_file, delivered_how = excluded.delivered_how',
);

const SKIPPED = UPSERT(
  'skipped_at, skipped_job_id, skipped_reason',
  '@at, @jobId, j.value ->> 1',
  'skipped_at = excluded.skipped_at, skipped_job_id = excluded.skipped_job_id, skipped_reason = excluded.skipped_reason',
);

/**
 * Each tracked export's last delivery and last skip: the `deliveries` table (its migration says
 * why it is keyed by profile and URL). The tracked list reads them with its rows (tracked-rows.ts).
 */
export class DeliveriesRepo {
  constructor(private readonly db: SqliteDatabase) {}

  /**
   * Records what a job delivered and skipped, for the URLs the profile still tracks, in one
   * transaction (a busy database leaves all of it undone); returns how many records changed.
   */
  record(profileId: string, batch: DeliveryBatch): number {
    if (batch.delivered.length === 0 && batch.skipped.length === 0) return 0;
    return this.db
      .transaction(() => {
        let changed = 0;
        const delivered = this.db.prepare<[{ profileId: string; at: string; jobId: string | null; rows: string }]>(DELIVERED);
        for (let start = 0; start < batch.delivered.length; start += CHUNK) {
          const rows = batch.delivered.slice(start, start + CHUNK).map((item) => [item.sourceFileUrl, item.file, item.how]);
          changed += delivered.run({ profileId, at: batch.at, jobId: batch.jobId, rows: JSON.stringify(rows) }).changes;
        }
        const skipped = this.db.prepare<[{ profileId: string; at: string; jobId: string | null; rows: string }]>(SKIPPED);
        for (let start = 0; start < batch.skipped.length; start += CHUNK) {
          const rows = batch.skipped.slice(start, start + CHUNK).map((item) => [item.sourceFileUrl, item.reason]);
          changed += skipped.run({ profileId, at: batch.at, jobId: batch.jobId, rows: JSON.stringify(rows) }).changes;
        }
        return changed;
      })
      .immediate();
  }

  /**
   * Forgets the records of these URLs: they are tracked afresh (added, not restored by Undo), so
   * they are new exports with nothing delivered yet. Runs inside the caller's transaction.
   */
  forget(profileId: string, urls: readonly string[]): void {
    const remove = this.db.prepare<[string, string]>('DELETE FROM deliveries WHERE profile_id = ? AND source_file_url IN (SELECT value FROM json_each(?))');
    for (let start = 0; start < urls.length; start += CHUNK) remove.run(profileId, JSON.stringify(urls.slice(start, start + CHUNK)));
  }
}
