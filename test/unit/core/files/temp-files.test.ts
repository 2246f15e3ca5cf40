import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STALE_AFTER_MS, cleanStaleTempFiles, tempFileName } from '../../../../main/core/files/temp-files';

/** The pid of a process that has just exited (so it is free, and almost surely not reused yet). */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

// This machine's tag in the names (`.x-<host>-<pid>-<random>.part`), and a tag that is another machine's.
const HOST = tempFileName('x').split('-')[1]!;
const OTHER_HOST = HOST === 'ffff' ? 'eeee' : 'ffff';

describe('cleanStaleTempFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'em-stale-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const touch = (name: string, ageMs = 0) => {
    writeFileSync(join(dir, name), 'x');
    const at = (Date.now() - ageMs) / 1000;
    utimesSync(join(dir, name), at, at);
  };

  it('removes the temp file of a writer that no longer runs, and keeps a live writer’s', async () => {
    const mine = tempFileName('download');
    const dead = mine.replace(`-${process.pid}-`, `-${deadPid()}-`);
    touch(mine);
    touch(dead);
    expect(await cleanStaleTempFiles([dir])).toEqual([join(dir, dead)]);
    expect(readdirSync(dir)).toEqual([mine]);
  });

  it('keeps another machine’s recent file and files that are not ours, and skips missing folders', async () => {
    touch(`.download-${OTHER_HOST}-1-0123456789ab.part`);
    touch('.hidden-notes.part');
    touch('report.part');
    touch('.download-0123456789ab.part'); // an older version's name, recent
    expect(await cleanStaleTempFiles([dir, join(dir, 'missing')])).toEqual([]);
    expect(readdirSync(dir).sort()).toHaveLength(4);
  });

  it('removes another machine’s and an older version’s files once a day old', async () => {
    touch('.download-0123456789ab.part', STALE_AFTER_MS + 60_000);
    touch(`.fetch-${OTHER_HOST}-1-0123456789ab.part`, STALE_AFTER_MS + 60_000);
    expect(await cleanStaleTempFiles([dir])).toHaveLength(2);
    expect(existsSync(join(dir, '.download-0123456789ab.part'))).toBe(false);
  });
});
