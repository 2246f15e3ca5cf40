import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../main/core/store/sqlite';
import type { SqliteDatabase } from '../../main/core/store/sqlite';

/** Two app-style connections (no waitWhenBusy) to one fresh WAL database with a table `t (v TEXT)`: `holder` takes locks, `db` meets them. */
export interface TwoConnections {
  db: SqliteDatabase;
  holder: SqliteDatabase;
  /** Closes both and removes the folder. */
  close(): void;
}

/** Opens the pair in a new temporary folder named after `prefix`. */
export function openTwoConnections(prefix: string): TwoConnections {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const db = openSqlite(join(root, 'x.db'));
  db.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (v TEXT)');
  const holder = openSqlite(join(root, 'x.db'));
  return {
    db,
    holder,
    close() {
      db.close();
      holder.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
