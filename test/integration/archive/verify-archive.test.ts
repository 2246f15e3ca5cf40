import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { listArchive, verifyArchive } from '../../../main/core/archive';
import type { EntryProgress } from '../../../main/core/archive/job-progress';
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
    const progress: EntryProgress[] = [];
    const report = await verifyArchive(join(dir, 'seven.zip'), { onProgress: (p) => progress.push(p) });
    expect(report).toEqual({ ok: true, checked: 3, failed: [] });
    expect(progress.at(-1)).toEqual({ entriesDone: 3, entriesTotal: 3, bytesDone: 106_000, bytesTotal: 106_000, entry: null });
  });

  it('counts entries where it says entries: the total is the entry count, one step per entry, encrypted ones done at once', async () => {
    const path = join(dir, 'many.zip');
    writeZip(path, [
      ...Array.from({ length: 40 }, (_, i) => ({ name: `dir/file-${i}.txt`, data: Buffer.from(`entry ${i} `.repeat(i + 1)), deflate: true })),
      { name: 'big.bin', data: Buffer.alloc(3 * 1024 * 1024, 9) },
      { name: 'locked.txt', data: Buffer.from('x'), encryptedFlag: true },
    ]);
    const progress: EntryProgress[] = [];
    await verifyArchive(path, { onProgress: (p) => progress.push(p) });
    const { count } = await listArchive(path);
    expect(count).toBe(42);
    expect(new Set(progress.map((p) => p.entriesTotal))).toEqual(new Set([count]));
    // One report as each entry starts (the encrypted one was counted done from the start), then the last one.
    const asEachStarts = new Map<string, EntryProgress>();
    for (const p of progress) if (p.entry !== null && !asEachStarts.has(p.entry)) asEachStarts.set(p.entry, p);
    expect([...asEachStarts.values()].map((p) => p.entriesDone)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(progress.at(-1)).toMatchObject({ entriesDone: count, entry: null });
    // The big entry moves the bytes while it streams, not only once it is done.
    const insideBig = progress.filter((p) => p.entry === 'big.bin');
    expect(insideBig.length).toBeGreaterThan(2);
    expect(insideBig.map((p) => p.bytesDone)).toEqual([...insideBig.map((p) => p.bytesDone)].sort((a, b) => a - b));
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
