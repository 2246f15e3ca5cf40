import type { SqliteDatabase } from './sqlite';

/** One profile's searchable text: ids and `lower(url) \n lower(label)`, index by index. */
interface ProfileText {
  stamp: string;
  ids: number[];
  texts: string[];
}

/** Lower-cases ASCII letters only, as SQLite's `lower()` and `LIKE` do. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/**
 * A case-insensitive substring filter over a profile's URLs and labels, answered from memory.
 * SQLite cannot index a substring search, and a scan of 100,000 rows costs 40–60 ms a
 * keystroke; the copy costs one read of the table (as two JSON arrays, since crossing into
 * JavaScript row by row is what is slow) and then a few milliseconds a search. The copy is
 * dropped when this connection writes (`invalidate`) or another one commits (`data_version`).
 */
export class TrackedSearch {
  private readonly profiles = new Map<string, ProfileText>();
  private generation = 0;

  constructor(private readonly db: SqliteDatabase) {}

  /** Forgets every copy; call after this connection changes tracked exports. */
  invalidate(): void {
    this.generation++;
    this.profiles.clear();
  }

  /** Ids of the profile's tracked exports whose URL or label contains `filter`. */
  matches(profileId: string, filter: string): number[] {
    const needle = asciiLower(filter);
    const { ids, texts } = this.textOf(profileId);
    const found: number[] = [];
    for (let i = 0; i < texts.length; i++) if (texts[i]!.includes(needle)) found.push(ids[i]!);
    return found;
  }

  private textOf(profileId: string): ProfileText {
    const stamp = `${this.generation}:${String(this.db.pragma('data_version', { simple: true }))}`;
    const cached = this.profiles.get(profileId);
    if (cached?.stamp === stamp) return cached;
    const row = this.db
      .prepare<[string], { ids: string; texts: string }>(
        `SELECT json_group_array(id) AS ids, json_group_array(lower(source_file_url) || char(10) || lower(label)) AS texts
         FROM tracked_exports WHERE profile_id = ?`,
      )
      .get(profileId);
    const text: ProfileText = {
      stamp,
      ids: row ? (JSON.parse(row.ids) as number[]) : [],
      texts: row ? (JSON.parse(row.texts) as string[]) : [],
    };
    this.profiles.set(profileId, text);
    return text;
  }
}
