import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { verifyArchive } from '../../../main/core/archive';
import { fixtureDir, runArchiver, writeZip } from '../../helpers/zip-fixtures';

const { dir, cleanup } = fixtureDir();

beforeAll(() => {
  const src = join(dir, 'src');
  mkdirSync(join(src, 'sub'), { recursive: true });
  writeFileSync(join(src, 'a.txt'), 'alpha\n'.repeat(1000));
  writeFileSync(join(src, 'sub', 'b.bin'), Buffer.alloc(100_000, 3));
  runArchiver('7z', ['a', '-tzip', '-bd', '../seven.zip', '.'], src);
  runArchiver('zip', ['-q', '-P', 'pw', '../locked.zip', 'a.txt'], src);
});
afterAll(cleanup);

describe('verifyArchive', () => {
  it('reads every entry of a 7-Zip archive and finds them intact, reporting progress up to the total', async () => {
    const progress: Array<{ done: number; total: number; entry: string | null }> = [];
    const report = await verifyArchive(join(dir, 'seven.zip'), { onProgress: (p) => progress.push(p) });
    expect(report).toEqual({ ok: true, checked: 3, failed: [] });
    expect(progress.at(-1)).toEqual({ done: 106_000, total: 106_000, entry: null });
  });

  it('names the entry whose data no longer matches its CRC and still checks the others', async () => {
    const path = join(dir, 'damaged.zip');
    writeZip(path, [{ name: 'bad.txt', data: Buffer.from('some text to damage') }, { name: 'good.txt', data: Buffer.from('fine') }]);
    const bytes = readFileSync(path);
    const at = 30 + 'bad.txt'.length + 3;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    writeFileSync(path, bytes);
    expect(await verifyArchive(path)).toEqual({ ok: false, checked: 2, failed: [{ name: 'bad.txt', reason: expect.stringMatching(/CRC/) }] });
  });

  it('reports an entry whose deflated data inflates beyond its declared size', async () => {
    const path = join(dir, 'bomb.zip');
    writeZip(path, [{ name: 'bomb.bin', data: Buffer.alloc(5_000_000), deflate: true, declaredSize: 10 }]);
    const report = await verifyArchive(path);
    expect(report.failed).toEqual([{ name: 'bomb.bin', reason: expect.stringMatching(/beyond its declared size/) }]);
  });

  it('reports encrypted entries as not checkable', async () => {
    const report = await verifyArchive(join(dir, 'locked.zip'));
    expect(report).toMatchObject({ ok: false, failed: [{ name: 'a.txt', reason: expect.stringMatching(/encrypted/) }] });
  });

  it('fails with cancelled when aborted', async () => {
    const error = await verifyArchive(join(dir, 'seven.zip'), { signal: AbortSignal.abort() }).then(() => null, (e: unknown) => e);
    expect(appErrorOf(error)?.kind).toBe('cancelled');
  });
});
