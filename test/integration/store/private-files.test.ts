import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/store/database';
import { openStore } from '../../../main/core/store/store';

/** The permission bits of a path. */
const modeOf = (path: string) => statSync(path).mode & 0o777;

/**
 * The state holds the user's export URLs and history: with the usual umask 022 its folder must
 * not be 0755 nor its files 0644, where every user of the machine could read them.
 */
describe('the data folder and database are private to the user', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'em-private-'));
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the folder 0700 and the database, its WAL and shared-memory files 0600', () => {
    const dataDir = join(root, 'a', 'state');
    const store = openStore(dataDir);
    try {
      store.profiles.create('P', 'https://h/api');
      expect(modeOf(dataDir)).toBe(0o700);
      const db = join(dataDir, DATABASE_FILE);
      for (const path of [db, `${db}-wal`, `${db}-shm`]) expect([path, modeOf(path)]).toEqual([path, 0o600]);
    } finally {
      store.close();
    }
  });

  it('tightens a folder and files an older version left readable by everyone', () => {
    const dataDir = join(root, 'state');
    const first = openStore(dataDir);
    first.profiles.create('P', 'https://h/api');
    first.close();
    const db = join(dataDir, DATABASE_FILE);
    chmodSync(dataDir, 0o755);
    chmodSync(db, 0o644);
    const again = openStore(dataDir);
    try {
      again.profiles.create('Q', 'https://h/api');
      expect(modeOf(dataDir)).toBe(0o700);
      for (const path of [db, `${db}-wal`, `${db}-shm`]) expect([path, modeOf(path)]).toEqual([path, 0o600]);
    } finally {
      again.close();
    }
  });

  it('leaves the parent folders it creates as the umask says (they are not the state)', () => {
    const dataDir = join(root, 'parent', 'state');
    openStore(dataDir).close();
    expect(modeOf(join(root, 'parent'))).toBe(0o755);
  });

  it('keeps an existing database that is a regular file usable', () => {
    const dataDir = join(root, 'state');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, DATABASE_FILE), '');
    const store = openStore(dataDir);
    store.close();
    expect(modeOf(join(dataDir, DATABASE_FILE))).toBe(0o600);
  });
});
