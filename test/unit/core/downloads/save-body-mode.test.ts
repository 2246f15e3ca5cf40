import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { saveBody } from '../../../../main/core/downloads/save-body';
import { DEFAULT_LOW_SPEED } from '../../../../main/core/http/low-speed';

describe('a partial download', () => {
  const roots: string[] = [];
  const umask = process.umask();
  afterEach(() => {
    process.umask(umask);
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  it('is readable by its owner alone (0600) while it arrives, whatever the umask', async () => {
    if (process.platform === 'win32') return; // Windows has no such modes
    process.umask(0o022); // the usual one: files would be 0644, open to every user of the machine
    const root = mkdtempSync(join(tmpdir(), 'part-mode-'));
    roots.push(root);
    const temp = join(root, '.download-test.part');
    const body = new PassThrough();
    const saving = saveBody({ status: 200, headers: {}, body, url: 'http://127.0.0.1/', peer: 'backend', lowSpeed: DEFAULT_LOW_SPEED }, temp, { idleMs: 5_000 });
    body.write(Buffer.from('PK\u0003\u0004 first bytes of the user’s exports'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statSync(temp).mode & 0o777).toBe(0o600);
    body.end();
    await saving;
    expect(statSync(temp).mode & 0o777).toBe(0o600);
  });
});
