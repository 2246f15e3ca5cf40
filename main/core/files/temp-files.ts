import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { HOST_TAG, isAlive } from './process-owner';

// `.<prefix>-<host>-<pid>-<random>.part`: the owner is in the name, so the next start can tell a
// dead writer's leftover from a live download's file without any lock file to leak in turn.
const OURS = /^\.(.+)-([0-9a-f]{4})-(\d+)-[0-9a-f]{8,12}\.part$/;
// Names written before the owner was in them (`.download-<random>.part`): removed by age only.
const LEGACY = /^\.(download|fetch)-[0-9a-f]{12}\.part$/;

/** A file of another machine, or of an older version, is removed only once nobody has touched it for this long. */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** A hidden temp file name for `prefix` that carries this process's host and pid (see cleanStaleTempFiles). */
export function tempFileName(prefix: string): string {
  return `.${prefix}-${HOST_TAG}-${process.pid}-${randomBytes(6).toString('hex')}.part`;
}

/** Whether the temp file `name` (last touched at `mtimeMs`) has lost its writer. */
function isStale(name: string, mtimeMs: number, now: number): boolean {
  const old = now - mtimeMs > STALE_AFTER_MS;
  const ours = OURS.exec(name);
  if (ours) return ours[2] === HOST_TAG ? !isAlive(Number(ours[3])) : old;
  return LEGACY.test(name) && old;
}

/**
 * Removes the temp files that a killed process (SIGKILL, power loss, a crash) left in `dirs`:
 * ours whose writer's pid no longer runs on this machine, and those of other machines or older
 * versions once a day old. Called when the app's core starts and before the command line
 * downloads. Never throws: a folder that is missing or unreadable is skipped. Returns the paths removed.
 */
export async function cleanStaleTempFiles(dirs: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  const now = Date.now();
  for (const dir of new Set(dirs)) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.startsWith('.') || !name.endsWith('.part')) continue;
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile() || !isStale(name, info.mtimeMs, now)) continue;
      if (await rm(path, { force: true }).then(() => true, () => false)) removed.push(path);
    }
  }
  return removed;
}
