import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotARegularFile, openRegularFile } from '../../../../main/core/files/regular-file';

/** What opening `path` threw; a test that would block on a FIFO fails on vitest's timeout instead of hanging. */
async function refusal(path: string): Promise<NotARegularFile> {
  const caught = await openRegularFile(path).then(
    async ({ handle }) => {
      await handle.close();
      return null;
    },
    (error: unknown) => error,
  );
  if (!(caught instanceof NotARegularFile)) throw new Error(`expected a NotARegularFile for ${path}, got ${String(caught)}`);
  return caught;
}

describe('openRegularFile', () => {
  let dir: string;
  let server: Server | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'em-regular-'));
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a regular file, also through a symlink, and reads it', async () => {
    writeFileSync(join(dir, 'list.txt'), 'https://h/a.png\n');
    symlinkSync(join(dir, 'list.txt'), join(dir, 'link.txt'));
    for (const path of [join(dir, 'list.txt'), join(dir, 'link.txt')]) {
      const { handle, stats } = await openRegularFile(path);
      try {
        expect(stats.size).toBe(16);
        expect(await handle.readFile('utf8')).toBe('https://h/a.png\n');
      } finally {
        await handle.close();
      }
    }
  });

  it('refuses a FIFO at once, without waiting for a writer that never comes', { timeout: 5000 }, async () => {
    const fifo = join(dir, 'list.txt');
    execFileSync('mkfifo', [fifo]);
    const error = await refusal(fifo);
    expect(error).toMatchObject({ path: fifo, kind: 'fifo', found: 'named pipe (FIFO)' });
    expect(error.message).toBe(`${fifo} is a named pipe (FIFO), not a regular file.`);
  });

  it('refuses a character device such as /dev/zero, which would never end', { timeout: 5000 }, async () => {
    const error = await refusal('/dev/zero');
    expect(error).toMatchObject({ kind: 'character-device', found: 'character device' });
    expect(error.message).toBe('/dev/zero is a character device, not a regular file.');
  });

  it('refuses a unix socket and a folder, saying which it is', async () => {
    const socket = join(dir, 'list.sock');
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(socket, resolve));
    expect(await refusal(socket)).toMatchObject({ kind: 'socket', found: 'socket', message: `${socket} is a socket, not a regular file.` });
    expect(await refusal(dir)).toMatchObject({ kind: 'folder', found: 'folder', message: `${dir} is a folder, not a regular file.` });
  });

  it('leaves a missing path to Node\'s own ENOENT, which every caller already words', async () => {
    await expect(openRegularFile(join(dir, 'gone.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
