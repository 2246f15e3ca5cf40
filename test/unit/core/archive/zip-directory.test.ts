import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readZipDirectory } from '../../../../main/core/archive/zip-directory';
import { zipStream } from '../../../../main/core/sample-backend/zip-writer';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'export-manager-zip-directory-'));
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
