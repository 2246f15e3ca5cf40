import type { SqliteDatabase } from './sqlite';
import type { HistoryItem, HistoryProfile, HistoryResult, HistoryUrls } from '../../../shared/api/history';
import type { DownloadMode } from '../../../shared/api/downloads';

/**
 * A job's row while it runs: `result` is this, and `running_owner` the process running it. Such
 * rows are journal, not history: no listing shows them (`LISTED`), and `record` replaces the row
 * when the job ends; a row whose owner died becomes 'interrupted' (`interruptOrphans`).
 */
const RUNNING = 'running';

/** Every query of what history shows leaves the journal of running jobs out. */
const LISTED = `result <> '${RUNNING}'`;

/** One finished job as the history table takes it: a history item before the store gives it an id. */
export interface HistoryEntry {
  jobId: string;
  when: string;
  profileId: string;
  profileName: string;
  itemCount: number;
  mode: DownloadMode;
  result: HistoryResult;
  errorKind: HistoryItem['errorKind'];
  path: string | null;
  bytes: number | null;
  exportIds: string[] | null;
  sourceFileUrls: string[];
  /** URL mode: the lists the job produced, kept with the row (bounded) so it can show them again. */
  urlLists?: HistoryUrls | null;
}

/** The saved file as the job left it, to tell later whether it is still that file. */
export interface SavedFileStamp {
  size: number;
  mtimeMs: number;
}

/**
 * A URL-mode job's lists are kept with its row up to this much JSON; a larger answer is only
 * counted (a row of megabytes would slow every page of history), and the row says so.
 */
export const MAX_KEPT_URL_LISTS_CHARS = 2 * 1024 * 1024;

/** Which rows to list: every field given must hold. */
export interface HistoryQuery {
  offset?: number;
  limit?: number;
  /** Case-insensitive (ASCII, as SQLite's LIKE) text in the profile's name or the file's path. */
  search?: string;
  profileId?: string;
  mode?: DownloadMode;
  result?: HistoryResult;
}

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
  file_size: number | null;
  file_mtime_ms: number | null;
  exported_url_count: number | null;
  url_lists: string | null;
}

/** A history item as stored: without what main works out when it lists (the file's state and id). */
export type StoredHistoryItem = Omit<HistoryItem, 'fileId' | 'fileState'> & {
  /** The saved file as the job left it; null when the row predates the stamp or saved nothing. */
  savedFile: SavedFileStamp | null;
};

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
    savedFile: row.file_size === null || row.file_mtime_ms === null ? null : { size: row.file_size, mtimeMs: row.file_mtime_ms },
    exportedUrlCount: row.exported_url_count,
    urlsKept: row.url_lists !== null,
  };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards escaped. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The lists as JSON when they are small enough to keep, else null. */
function keptUrlLists(lists: HistoryUrls | null | undefined): string | null {
  if (!lists) return null;
  const json = JSON.stringify({ exportedUrls: lists.exportedUrls, skipped: lists.skipped });
  return json.length <= MAX_KEPT_URL_LISTS_CHARS ? json : null;
}

/** The WHERE clause and its parameters for a query's search and filters. */
function whereOf(query: HistoryQuery): { where: string; params: Record<string, string> } {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  const search = query.search?.trim();
  if (search) {
    clauses.push(`(profile_name LIKE @pattern ESCAPE '\\' OR path LIKE @pattern ESCAPE '\\')`);
    params.pattern = containsPattern(search);
  }
  for (const [column, value] of [['profile_id', query.profileId], ['mode', query.mode], ['result', query.result]] as const) {
    if (value === undefined) continue;
    clauses.push(`${column} = @${column}`);
    params[column] = value;
  }
  clauses.push(LISTED);
  return { where: `WHERE ${clauses.join(' AND ')}`, params };
}

/**
 * Every column but the URL lists, which can be large: a page says only whether they are kept
 * (an empty JSON text stands for "kept"), and `urls` reads them one row at a time.
 */
const LISTED_COLUMNS = `SELECT id, job_id, started_at, profile_id, profile_name, item_count, mode, result, error_kind, path, bytes, export_ids,
  source_file_urls, file_size, file_mtime_ms, exported_url_count, CASE WHEN url_lists IS NULL THEN NULL ELSE '' END AS url_lists FROM history`;

/** Past download jobs, newest first, with what is needed to run each again. */
export class HistoryRepo {
  constructor(private readonly db: SqliteDatabase) {}

  /**
   * Records a finished job (with its saved file's stamp, when it saved one); returns its history
   * id. The job's journal row, if `begin` wrote one, is replaced by it.
   */
  record(entry: HistoryEntry, savedFile: SavedFileStamp | null = null): string {
    return this.db.transaction(() => {
      this.dropJournal(entry.jobId);
      return this.insert(entry, savedFile);
    }).immediate();
  }

  /**
   * Journals a job as it starts, owned by `owner` (the process running it, see process-owner.ts),
   * so that if that process dies before `record`, the next start lists it as interrupted. The
   * entry's result is ignored: the row says 'running'.
   */
  begin(entry: HistoryEntry, owner: string): void {
    this.db.transaction(() => {
      this.dropJournal(entry.jobId);
      const id = this.insert({ ...entry, result: RUNNING as HistoryResult, path: null, bytes: null }, null);
      this.db.prepare('UPDATE history SET running_owner = ? WHERE id = ?').run(owner, id);
    }).immediate();
  }

  /** Removes a job's journal row, if there is one: its finished row (or a new journal row) takes its place. */
  private dropJournal(jobId: string): void {
    this.db.prepare(`DELETE FROM history WHERE job_id = ? AND result = '${RUNNING}'`).run(jobId);
  }

  /** A running job saved part 1 at `path`: its journal row keeps it, where an interrupted job resumes. */
  noteSaved(jobId: string, path: string, bytes: number): void {
    this.db.prepare(`UPDATE history SET path = ?, bytes = ? WHERE job_id = ? AND result = '${RUNNING}'`).run(path, bytes, jobId);
  }

  /**
   * The journal rows whose owner has gone (`gone` says, by owner) become 'interrupted' history
   * rows: the app or the machine stopped while they ran. Returns their paths' folders and how
   * many there were, so the caller can clean what they left half-written.
   */
  interruptOrphans(gone: (owner: string) => boolean): { count: number; paths: string[] } {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare<[], { id: number; running_owner: string | null; path: string | null }>(`SELECT id, running_owner, path FROM history WHERE result = '${RUNNING}'`)
        .all();
      const orphans = rows.filter((row) => row.running_owner === null || gone(row.running_owner));
      const interrupt = this.db.prepare(`UPDATE history SET result = 'interrupted', running_owner = NULL WHERE id = ?`);
      for (const row of orphans) interrupt.run(row.id);
      return { count: orphans.length, paths: orphans.flatMap((row) => (row.path === null ? [] : [row.path])) };
    }).immediate();
  }

  /** The newest listed row of a job, by the job's id (what Resume of an interrupted job starts from), or null. */
  ofJob(jobId: string): StoredHistoryItem | null {
    const row = this.db.prepare<[string], HistoryRow>(`${LISTED_COLUMNS} WHERE job_id = ? AND ${LISTED} ORDER BY id DESC LIMIT 1`).get(jobId);
    return row ? toItem(row) : null;
  }

  /**
   * A file saved over an earlier one (the person chose to replace it) holds other content now:
   * the earlier entries forget that path, so none of them shows or inspects what it did not save.
   */
  private insert(entry: HistoryEntry, savedFile: SavedFileStamp | null): string {
    if (entry.path !== null) this.db.prepare('UPDATE history SET path = NULL, bytes = NULL, file_size = NULL, file_mtime_ms = NULL WHERE path = ?').run(entry.path);
    const result = this.db
      .prepare(
        `INSERT INTO history (job_id, started_at, profile_id, profile_name, item_count, mode, result, error_kind, path, bytes, export_ids, source_file_urls,
                              file_size, file_mtime_ms, exported_url_count, url_lists)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        savedFile?.size ?? null,
        savedFile?.mtimeMs ?? null,
        entry.urlLists ? entry.urlLists.exportedUrls.length : null,
        keptUrlLists(entry.urlLists),
      );
    return String(result.lastInsertRowid);
  }

  /** A page of the rows the query matches, newest first, with how many match. */
  list(query: HistoryQuery = {}): { items: StoredHistoryItem[]; total: number } {
    const { where, params } = whereOf(query);
    const items = this.db
      .prepare<[Record<string, string | number>], HistoryRow>(`${LISTED_COLUMNS} ${where} ORDER BY started_at DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: query.limit ?? 100, offset: query.offset ?? 0 })
      .map(toItem);
    const total = this.db.prepare<[Record<string, string>]>(`SELECT COUNT(*) FROM history ${where}`).pluck<number>().get(params) ?? 0;
    return { items, total };
  }

  /** How many rows there are in all. */
  count(): number {
    return this.db.prepare(`SELECT COUNT(*) FROM history WHERE ${LISTED}`).pluck().get() as number;
  }

  /** Each profile with rows, under the name of its newest row, by name. */
  profiles(): HistoryProfile[] {
    return this.db
      .prepare<[], HistoryProfile>(
        `SELECT profile_id AS profileId, profile_name AS profileName FROM history AS h
         WHERE id = (SELECT MAX(id) FROM history WHERE profile_id = h.profile_id AND ${LISTED})
         ORDER BY profile_name COLLATE NOCASE, profile_id`,
      )
      .all();
  }

  /** One entry by id, or null. */
  get(id: string): StoredHistoryItem | null {
    const row = this.db.prepare<[string], HistoryRow>(`${LISTED_COLUMNS} WHERE id = ? AND ${LISTED}`).get(id);
    return row ? toItem(row) : null;
  }

  /** The URL lists kept with a row; null when the row is not there or kept none. */
  urls(id: string): HistoryUrls | null {
    const json = this.db.prepare<[string]>('SELECT url_lists FROM history WHERE id = ?').pluck<string | null>().get(id);
    return typeof json === 'string' ? (JSON.parse(json) as HistoryUrls) : null;
  }

  /** The URL lists kept with the newest row of a job, by the job's id; null when none are kept. */
  urlsOfJob(jobId: string): (HistoryUrls & { profileId: string; profileName: string }) | null {
    const row = this.db
      .prepare<[string], { url_lists: string; profile_id: string; profile_name: string }>(
        'SELECT url_lists, profile_id, profile_name FROM history WHERE job_id = ? AND url_lists IS NOT NULL ORDER BY id DESC LIMIT 1',
      )
      .get(jobId);
    return row ? { ...(JSON.parse(row.url_lists) as HistoryUrls), profileId: row.profile_id, profileName: row.profile_name } : null;
  }

  /** Removes one entry; false when it was not there. */
  remove(id: string): boolean {
    return this.db.prepare(`DELETE FROM history WHERE id = ? AND ${LISTED}`).run(id).changes === 1;
  }

  /** Removes every entry; returns how many. */
  clear(): number {
    // A running job's journal row stays: the job is not history yet.
    return this.db.prepare(`DELETE FROM history WHERE ${LISTED}`).run().changes;
  }
}
