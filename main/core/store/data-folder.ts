import { chmodSync, closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fail } from '../app-error';
import { fileKindInWords, fileKindOf } from '../files/file-kind';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '../files/private-modes';

/**
 * The app's data folder and the database in it, made ready before SQLite opens the file, and
 * every way that can fail said in words (kind `disk`): SQLite itself only says "unable to open
 * database file" (code 14), and Node's recursive mkdir answers EEXIST for a file in the way, or
 * loops for ever under /proc. Both hold the user's export URLs and history, so they are created
 * private (0700, 0600) and an older version's looser ones are tightened.
 */

/** What to do about the folder, said at the end of each message. */
const SET_ELSEWHERE = 'set EXPORT_MANAGER_USER_DATA to a folder you can write to';

/** The stats of `path` (following symlinks), or null when nothing is there. */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw error;
  }
}

/** Errors that mean a folder takes no new entry. /proc answers ENOENT even to root. */
const CANNOT_WRITE: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOENT: 'it takes no new files',
};

function cannotWriteReason(error: unknown): string | null {
  return CANNOT_WRITE[(error as NodeJS.ErrnoException | null)?.code ?? ''] ?? null;
}

/**
 * Creates the missing folders down to `dir`, one level at a time: the parents as the umask
 * says (they are not the state), `dir` itself private.
 */
function createFolders(dir: string): void {
  const missing: string[] = [];
  let path = dir;
  for (;;) {
    const found = statOrNull(path);
    if (found) {
      if (!found.isDirectory()) fail('disk', `The data folder ${dir} cannot be created: ${path} is ${fileKindInWords(fileKindOf(found))}, not a folder; ${SET_ELSEWHERE}.`);
      break;
    }
    missing.unshift(path);
    const parent = dirname(path);
    if (parent === path) break;
    path = parent;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder, folder === dir ? { mode: PRIVATE_FOLDER_MODE } : {});
    } catch (error) {
      // Made meanwhile by another process (the app and a command starting together): fine.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statOrNull(folder)?.isDirectory()) continue;
      const reason = cannotWriteReason(error);
      if (reason) fail('disk', `The data folder ${dir} cannot be created: ${dirname(folder)} cannot be written (${reason}); ${SET_ELSEWHERE}.`, { cause: error });
      throw error;
    }
  }
}

/** Fails as `disk` saying the folder cannot be written and why. */
function failCannotWrite(dir: string, reason: string, cause: unknown): never {
  fail('disk', `The data folder ${dir} cannot be written (${reason}); ${SET_ELSEWHERE}.`, { cause });
}

/**
 * The data folder `dir`, created private if missing (and its parents as the umask says); a file
 * or anything else in its place, or a folder on the way that cannot be written, fails as `disk`.
 */
export function ensureDataFolder(dir: string): void {
  const found = statOrNull(dir);
  if (!found) createFolders(dir);
  else if (!found.isDirectory()) {
    fail('disk', `The data folder ${dir} is ${fileKindInWords(fileKindOf(found))}, not a folder: set EXPORT_MANAGER_USER_DATA to a folder, or move the file away.`);
  }
}

/**
 * Makes `dir` usable as the data folder and `databasePath` (inside it) as the database: the
 * folder created if missing, a file where the folder or the database should be refused, and a
 * new database file created empty and private before SQLite opens it (SQLite gives its WAL and
 * shared-memory files the database file's mode, so they are private too). Throws `disk`.
 */
export function prepareDataFolder(dir: string, databasePath: string): void {
  ensureDataFolder(dir);
  const database = statOrNull(databasePath);
  if (database && !database.isFile()) {
    fail('disk', `The database ${databasePath} is ${fileKindInWords(fileKindOf(database))}, not a file: move it away and Export Manager starts a fresh one.`);
  }
  if (database) return;
  try {
    closeSync(openSync(databasePath, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return; // another process created it meanwhile
    const reason = cannotWriteReason(error);
    if (reason) failCannotWrite(dir, reason, error);
    throw error;
  }
}

/**
 * After SQLite failed to open the database in `dir` ("unable to open database file", code 14):
 * fails as `disk` in words when the cause is that the folder cannot be written (an existing
 * database in a folder made read-only, where SQLite must create its WAL beside it); returns
 * otherwise, for the caller's general message. Probes only after a failure, so a normal start
 * writes nothing extra.
 */
export function explainOpenFailure(dir: string, cause: unknown): void {
  const probe = join(dir, `.export-manager-write-check-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    const reason = cannotWriteReason(error);
    if (reason) failCannotWrite(dir, reason, cause);
    return;
  }
  rmSync(probe, { force: true });
}

/** Whether this process's user owns what `stats` describes (always, where there are no uids). */
function ownedByMe(stats: Stats): boolean {
  const uid = process.getuid?.();
  return uid === undefined || stats.uid === uid;
}

/** Removes group and other permissions from `path` when it has any and is ours; best effort. */
function tighten(path: string, mode: number): void {
  const stats = statOrNull(path);
  if (!stats || (stats.mode & 0o077) === 0 || !ownedByMe(stats)) return;
  try {
    chmodSync(path, mode);
  } catch {
    // A file system that keeps no modes, or a read-only one that opened for reading: nothing to do.
  }
}

/**
 * Tightens what an older version (or Electron, creating `userData` itself) left readable by
 * every user: the database, its WAL and shared-memory files to 0600, and the data folder to
 * 0700. Only a folder that is ours and holds the database is changed, never a shared one (a
 * sticky folder such as /tmp) nor the home folder, which EXPORT_MANAGER_USER_DATA may name.
 */
export function makeStatePrivate(dir: string, databasePath: string): void {
  for (const suffix of ['', '-wal', '-shm']) tighten(databasePath + suffix, PRIVATE_FILE_MODE);
  const folder = statOrNull(dir);
  const home = statOrNull(homedir());
  if (!folder || (folder.mode & 0o1000) !== 0 || (home?.ino === folder.ino && home.dev === folder.dev)) return;
  if (statOrNull(databasePath)) tighten(dir, PRIVATE_FOLDER_MODE);
}
