import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../../main/core/app-error';
import { moveIntoPlace } from '../../../../main/core/downloads/move-into-place';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'export-manager-move-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('moveIntoPlace', () => {
  it('moves the temp file and leaves nothing behind', async () => {
    writeFileSync(join(dir, 't.part'), 'data');
    const path = await moveIntoPlace(join(dir, 't.part'), join(dir, 'out.zip'), 'keep-both');
    expect(path).toBe(join(dir, 'out.zip'));
    expect(readdirSync(dir)).toEqual(['out.zip']);
  });

  it('picks "name (1).zip" then "name (2).zip" instead of overwriting', async () => {
    writeFileSync(join(dir, 'out.zip'), 'old');
    writeFileSync(join(dir, 'out (1).zip'), 'old1');
    writeFileSync(join(dir, 't.part'), 'new');
    expect(await moveIntoPlace(join(dir, 't.part'), join(dir, 'out.zip'), 'keep-both')).toBe(join(dir, 'out (2).zip'));
    expect(readFileSync(join(dir, 'out.zip'), 'utf8')).toBe('old');
  });

  it('fails as disk and keeps both files when asked not to replace', async () => {
    writeFileSync(join(dir, 'out.zip'), 'old');
    writeFileSync(join(dir, 't.part'), 'new');
    const error = appErrorOf(await moveIntoPlace(join(dir, 't.part'), join(dir, 'out.zip'), 'cancel').then(() => null, (e: unknown) => e));
    expect(error).toMatchObject({ kind: 'disk' });
    expect(readFileSync(join(dir, 'out.zip'), 'utf8')).toBe('old');
  });

  it('replaces only when told the person confirmed', async () => {
    writeFileSync(join(dir, 'out.zip'), 'old');
    writeFileSync(join(dir, 't.part'), 'new');
    await moveIntoPlace(join(dir, 't.part'), join(dir, 'out.zip'), 'replace');
    expect(readFileSync(join(dir, 'out.zip'), 'utf8')).toBe('new');
  });
});
