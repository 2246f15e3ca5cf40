import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { whyNotReplaceable } from '../../../../main/core/files/replace-target';

/**
 * The check `--on-conflict replace` (and every other replacement) makes before renaming over a
 * path. /dev/null is only looked at here, never replaced: before the check existed, a replace
 * run as root would have turned the device node into a zip.
 */
describe('whyNotReplaceable', () => {
  let dir: string;
  let server: Server | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'em-replace-'));
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('allows a regular file, a symlink to one, and a free name', async () => {
    writeFileSync(join(dir, 'a.zip'), 'old');
    symlinkSync(join(dir, 'a.zip'), join(dir, 'link.zip'));
    expect(await whyNotReplaceable(join(dir, 'a.zip'))).toBeNull();
    expect(await whyNotReplaceable(join(dir, 'link.zip'))).toBeNull();
    expect(await whyNotReplaceable(join(dir, 'free.zip'))).toBeNull();
  });

  it('refuses a character device such as /dev/null, and leaves it one', async () => {
    expect(await whyNotReplaceable('/dev/null')).toBe('/dev/null is a character device, not a file; nothing was replaced.');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('refuses a FIFO, a socket and a folder, naming what is there', async () => {
    const fifo = join(dir, 'a.zip');
    execFileSync('mkfifo', [fifo]);
    expect(await whyNotReplaceable(fifo)).toBe(`${fifo} is a named pipe (FIFO), not a file; nothing was replaced.`);
    const socket = join(dir, 'b.zip');
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(socket, resolve));
    expect(await whyNotReplaceable(socket)).toBe(`${socket} is a socket, not a file; nothing was replaced.`);
    expect(await whyNotReplaceable(dir)).toBe(`${dir} is a folder, not a file; nothing was replaced.`);
  });

  it('refuses a symlink to a FIFO: what would be replaced is judged by what the name leads to', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    symlinkSync(fifo, join(dir, 'link.zip'));
    expect(await whyNotReplaceable(join(dir, 'link.zip'))).toMatch(/is a named pipe \(FIFO\), not a file; nothing was replaced\.$/);
  });
});
