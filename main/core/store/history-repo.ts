import type { SqliteDatabase } from './sqlite';
import type { HistoryItem } from '../../../shared/api/history';

/** One finished job as the history table takes it: a history item before the store gives it an id. */
export type HistoryEntry = Omit<HistoryItem, 'id' | 'fileId'>;

interface HistoryRow {
  id: number;
  job_id: string;
  started_at: string;
  profile_id: string;
  profile_name: string;
  item_count: number;
  mode: string;
  result: string;
  error_kind: string | null;
  path: string | null;
  bytes: number | null;
  export_ids: string | null;
  source_file_urls: string;
}

/** A history item as stored: without the file id, which main hands out when it lists. */
export type StoredHistoryItem = Omit<HistoryItem, 'fileId'>;

function toItem(row: HistoryRow): StoredHistoryItem {
  return {
    id: String(row.id),
    jobId: row.job_id,
    when: row.started_at,
    profileId: row.profile_id,
    profileName: row.profile_name,
    itemCount: row.item_count,
    mode: row.mode as HistoryItem['mode'],
    result: row.result as HistoryItem['result'],
    errorKind: row.error_kind as HistoryItem['errorKind'],
    path: row.path,
    bytes: row.bytes,
    exportIds: row.export_ids === null ? null : (JSON.parse(row.export_ids) as string[]),
    sourceFileUrls: JSON.parse(row.source_file_urls) as string[],
  };
}

/** Past download jobs, newest first, with what is needed to run each again. */
export class HistoryRepo {
  constructor(private readonly db: SqliteDatabase) {}

  /** Records a finished job; returns its history id. */
  record(entry: HistoryEntry): string {
    return this.db.transaction(() => this.insert(entry)).immediate();
  }

  /**
   * A file saved over an earlier one (the person chose to replace it) holds other content now:
   * the earlier entries forget that path, so none of them shows or inspects what it did not save.
   */
  private insert(entry: HistoryEntry): string {
    if (entry.path !== null) this.db.prepare('UPDATE history SET path = NULL, bytes = NULL WHERE path = ?').run(entry.path);
    const result = this.db
      .prepare(
        `INSERT INTO history (job_id, started_at, profile_id, profile_name, item_count, mode, result, error_kind, path, bytes, export_ids, source_file_urls)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.jobId,
        entry.when,
        entry.profileId,
        entry.profileName,
        entry.itemCount,
        entry.mode,
        entry.result,
        entry.errorKind,
        entry.path,
        entry.bytes,
        entry.exportIds === null ? null : JSON.stringify(entry.exportIds),
        JSON.stringify(entry.sourceFileUrls),
      );
    return String(result.lastInsertRowid);
  }

  /** A page of history, newest first. */
  list(offset = 0, limit = 100): { items: StoredHistoryItem[]; total: number } {
    const items = this.db
      .prepare<[number, number], HistoryRow>('SELECT * FROM history ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?')
      .all(limit, offset)
      .map(toItem);
    const total = this.db.prepare('SELECT COUNT(*) FROM history').pluck().get() as number;
    return { items, total };
  }

  /** One entry by id, or null. */
  get(id: string): StoredHistoryItem | null {
    const row = this.db.prepare<[string], HistoryRow>('SELECT * FROM history WHERE id = ?').get(id);
    return row ? toItem(row) : null;
  }

  /** Removes one entry; false when it was not there. */
  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM history WHERE id = ?').run(id).changes === 1;
  }

  /** Removes every entry; returns how many. */
  clear(): number {
    return this.db.prepare('DELETE FROM history').run().changes;
  }
}
