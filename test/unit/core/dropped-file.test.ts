import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { grantDroppedFile } from '../../../main/core/dropped-file';
import { FileGrants } from '../../../main/core/file-grants';

describe('grantDroppedFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dropped-'));
  afterEach(() => rmSync(join(dir, 'list.csv'), { force: true }));

  it('grants an existing file the preload read from a drop', async () => {
    const grants = new FileGrants();
    writeFileSync(join(dir, 'list.csv'), 'sourceFileUrl\n');
    const granted = await grantDroppedFile(grants, join(dir, 'list.csv'));
    expect(granted).toMatchObject({ path: join(dir, 'list.csv'), name: 'list.csv' });
    expect(grants.resolve(granted!.id, 'file')).toBe(join(dir, 'list.csv'));
  });

  it('grants nothing for a folder, a missing file, a relative path or junk', async () => {
    const grants = new FileGrants();
    for (const path of [dir, join(dir, 'missing.zip'), 'list.csv', '', `${dir}/a\0b`, 42, null, { path: dir }, 'x'.repeat(40_000)]) {
      expect(await grantDroppedFile(grants, path)).toBeNull();
    }
  });
});
