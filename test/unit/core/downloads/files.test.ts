import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../../main/core/app-error';
import { moveIntoPlace } from '../../../../main/core/downloads/move-into-place';
import { readZipDirectory } from '../../../../main/core/downloads/zip-directory';
import { zipStream } from '../../../../main/core/sample-backend/zip-writer';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'export-manager-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function zipBytes(forceZip64 = false): Promise<Buffer> {
  const parts: Buffer[] = [];
  const entries = [
    { name: 'a.txt', data: Buffer.from('hello') },
    { name: 'b.bin', size: 3, data: async function* () { yield Buffer.from('xyz'); } },
  ];
  for await (const part of zipStream(entries, { forceZip64 })) parts.push(part);
  return Buffer.concat(parts);
}

describe('moveIntoPlace', () => {
  it('moves the temp file and leaves nothing behind', async () => {
    writeFileSync(join(dir, 't.part'), 'data');
    const path = await moveIntoPlace(join(dir, 't.part'), join(dir, 'out.zip'), 'unique');
    expect(path).toBe(join(dir, 'out.zip'));
    expect(readdirSync(dir)).toEqual(['out.zip']);
  });

  it('picks "name (1).zip" then "name (2).zip" instead of overwriting', async () => {
    writeFileSync(join(dir, 'out.zip'), 'old');
    writeFileSync(join(dir, 'out (1).zip'), 'old1');
    writeFileSync(join(dir, 't.part'), 'new');
    expect(await moveIntoPlace(join(dir, 't.part'), join(dir, 'out.zip'), 'unique')).toBe(join(dir, 'out (2).zip'));
    expect(readFileSync(join(dir, 'out.zip'), 'utf8')).toBe('old');
  });

  it('fails as disk and keeps both files when asked not to replace', async () => {
    writeFileSync(join(dir, 'out.zip'), 'old');
    writeFileSync(join(dir, 't.part'), 'new');
    const error = appErrorOf(await moveIntoPlace(join(dir, 't.part'), join(dir, 'out.zip'), 'fail').then(() => null, (e: unknown) => e));
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

describe('readZipDirectory', () => {
  it('reads the entry count of a streamed zip, plain and zip64', async () => {
    for (const force of [false, true]) {
      writeFileSync(join(dir, 'z.zip'), await zipBytes(force));
      expect(await readZipDirectory(join(dir, 'z.zip'))).toMatchObject({ entries: 2, zip64: force });
    }
  });

  it('rejects a zip cut short, a zip with a damaged central directory, and a non-zip', async () => {
    const good = await zipBytes();
    const cases = {
      truncated: good.subarray(0, good.length - 30),
      damaged: Buffer.from(good).fill(0, good.length - 22 - 51, good.length - 22 - 47), // the last central header's signature
      html: Buffer.from('<html>not a zip</html>'),
      empty: Buffer.alloc(0),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      writeFileSync(join(dir, `${name}.zip`), bytes);
      await expect(readZipDirectory(join(dir, `${name}.zip`)), name).rejects.toThrow();
    }
  });
});
