import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { extractArchive, listArchive, verifyArchive } from '../../../main/core/archive';
import { fixtureDir } from '../../helpers/zip-fixtures';

const { dir, cleanup } = fixtureDir();
const fifo = join(dir, 'pipe.zip');
execFileSync('mkfifo', [fifo]);

/**
 * Opens the FIFO's writing end without blocking and closes it again: a reader stuck opening it
 * (the bug) is released at once, so a failing test ends instead of holding the process for ever.
 */
function releaseStuckReaders(): void {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // ENXIO: nobody is reading it, which is what should happen
  }
}
afterEach(releaseStuckReaders);
afterAll(cleanup);

/** The AppError `run` fails with, within `ms` (a hang fails the test instead of the run). */
async function failsWithin(run: () => Promise<unknown>, ms = 3000) {
  const outcome = await Promise.race([
    run().then(() => new Error('succeeded'), (e: unknown) => e),
    new Promise((resolve) => setTimeout(() => resolve(new Error(`still waiting after ${ms} ms`)), ms)),
  ]);
  expect(appErrorOf(outcome), String(outcome)).not.toBeNull();
  return appErrorOf(outcome)!;
}

const operations = {
  list: (path: string) => listArchive(path),
  verify: (path: string) => verifyArchive(path),
  extract: (path: string) => extractArchive(path, join(dir, 'out')),
};

describe('a path that is not a regular file', () => {
  for (const [op, run] of Object.entries(operations)) {
    it(`${op}: refuses a FIFO at once, saying it is a named pipe and not a regular file`, async () => {
      const error = await failsWithin(() => run(fifo));
      expect(error.kind).toBe('archive');
      expect(error.message).toMatch(/"pipe\.zip" is a named pipe \(FIFO\), not a regular file/);
    });
  }

  it.runIf(existsSync('/dev/zero'))('refuses a device (/dev/zero) as a device, not as a folder', async () => {
    for (const run of Object.values(operations)) {
      const error = await failsWithin(() => run('/dev/zero'));
      expect(error.kind).toBe('archive');
      expect(error.message).toMatch(/"zero" is a character device, not a regular file/);
      expect(error.message).not.toMatch(/folder/);
    }
  });

  it('still calls a folder a folder', async () => {
    const error = await failsWithin(() => listArchive(dir));
    expect(error).toMatchObject({ kind: 'archive', message: expect.stringMatching(/is a folder, not a zip archive/) });
  });

  it('leaves nothing behind when it refuses: extraction never got as far as its destination', async () => {
    await failsWithin(() => extractArchive(fifo, join(dir, 'never-made')));
    expect(existsSync(join(dir, 'never-made'))).toBe(false);
  });
});
