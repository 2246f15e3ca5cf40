import type { SqliteDatabase } from './sqlite';
import type { AddReport, TrackedExport, TrackedPage } from '../../../shared/api/tracked';
import { fail } from '../app-error';
import type { SourceLine } from '../files/parse-source-urls';
import { cleanLabel } from '../files/parse-source-urls';
import { labelFor, sourceUrlProblem } from '../files/source-urls';
import type { DeliveriesRepo } from './deliveries-repo';
import { PICKED_COLUMNS, TRACKED_COLUMNS, UNDELIVERED, toExport, trackedFrom, withRecords } from './tracked-rows';
import type { TrackedRow } from './tracked-rows';
import { TrackedSearch } from './tracked-search';

/** How a page of tracked exports is chosen. */
export interface TrackedQuery {
  /** Case-insensitive substring of the URL or the label. */
  filter?: string;
  /** Only exports with no delivery since they were added. */
  undelivered?: boolean;
  sort?: 'added' | 'label' | 'url';
  descending?: boolean;
  offset?: number;
  limit?: number;
}

const ORDER: Record<NonNullable<TrackedQuery['sort']>, (dir: string) => string> = {
  added: (dir) => `t.id ${dir}`,
  // Matches the (profile_id, label NOCASE, id) index, so an unfiltered page needs no sort.
  label: (dir) => `t.label COLLATE NOCASE ${dir}, t.id ${dir}`,
  url: (dir) => `t.source_file_url ${dir}`,
};

/** Up to this many matches, a filtered page is sorted from the matches' ids; above, it walks the sort's index. */
const DENSE_MATCHES = 5_000;

/** Rows a statement takes at once when adding or looking up many URLs (as a JSON array). */
const CHUNK = 5_000;

/** A row of tracked_exports alone, without the delivery columns. */
type PlainRow = Pick<TrackedRow, 'id' | 'source_file_url' | 'label' | 'added_at'>;

/** A row without its delivery columns (the list written to a file, the rows a removal took): its export without a delivery. */
function plainExport(row: PlainRow): TrackedExport {
  return { id: String(row.id), sourceFileUrl: row.source_file_url, label: row.label, addedAt: row.added_at };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards escaped. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Ids as numbers (ids that are not numbers match nothing), as a JSON array for `json_each`. */
function idsJson(ids: readonly string[]): string {
  return JSON.stringify(ids.map(Number).filter(Number.isSafeInteger));
}

/** The `sourceFileUrl` values each profile tracks: add (de-duplicated), list, remove. */
export class TrackedRepo {
  private readonly search: TrackedSearch;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly deliveries: DeliveriesRepo,
  ) {
    this.search = new TrackedSearch(db);
  }

  private requireProfile(profileId: string): void {
    const found = this.db.prepare('SELECT 1 FROM profiles WHERE id = ?').get(profileId);
    if (!found) fail('state', 'That profile no longer exists; pick another one.');
  }

  /**
   * Adds parsed lines to a profile in one transaction: valid new URLs are added, URLs the
   * profile already tracks (or that appeared earlier in the input) are duplicates, lines with a
   * `reason` are invalid. Reports each line.
   */
  add(profileId: string, lines: readonly SourceLine[]): AddReport {
    const addedAt = new Date().toISOString();
    const report = this.db
      .transaction(() => {
        this.requireProfile(profileId);
        // Each valid URL once, first occurrence first; then which of them are tracked already.
        const candidates = new Map<string, number>();
        lines.forEach(({ value, reason }, index) => {
          if (!reason && !candidates.has(value)) candidates.set(value, index);
        });
        const tracked = this.alreadyTracked(profileId, [...candidates.keys()]);
        const fresh = [...candidates.keys()].filter((url) => !tracked.has(url));
        this.insertAll(profileId, fresh, addedAt, (url) => lines[candidates.get(url)!]!.label ?? labelFor(url));
        // Tracked afresh, not restored: a record kept from an earlier time it was tracked is not this export's.
        this.deliveries.forget(profileId, fresh);
        const result: AddReport = { lines: [], added: 0, duplicates: 0, invalid: 0 };
        lines.forEach(({ line, value, reason }, index) => {
          if (reason) {
            result.lines.push({ line, value, status: 'invalid', reason });
            result.invalid++;
          } else if (candidates.get(value) === index && !tracked.has(value)) {
            result.lines.push({ line, value, status: 'added' });
            result.added++;
          } else {
            result.lines.push({ line, value, status: 'duplicate', reason: 'already tracked' });
            result.duplicates++;
          }
        });
        return result;
      })
      // Immediate: take the write lock up front so two processes queue instead of deadlocking.
      .immediate();
    if (report.added) this.search.invalidate();
    return report;
  }

  /** Which of `urls` the profile already tracks (looked up a chunk at a time). */
  private alreadyTracked(profileId: string, urls: readonly string[]): Set<string> {
    const select = this.db
      .prepare<[string, string], string>(
        'SELECT source_file_url FROM tracked_exports WHERE profile_id = ? AND source_file_url IN (SELECT value FROM json_each(?))',
      )
      .pluck<string>();
    const found = new Set<string>();
    for (let start = 0; start < urls.length; start += CHUNK) {
      for (const url of select.all(profileId, JSON.stringify(urls.slice(start, start + CHUNK)))) found.add(url);
    }
    return found;
  }

  /** Inserts new URLs a chunk per statement: one call into SQLite per chunk, not per row. */
  private insertAll(profileId: string, urls: readonly string[], addedAt: string, labelOf: (url: string) => string): void {
    const insert = this.db.prepare<[string, string, string]>(
      `INSERT INTO tracked_exports (profile_id, source_file_url, label, added_at)
       SELECT ?, value ->> 0, value ->> 1, ? FROM json_each(?)`,
    );
    for (let start = 0; start < urls.length; start += CHUNK) {
      const rows = urls.slice(start, start + CHUNK).map((url) => [url, labelOf(url)]);
      insert.run(profileId, addedAt, JSON.stringify(rows));
    }
  }

  /**
   * A page of a profile's tracked exports, filtered and sorted, with the filtered total; each
   * with its delivery record. A substring filter cannot use an index: the matches come from
   * `TrackedSearch`'s copy in memory. Few matches (the usual search): the page is sorted from
   * their ids. Many matches: the page walks the sort's index (rowid order for `added`), stopping
   * once the page is full. `undelivered` narrows any of these to exports not delivered yet.
   */
  list(profileId: string, query: TrackedQuery = {}): TrackedPage {
    const dir = query.descending ? 'DESC' : 'ASC';
    const order = ORDER[query.sort ?? 'added'](dir);
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const filter = query.filter?.trim();
    const undelivered = query.undelivered === true;
    // The rows of a page, picked from the table (joined with the records only to leave out the delivered ones).
    const pick = (where: string, notIndexed = false) => {
      const from = undelivered ? trackedFrom(notIndexed) : `tracked_exports AS t${notIndexed ? ' NOT INDEXED' : ''}`;
      return withRecords(`SELECT ${PICKED_COLUMNS} FROM ${from} WHERE ${where}${undelivered ? ` AND ${UNDELIVERED}` : ''} ORDER BY ${order} LIMIT @limit OFFSET @offset`, order);
    };
    if (!filter) {
      const rows = this.db.prepare<[{ profileId: string; limit: number; offset: number }], TrackedRow>(pick('t.profile_id = @profileId')).all({ profileId, limit, offset });
      return { items: rows.map(toExport), total: undelivered ? this.countUndelivered(profileId) : this.count(profileId) };
    }
    const ids = this.search.matches(profileId, filter);
    if (ids.length <= DENSE_MATCHES) {
      const rows = this.db
        .prepare<[{ ids: string; limit: number; offset: number }], TrackedRow>(pick('t.id IN (SELECT value FROM json_each(@ids))'))
        .all({ ids: JSON.stringify(ids), limit, offset });
      return { items: rows.map(toExport), total: undelivered ? this.countUndeliveredAmong(ids) : ids.length };
    }
    // Dense matches: walking in sort order fills the page after a short stretch of the table.
    const where = `t.profile_id = @profileId AND (t.source_file_url LIKE @pattern ESCAPE '\\' OR t.label LIKE @pattern ESCAPE '\\')`;
    const scan = query.sort === 'added' || query.sort === undefined;
    const rows = this.db
      .prepare<[{ profileId: string; pattern: string; limit: number; offset: number }], TrackedRow>(pick(where, scan))
      .all({ profileId, pattern: containsPattern(filter), limit, offset });
    if (!undelivered) return { items: rows.map(toExport), total: ids.length };
    const fresh = this.undeliveredIds(profileId);
    return { items: rows.map(toExport), total: ids.filter((id) => fresh.has(id)).length };
  }

  /** One tracked export of a profile (with its delivery record), or null. */
  get(profileId: string, id: string): TrackedExport | null {
    const row = this.db
      .prepare<[string, string], TrackedRow>(`SELECT ${TRACKED_COLUMNS} FROM ${trackedFrom()} WHERE t.profile_id = ? AND t.id = ?`)
      .get(profileId, id);
    return row ? toExport(row) : null;
  }

  /** Every tracked export of a profile, oldest first (for export to a file). */
  all(profileId: string): TrackedExport[] {
    return this.db
      .prepare<[string], PlainRow>('SELECT id, source_file_url, label, added_at FROM tracked_exports WHERE profile_id = ? ORDER BY id')
      .all(profileId)
      .map(plainExport);
  }

  /**
   * Puts removed exports back as they were (same id, label and date, and the delivery record a
   * removal leaves in place); an id or URL that is taken again meanwhile, or a URL that is not
   * valid, is skipped. Returns how many came back.
   */
  restore(profileId: string, items: readonly TrackedExport[]): number {
    const valid = items.filter((item) => sourceUrlProblem(item.sourceFileUrl) === null && Number.isSafeInteger(Number(item.id)));
    const restored = this.db
      .transaction(() => {
        this.requireProfile(profileId);
        const insert = this.db.prepare<[string, string]>(
          `INSERT OR IGNORE INTO tracked_exports (id, profile_id, source_file_url, label, added_at)
           SELECT value ->> 0, ?, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`,
        );
        let count = 0;
        for (let start = 0; start < valid.length; start += CHUNK) {
          const rows = valid.slice(start, start + CHUNK).map((item) => [Number(item.id), item.sourceFileUrl, cleanLabel(item.label) ?? labelFor(item.sourceFileUrl), item.addedAt]);
          count += insert.run(profileId, JSON.stringify(rows)).changes;
        }
        return count;
      })
      .immediate();
    if (restored) this.search.invalidate();
    return restored;
  }

  /** Removes tracked exports of a profile by id; returns how many went. */
  remove(profileId: string, ids: readonly string[]): number {
    return this.take(profileId, ids).length;
  }

  /** Removes tracked exports of a profile by id and returns them as they were (oldest first), so they can be restored. */
  take(profileId: string, ids: readonly string[]): TrackedExport[] {
    const rows = this.db
      .prepare<[string, string], PlainRow>(
        'DELETE FROM tracked_exports WHERE profile_id = ? AND id IN (SELECT value FROM json_each(?)) RETURNING id, source_file_url, label, added_at',
      )
      .all(profileId, idsJson(ids));
    if (rows.length) this.search.invalidate();
    // Their delivery records stay (see the deliveries migration): Undo's restore finds them again.
    return rows.map(plainExport).sort((a, b) => Number(a.id) - Number(b.id));
  }

  /**
   * The ids of the profile's exports that `filter` matches (an empty filter: all of them),
   * oldest first; with `undelivered`, only those not delivered since they were added; given
   * `among`, only those of these ids.
   */
  matching(profileId: string, filter: string, among?: readonly string[], undelivered = false): string[] {
    const text = filter.trim();
    const ids = text
      ? this.search.matches(profileId, text)
      : this.db.prepare<[string], number>('SELECT id FROM tracked_exports WHERE profile_id = ? ORDER BY id').pluck<number>().all(profileId);
    const fresh = undelivered ? this.undeliveredIds(profileId) : null;
    const found = (fresh ? ids.filter((id) => fresh.has(id)) : [...ids]).sort((a, b) => a - b).map(String);
    if (!among) return found;
    const wanted = new Set(among);
    return found.filter((id) => wanted.has(id));
  }

  /** Sets one tracked export's label; a blank label goes back to the one taken from its URL. False when it is not tracked. */
  setLabel(profileId: string, id: string, label: string | undefined): boolean {
    const row = this.db
      .prepare<[string, string], { source_file_url: string }>('SELECT source_file_url FROM tracked_exports WHERE profile_id = ? AND id = ?')
      .get(profileId, id);
    if (!row) return false;
    this.db.prepare('UPDATE tracked_exports SET label = ? WHERE id = ?').run(label ?? labelFor(row.source_file_url), id);
    this.search.invalidate();
    return true;
  }

  /**
   * The id and URL of each export a download names, oldest first: these ids (those still
   * tracked), or every export the filter matches (an empty filter: all), and with `undelivered`
   * only those not delivered since they were added ("Download new", `download --new`).
   */
  selection(profileId: string, scope: { ids: readonly string[] } | { filter: string; undelivered?: boolean }): Array<{ id: string; sourceFileUrl: string }> {
    const select = `SELECT CAST(t.id AS TEXT) AS id, t.source_file_url AS sourceFileUrl FROM ${trackedFrom()}`;
    type Row = { id: string; sourceFileUrl: string };
    if ('ids' in scope) {
      return this.db
        .prepare<[string, string], Row>(`${select} WHERE t.profile_id = ? AND t.id IN (SELECT value FROM json_each(?)) ORDER BY t.id`)
        .all(profileId, idsJson(scope.ids))
        .map(({ id, sourceFileUrl }) => ({ id, sourceFileUrl }));
    }
    const filter = scope.filter.trim();
    const only = scope.undelivered ? ` AND ${UNDELIVERED}` : '';
    const rows = filter
      ? this.db.prepare<[string], Row>(`${select} WHERE t.id IN (SELECT value FROM json_each(?))${only} ORDER BY t.id`).all(JSON.stringify(this.search.matches(profileId, filter)))
      : this.db.prepare<[string], Row>(`${select} WHERE t.profile_id = ?${only} ORDER BY t.id`).all(profileId);
    // Plain records: the driver's rows carry extra fields.
    return rows.map(({ id, sourceFileUrl }) => ({ id, sourceFileUrl }));
  }

  /** The ids of the profile's tracked exports with no delivery since they were added. */
  private undeliveredIds(profileId: string): Set<number> {
    const ids = this.db.prepare<[string], number>(`SELECT t.id FROM ${trackedFrom()} WHERE t.profile_id = ? AND ${UNDELIVERED}`).pluck<number>().all(profileId);
    return new Set(ids);
  }

  /** How many of the profile's exports have no delivery since they were added. */
  countUndelivered(profileId: string): number {
    return this.db.prepare(`SELECT COUNT(*) FROM ${trackedFrom()} WHERE t.profile_id = ? AND ${UNDELIVERED}`).pluck().get(profileId) as number;
  }

  /** How many of these exports (by id, a few thousand at most) have no delivery since they were added. */
  private countUndeliveredAmong(ids: readonly number[]): number {
    return this.db.prepare(`SELECT COUNT(*) FROM ${trackedFrom()} WHERE t.id IN (SELECT value FROM json_each(?)) AND ${UNDELIVERED}`).pluck().get(JSON.stringify(ids)) as number;
  }

  /** How many exports a profile tracks. */
  count(profileId: string): number {
    return this.db.prepare('SELECT COUNT(*) FROM tracked_exports WHERE profile_id = ?').pluck().get(profileId) as number;
  }
}
