import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from './sqlite';
import type { Profile } from '../../../shared/api/profiles';
import { fail } from '../app-error';

/** The name the built-in sample profile gets when it is first created. */
export const SAMPLE_PROFILE_NAME = 'Sample backend';

interface ProfileRow {
  id: string;
  name: string;
  base_url: string;
  built_in: number;
  created_at: string;
  max_batch_size: number | null;
  tracked_count: number;
}

const SELECT = `
  SELECT p.id, p.name, p.base_url, p.built_in, p.created_at, p.max_batch_size,
    (SELECT COUNT(*) FROM tracked_exports t WHERE t.profile_id = p.id) AS tracked_count
  FROM profiles p`;

function toProfile(row: ProfileRow): Profile {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    builtIn: row.built_in === 1,
    createdAt: row.created_at,
    maxBatchSize: row.max_batch_size ?? null,
    trackedCount: row.tracked_count,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Backend profiles: name (unique, case-insensitive), base URL, created date. URL rules are
 * checked by the caller (`checkProfileBaseUrl`), which knows whether a key is set.
 */
export class ProfilesRepo {
  constructor(private readonly db: SqliteDatabase) {}

  /** Every profile, the built-in one first, then by name. */
  list(): Profile[] {
    const rows = this.db.prepare<[], ProfileRow>(`${SELECT} ORDER BY p.built_in DESC, p.name COLLATE NOCASE`).all();
    return rows.map(toProfile);
  }

  /** The profile with `id`, or null. */
  get(id: string): Profile | null {
    const row = this.db.prepare<[string], ProfileRow>(`${SELECT} WHERE p.id = ?`).get(id);
    return row ? toProfile(row) : null;
  }

  /** The profile with `id`; a `state` AppError when there is none (deleted meanwhile; `not-found` is the backend's 404 only). */
  require(id: string): Profile {
    return this.get(id) ?? fail('state', 'That profile no longer exists; pick another one.');
  }

  /** The profile named `name` (case-insensitive), or null: how the command line's `--profile NAME` finds one. */
  byName(name: string): Profile | null {
    const row = this.db.prepare<[string], ProfileRow>(`${SELECT} WHERE p.name = ? COLLATE NOCASE`).get(name.trim());
    return row ? toProfile(row) : null;
  }

  /** Creates a profile; the base URL must already be checked. */
  create(name: string, baseUrl: string, options: { builtIn?: boolean } = {}): Profile {
    const id = randomUUID();
    try {
      this.db
        .prepare('INSERT INTO profiles (id, name, base_url, built_in, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, name.trim(), baseUrl, options.builtIn ? 1 : 0, new Date().toISOString());
    } catch (error) {
      if (isUniqueViolation(error)) fail('validation', `A profile named "${name.trim()}" already exists; choose another name.`, { field: 'name' });
      throw error;
    }
    return this.require(id);
  }

  /** Renames a profile; the built-in one keeps its name (a `state`: the name given may be fine). */
  rename(id: string, name: string): Profile {
    const profile = this.require(id);
    if (profile.builtIn) fail('state', 'The built-in sample profile cannot be renamed.');
    try {
      this.db.prepare('UPDATE profiles SET name = ? WHERE id = ?').run(name.trim(), id);
    } catch (error) {
      if (isUniqueViolation(error)) fail('validation', `A profile named "${name.trim()}" already exists; choose another name.`, { field: 'name' });
      throw error;
    }
    return this.require(id);
  }

  /** Changes the base URL (already checked). */
  setBaseUrl(id: string, baseUrl: string): Profile {
    this.require(id);
    this.db.prepare('UPDATE profiles SET base_url = ? WHERE id = ?').run(baseUrl, id);
    return this.require(id);
  }

  /** Sets the most exports one batch request may carry (null: no limit); the value is already validated. */
  setMaxBatchSize(id: string, maxBatchSize: number | null): Profile {
    this.require(id);
    this.db.prepare('UPDATE profiles SET max_batch_size = ? WHERE id = ?').run(maxBatchSize, id);
    return this.require(id);
  }

  /** Deletes a profile and its tracked exports; the built-in one stays. */
  delete(id: string): void {
    const profile = this.require(id);
    if (profile.builtIn) fail('state', 'The built-in sample profile cannot be deleted.');
    this.db.prepare('DELETE FROM profiles WHERE id = ?').run(id);
  }

  /** The built-in sample profile, or null before `ensureSample` first ran. */
  sample(): Profile | null {
    const row = this.db.prepare<[], ProfileRow>(`${SELECT} WHERE p.built_in = 1`).get();
    return row ? toProfile(row) : null;
  }

  /**
   * Creates the built-in profile or points it at `baseUrl` (the sample server's port changes
   * each start). Returns it and whether it was just created.
   */
  ensureSample(baseUrl: string): { profile: Profile; created: boolean } {
    return this.db
      .transaction(() => {
        const existing = this.sample();
        if (existing) return { profile: this.setBaseUrl(existing.id, baseUrl), created: false };
        // A user's own profile may already use the name.
        const name = this.byName(SAMPLE_PROFILE_NAME) ? `${SAMPLE_PROFILE_NAME} (built-in)` : SAMPLE_PROFILE_NAME;
        return { profile: this.create(name, baseUrl, { builtIn: true }), created: true };
      })
      .immediate();
  }
}
