import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, statfsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { ExtractionCancelled, extractArchive } from '../../../main/core/archive';
import type { EntryProgress } from '../../../main/core/archive/job-progress';
import { fixtureDir, runArchiver, writeZip, type FixtureEntry } from '../../helpers/zip-fixtures';

const { dir, cleanup } = fixtureDir();
let counter = 0;
/** A fresh, empty destination folder inside a fresh parent (so "outside" can be checked). */
function freshDestination(): { parent: string; dest: string } {
  const parent = join(dir, `out-${++counter}`);
  const dest = join(parent, 'dest');
  mkdirSync(dest, { recursive: true });
  return { parent, dest };
}
/** A zip made by code from `entries`. */
function codeZip(name: string, entries: FixtureEntry[]): string {
  const path = join(dir, name);
  writeZip(path, entries);
  return path;
}
const text = (value: string) => Buffer.from(value);
/** Every file under `root`, relative and `/`-separated. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1).split(/[\\/]/).join('/'))
    .sort();
}
/** Every folder under `root`, relative and `/`-separated. */
function foldersUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1).split(/[\\/]/).join('/'))
    .sort();
}
/** The data of small entry `i` of the many-entries archive (its content tells a complete file from a cut one). */
const smallData = (i: number) => text(`entry ${i} `.repeat(50));

beforeAll(() => {
  const src = join(dir, 'src');
  mkdirSync(join(src, 'docs', 'empty'), { recursive: true });
  writeFileSync(join(src, 'docs', 'résumé.txt'), 'content of résumé\n');
  writeFileSync(join(src, 'top.bin'), Buffer.alloc(50_000, 7));
  runArchiver('zip', ['-q', '-r', '../plain.zip', '.'], src);
});
afterAll(cleanup);

describe('extractArchive', () => {
  it('extracts files, folders and modification times from an Info-ZIP archive', async () => {
    const { dest } = freshDestination();
    const report = await extractArchive(join(dir, 'plain.zip'), dest);
    expect(report.refused).toEqual([]);
    expect(report.extracted.sort()).toEqual(['docs/résumé.txt', 'top.bin']);
    expect(readFileSync(join(dest, 'docs', 'résumé.txt'), 'utf8')).toBe('content of résumé\n');
    expect(readFileSync(join(dest, 'top.bin')).equals(Buffer.alloc(50_000, 7))).toBe(true);
    expect(statSync(join(dest, 'docs', 'empty')).isDirectory()).toBe(true);
    expect(Math.abs(statSync(join(dest, 'top.bin')).mtimeMs - Date.now())).toBeLessThan(3_600_000);
  });

  it('refuses traversal, absolute, drive-letter, backslash and NUL names, extracts the rest, writes nothing outside', async () => {
    const { parent, dest } = freshDestination();
    const path = codeZip('evil.zip', [
      { name: '../escape.txt', data: text('x') },
      { name: '/tmp/absolute.txt', data: text('x') },
      { name: 'C:\\drive.txt', data: text('x') },
      { name: 'sub\\..\\..\\backslash.txt', data: text('x') },
      { name: Buffer.from('nul\u0000.txt', 'latin1'), data: text('x') },
      { name: 'safe/ok.txt', data: text('ok') },
    ]);
    const report = await extractArchive(path, dest);
    expect(report.extracted).toEqual(['safe/ok.txt']);
    expect(report.refused.map((item) => item.name)).toEqual(['../escape.txt', '/tmp/absolute.txt', 'C:/drive.txt', 'sub/../../backslash.txt', 'nul\u0000.txt']);
    for (const item of report.refused) expect(item.reason.length).toBeGreaterThan(5);
    expect(readdirSync(parent)).toEqual(['dest']);
    expect(readdirSync(dest)).toEqual(['safe']);
  });

  it('refuses symbolic links from zip -y and never creates a link', async () => {
    const linkDir = join(dir, 'links');
    mkdirSync(linkDir);
    writeFileSync(join(linkDir, 'real.txt'), 'real');
    symlinkSync('/etc/passwd', join(linkDir, 'escape'));
    runArchiver('zip', ['-q', '-y', '../links.zip', 'real.txt', 'escape'], linkDir);
    const { dest } = freshDestination();
    const report = await extractArchive(join(dir, 'links.zip'), dest);
    expect(report.extracted).toEqual(['real.txt']);
    expect(report.refused).toEqual([{ name: 'escape', reason: expect.stringMatching(/symbolic link/) }]);
    expect(existsSync(join(dest, 'escape'))).toBe(false);
  });

  it('refuses encrypted entries from zip -P with a reason', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    runArchiver('zip', ['-q', '-P', 'pw', 'locked.zip', 'secret.txt'], dir);
    const { dest } = freshDestination();
    const report = await extractArchive(join(dir, 'locked.zip'), dest);
    expect(report.extracted).toEqual([]);
    expect(report.refused).toEqual([{ name: 'secret.txt', reason: expect.stringMatching(/encrypted/) }]);
  });

  it('renames duplicated and case-colliding names to "name (n).ext" and says so', async () => {
    const path = codeZip('dupes.zip', [
      { name: 'a.txt', data: text('first') },
      { name: 'a.txt', data: text('second') },
      { name: 'A.TXT', data: text('third') },
    ]);
    const { dest } = freshDestination();
    const report = await extractArchive(path, dest);
    expect(report.extracted).toEqual(['a.txt', 'a (1).txt', 'A (2).TXT']);
    expect(report.renamed).toEqual([
      { name: 'a.txt', savedAs: 'a (1).txt' },
      { name: 'A.TXT', savedAs: 'A (2).TXT' },
    ]);
    expect(readFileSync(join(dest, 'a (1).txt'), 'utf8')).toBe('second');
  });

  it('renames names equal under Unicode normalization (NFC and NFD "café.txt") as it does case duplicates, and says so', async () => {
    const nfc = 'caf\u00e9.txt';
    const nfd = 'cafe\u0301.txt';
    const path = codeZip('normalization.zip', [
      { name: nfc, data: text('composed') },
      { name: nfd, data: text('decomposed') },
    ]);
    const { dest } = freshDestination();
    const report = await extractArchive(path, dest);
    expect(report.extracted).toEqual([nfc, 'cafe\u0301 (1).txt']);
    expect(report.renamed).toEqual([{ name: nfd, savedAs: 'cafe\u0301 (1).txt' }]);
    // Two files a person can tell apart, whatever the disk does with normalization.
    expect(filesUnder(dest).map((name) => name.normalize('NFC'))).toEqual(['caf\u00e9 (1).txt', 'caf\u00e9.txt']);
    expect(readFileSync(join(dest, 'cafe\u0301 (1).txt'), 'utf8')).toBe('decomposed');
  });

  it('never overwrites a file already in the destination', async () => {
    const path = codeZip('one.zip', [{ name: 'keep.txt', data: text('from zip') }]);
    const { dest } = freshDestination();
    writeFileSync(join(dest, 'keep.txt'), 'mine');
    const report = await extractArchive(path, dest);
    expect(readFileSync(join(dest, 'keep.txt'), 'utf8')).toBe('mine');
    expect(report.renamed).toEqual([{ name: 'keep.txt', savedAs: 'keep (1).txt' }]);
    expect(readFileSync(join(dest, 'keep (1).txt'), 'utf8')).toBe('from zip');
  });

  it('refuses an entry whose folder in the destination is a link leading outside it', async () => {
    const { parent, dest } = freshDestination();
    mkdirSync(join(parent, 'outside'));
    symlinkSync(join(parent, 'outside'), join(dest, 'sub'));
    const path = codeZip('via-link.zip', [{ name: 'sub/planted.txt', data: text('x') }]);
    const report = await extractArchive(path, dest);
    expect(report.refused).toEqual([{ name: 'sub/planted.txt', reason: expect.stringMatching(/outside/) }]);
    expect(readdirSync(join(parent, 'outside'))).toEqual([]);
  });

  it('never creates a folder through a link in the destination: folders are made one level at a time, links not followed', async () => {
    const { parent, dest } = freshDestination();
    mkdirSync(join(parent, 'outside'));
    symlinkSync(join(parent, 'outside'), join(dest, 'link'));
    const path = codeZip('deep-via-link.zip', [
      { name: 'link/made/by/mkdir/planted.txt', data: text('x') },
      { name: 'link/folder/', data: text('') },
      { name: 'fine/inside.txt', data: text('ok') },
    ]);
    const report = await extractArchive(path, dest);
    expect(readdirSync(join(parent, 'outside'))).toEqual([]);
    expect(report.refused.map((item) => item.name).sort()).toEqual(['link/folder/', 'link/made/by/mkdir/planted.txt']);
    expect(report.refused[0]!.reason).toMatch(/link/);
    expect(report.extracted).toEqual(['fine/inside.txt']);
  });

  it('leaves nothing on disk for a refused entry: no folders from a 3,000-level-deep path or an entry that failed', async () => {
    const deep = `${'d/'.repeat(3000)}deep.txt`;
    const lying = { data: Buffer.alloc(2 * 1024 * 1024), deflate: true, declaredSize: 1000 };
    const path = codeZip('deep.zip', [
      { name: deep, data: text('x') },
      { name: 'failed/inner/bomb.bin', ...lying },
      { name: 'kept/ok.txt', data: text('ok') },
      // Its folder `kept` holds a written file and stays; `kept/sub` was made for it alone.
      { name: 'kept/sub/bomb.bin', ...lying },
      { name: 'made/empty/', data: text('') },
    ]);
    const { parent, dest } = freshDestination();
    const report = await extractArchive(path, dest);
    expect(report.refused.map((item) => item.name)).toEqual([deep, 'failed/inner/bomb.bin', 'kept/sub/bomb.bin']);
    expect(report.refused[0]!.reason).toMatch(/too long/);
    expect(report.extracted).toEqual(['kept/ok.txt']);
    // Only the folders of what was written: the file's, and the folder entry's own.
    expect(foldersUnder(dest)).toEqual(['kept', 'made', 'made/empty']);
    expect(readdirSync(parent)).toEqual(['dest']);
  });

  it('refuses a whole archive past a limit (here 1000:1) before writing anything, and extracts it with allowLarge', async () => {
    const path = codeZip('ratio-bomb.zip', [
      { name: 'first.txt', data: text('first') },
      { name: 'zeros.bin', data: Buffer.alloc(8 * 1024 * 1024), deflate: true },
    ]);
    const { dest } = freshDestination();
    const error = appErrorOf(await extractArchive(path, dest).catch((e: unknown) => e));
    expect(error).toMatchObject({ kind: 'archive', message: expect.stringMatching(/safety limit.*"zeros.bin" would grow .* 100:1.*extract it anyway\.$/) });
    expect(readdirSync(dest)).toEqual([]);
    const report = await extractArchive(path, dest, { allowLarge: true });
    expect(report.extracted).toEqual(['first.txt', 'zeros.bin']);
  });

  it('stops an entry that inflates beyond its declared size, removes its partial file and extracts the rest', async () => {
    const path = codeZip('bomb.zip', [
      { name: 'bomb.bin', data: Buffer.alloc(20 * 1024 * 1024), deflate: true, declaredSize: 1000 },
      { name: 'after.txt', data: text('still here') },
    ]);
    const { dest } = freshDestination();
    const report = await extractArchive(path, dest);
    expect(report.refused).toEqual([{ name: 'bomb.bin', reason: expect.stringMatching(/beyond its declared size/) }]);
    expect(existsSync(join(dest, 'bomb.bin'))).toBe(false);
    expect(report.extracted).toEqual(['after.txt']);
  });

  it('refuses an entry whose data fails its CRC and removes the file', async () => {
    const path = codeZip('crc.zip', [{ name: 'flip.txt', data: text('hello world') }]);
    const bytes = readFileSync(path);
    const at = 30 + 'flip.txt'.length; // first data byte of the stored entry
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
    writeFileSync(path, bytes);
    const { dest } = freshDestination();
    const report = await extractArchive(path, dest);
    expect(report.refused).toEqual([{ name: 'flip.txt', reason: expect.stringMatching(/CRC/) }]);
    expect(existsSync(join(dest, 'flip.txt'))).toBe(false);
  });

  it('extracts only the selected entries and reports names not in the archive', async () => {
    const { dest } = freshDestination();
    const report = await extractArchive(join(dir, 'plain.zip'), dest, { entries: ['top.bin', 'nope.txt'] });
    expect(report.extracted).toEqual(['top.bin']);
    expect(report.refused).toEqual([{ name: 'nope.txt', reason: 'not in the archive' }]);
  });

  it('fails with a disk error before writing anything when the declared sizes exceed the free space', async () => {
    const { dest } = freshDestination();
    const stats = statfsSync(dest);
    const count = Math.ceil((stats.bavail * stats.bsize) / 0xffffffff) + 1;
    const entries = Array.from({ length: count }, (_, i) => ({ name: `huge-${i}.bin`, data: text('x'), declaredSize: 0xffffffff }));
    const error = await extractArchive(codeZip('huge.zip', entries), dest).then(() => null, (e: unknown) => e);
    expect(appErrorOf(error)).toMatchObject({ kind: 'disk', message: expect.stringMatching(/Not enough free space/) });
    expect(readdirSync(dest)).toEqual([]);
  });

  it('reports progress by entries (refused ones counted at once) and bytes, reaching the total', async () => {
    const path = codeZip('progress.zip', [
      ...Array.from({ length: 30 }, (_, i) => ({ name: `f/${i}.txt`, data: smallData(i), deflate: true })),
      { name: '../refused.txt', data: text('x') },
      { name: 'f/big.bin', data: Buffer.alloc(3 * 1024 * 1024, 1) },
    ]);
    const progress: EntryProgress[] = [];
    const { dest } = freshDestination();
    const report = await extractArchive(path, dest, { onProgress: (p) => progress.push(p) });
    expect(report.extracted).toHaveLength(31);
    expect(new Set(progress.map((p) => p.entriesTotal))).toEqual(new Set([32]));
    const done = progress.map((p) => p.entriesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done[0]).toBe(1); // the refused entry, before any is written
    const bytes = Array.from({ length: 30 }, (_, i) => smallData(i).length).reduce((a, b) => a + b) + 3 * 1024 * 1024;
    expect(progress.at(-1)).toEqual({ entriesDone: 32, entriesTotal: 32, bytesDone: bytes, bytesTotal: bytes, entry: null });
  });

  it('stops between entries when cancelled: every file it lists is complete, and nothing else was written', async () => {
    const count = 3000;
    const path = codeZip('many.zip', Array.from({ length: count }, (_, i) => ({ name: `d${i % 10}/item-${i}.txt`, data: smallData(i), deflate: true })));
    const { dest } = freshDestination();
    const controller = new AbortController();
    const error = await extractArchive(path, dest, {
      signal: controller.signal,
      onProgress: (p) => p.entriesDone === 1000 && controller.abort(),
    }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractionCancelled);
    const partial = (error as ExtractionCancelled).partial;
    // The signal came as entry 1,001 started: a small entry is written in one go, then it stops.
    expect(appErrorOf(error)).toMatchObject({ kind: 'cancelled', message: expect.stringMatching(/1,001 files written before it stopped were kept/) });
    expect(partial.extracted).toHaveLength(1001);
    expect(filesUnder(dest)).toEqual([...partial.extracted].sort());
    for (const name of partial.extracted) expect(readFileSync(join(dest, name)).equals(smallData(Number(/item-(\d+)/.exec(name)![1])))).toBe(true);
  });

  it('stops inside a large streamed entry when cancelled and removes its partial file, keeping the complete ones before it', async () => {
    const big = Buffer.alloc(24 * 1024 * 1024, 5);
    const path = codeZip('big-stored.zip', [
      { name: 'first.txt', data: text('first') },
      { name: 'second.txt', data: text('second') },
      { name: 'big.bin', data: big },
      { name: 'after.txt', data: text('never reached') },
    ]);
    const { dest } = freshDestination();
    const controller = new AbortController();
    let abortedAt = 0;
    const error = await extractArchive(path, dest, {
      signal: controller.signal,
      onProgress: (p) => {
        // A few MiB into the big entry, with the file open and partly written.
        if (p.entry === 'big.bin' && p.bytesDone > 4 * 1024 * 1024 && !controller.signal.aborted) {
          abortedAt = p.bytesDone;
          controller.abort();
        }
      },
    }).then(() => null, (e: unknown) => e);
    expect(abortedAt).toBeGreaterThan(0);
    expect(abortedAt).toBeLessThan(big.length);
    expect((error as ExtractionCancelled).partial.extracted).toEqual(['first.txt', 'second.txt']);
    expect(filesUnder(dest)).toEqual(['first.txt', 'second.txt']);
    expect(readFileSync(join(dest, 'second.txt'), 'utf8')).toBe('second');
  });

  it('fails with cancelled when the signal is already aborted', async () => {
    const { dest } = freshDestination();
    const error = await extractArchive(join(dir, 'plain.zip'), dest, { signal: AbortSignal.abort() }).then(() => null, (e: unknown) => e);
    expect(appErrorOf(error)?.kind).toBe('cancelled');
    expect(readdirSync(dest)).toEqual([]);
  });

  it('extracts a zip behind unadjusted prefix bytes (a stub glued in front)', async () => {
    const stub = Buffer.from('MZ fake installer stub '.repeat(50));
    writeFileSync(join(dir, 'stubbed.zip'), Buffer.concat([stub, readFileSync(join(dir, 'plain.zip'))]));
    const { dest } = freshDestination();
    const report = await extractArchive(join(dir, 'stubbed.zip'), dest);
    expect(report.refused).toEqual([]);
    expect(readFileSync(join(dest, 'docs', 'résumé.txt'), 'utf8')).toBe('content of résumé\n');
  });

  it('refuses entries in a compression method it cannot decode (7-Zip BZip2) with the method named', async () => {
    runArchiver('7z', ['a', '-tzip', '-mm=BZip2', '-bd', '../bzip2.zip', 'top.bin'], join(dir, 'src'));
    const { dest } = freshDestination();
    const report = await extractArchive(join(dir, 'bzip2.zip'), dest);
    expect(report.refused).toEqual([{ name: 'top.bin', reason: 'compression method 12 is not supported' }]);
    expect(readdirSync(dest)).toEqual([]);
  });

  it('fails with an archive error for a file that is not a zip', async () => {
    writeFileSync(join(dir, 'not.zip'), 'plain text');
    const { dest } = freshDestination();
    const error = await extractArchive(join(dir, 'not.zip'), dest).then(() => null, (e: unknown) => e);
    expect(appErrorOf(error)?.kind).toBe('archive');
    expect(lstatSync(dest).isDirectory()).toBe(true);
  });
});
