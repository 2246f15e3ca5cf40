import { mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { extractArchive, listArchive } from '../../../main/core/archive';
import { fixtureDir, runArchiver, writeZip } from '../../helpers/zip-fixtures';

const { dir, cleanup } = fixtureDir();
const src = join(dir, 'src');

/** The AppError `promise` rejects with (fails the test when it resolves or throws a bug). */
async function appErrorFrom(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(appErrorOf(error), String(error)).not.toBeNull();
  return appErrorOf(error)!;
}

beforeAll(() => {
  mkdirSync(join(src, '日本語'), { recursive: true });
  writeFileSync(join(src, 'héllo wörld.txt'), 'bonjour\n');
  writeFileSync(join(src, '日本語', 'ファイル.txt'), 'x'.repeat(10_000));
  runArchiver('zip', ['-r', '-q', '-z', '../infozip.zip', '.'], src, 'A comment — with unicode\n');
});
afterAll(cleanup);

describe('listArchive', () => {
  it('lists an Info-ZIP archive: unicode names, folders, sizes, dates, totals and the comment', async () => {
    const listing = await listArchive(join(dir, 'infozip.zip'));
    const byName = new Map(listing.entries.map((entry) => [entry.name, entry]));
    expect([...byName.keys()].sort()).toEqual(['héllo wörld.txt', '日本語/', '日本語/ファイル.txt']);
    expect(byName.get('日本語/')).toMatchObject({ directory: true, size: 0, unsafe: null });
    const big = byName.get('日本語/ファイル.txt')!;
    expect(big).toMatchObject({ size: 10_000, directory: false, encrypted: false, unsafe: null });
    expect(big.compressedSize).toBeLessThan(200);
    expect(Date.parse(big.modified!)).toBeGreaterThan(Date.now() - 3_600_000);
    expect(listing).toMatchObject({ count: 3, totalSize: 10_008, comment: 'A comment — with unicode' });
  });

  it('lists archives written by 7-Zip and by bsdtar with their unicode names', async () => {
    runArchiver('7z', ['a', '-tzip', '-bd', '../7zip.zip', '.'], src);
    runArchiver('bsdtar', ['--format', 'zip', '-cf', '../bsdtar.zip', '.'], src);
    for (const file of ['7zip.zip', 'bsdtar.zip']) {
      const names = (await listArchive(join(dir, file))).entries.map((entry) => entry.name.replace(/^\.\//, ''));
      expect(names, file).toEqual(expect.arrayContaining(['héllo wörld.txt', '日本語/ファイル.txt']));
    }
  });

  it('lists an empty archive as zero entries', async () => {
    writeZip(join(dir, 'empty.zip'), []);
    expect(await listArchive(join(dir, 'empty.zip'))).toMatchObject({ count: 0, totalSize: 0, entries: [], comment: null });
  });

  it('lists more than 65,535 entries (zip64 end records)', async () => {
    const path = join(dir, 'many.zip');
    writeZip(path, (function* () {
      for (let i = 0; i < 70_000; i++) yield { name: `f${i}.txt`, data: Buffer.from('x') };
    })());
    const listing = await listArchive(path);
    expect(listing.count).toBe(70_000);
    expect(listing.entries.at(-1)?.name).toBe('f69999.txt');
    expect(listing.totalSize).toBe(70_000);
  });

  it('lists an Info-ZIP archive forced to zip64 records', async () => {
    runArchiver('zip', ['-q', '-fz', '-r', '../zip64.zip', '.'], src);
    const listing = await listArchive(join(dir, 'zip64.zip'));
    expect(listing.entries.find((entry) => entry.name === '日本語/ファイル.txt')?.size).toBe(10_000);
  });

  it('lists a zip behind prefix bytes, with and without adjusted offsets', async () => {
    const stub = Buffer.from('#!/bin/sh\necho self-extracting stub\nexit 0\n'.repeat(20));
    writeFileSync(join(dir, 'prefixed.zip'), Buffer.concat([stub, readFileSync(join(dir, 'infozip.zip'))]));
    expect((await listArchive(join(dir, 'prefixed.zip'))).count).toBe(3);
    writeFileSync(join(dir, 'adjusted.zip'), Buffer.concat([stub, readFileSync(join(dir, 'infozip.zip'))]));
    runArchiver('zip', ['-q', '-A', 'adjusted.zip'], dir);
    expect((await listArchive(join(dir, 'adjusted.zip'))).count).toBe(3);
  });

  it('lists traversal, absolute and control-character names as unsafe instead of rejecting the archive', async () => {
    const path = join(dir, 'evil.zip');
    writeZip(path, [
      { name: '../../evil.txt', data: Buffer.from('x') },
      { name: '/etc/evil', data: Buffer.from('x') },
      { name: 'C:\\evil.dll', data: Buffer.from('x') },
      { name: 'sub\\..\\..\\evil.txt', data: Buffer.from('x') },
      { name: Buffer.from('nul\u0000.txt', 'latin1'), data: Buffer.from('x') },
      { name: 'fine.txt', data: Buffer.from('x') },
    ]);
    const unsafe = (await listArchive(path)).entries.map((entry) => [entry.name, entry.unsafe !== null]);
    expect(unsafe).toEqual([
      ['../../evil.txt', true],
      ['/etc/evil', true],
      ['C:/evil.dll', true],
      ['sub/../../evil.txt', true],
      ['nul\u0000.txt', true],
      ['fine.txt', false],
    ]);
  });

  it('lists names with C1 controls and invisible characters as unsafe with the reason, and extraction refuses them', async () => {
    const hidden = [
      'next\u0085line.txt', 'csi\u009B31m.txt', 'in\u00ADvoice.pdf', 'line\u2028sep.txt', 'para\u2029sep.txt',
      'tag\u{E0041}.txt', 'mongolian\u180E.txt', 'hangul\u3164.txt', 'emoji\uFE0F.txt', 'selector\u{E0100}.txt',
    ];
    const path = join(dir, 'hidden.zip');
    writeZip(path, [...hidden.map((name) => ({ name, data: Buffer.from('x') })), { name: 'fine.txt', data: Buffer.from('x') }]);
    const listing = await listArchive(path);
    expect(listing.entries.map((entry) => entry.name)).toEqual([...hidden, 'fine.txt']);
    for (const entry of listing.entries.slice(0, -1)) {
      const codePoint = [...entry.name].find((char) => !/[\x20-\x7e]/.test(char))!.codePointAt(0)!;
      const label = codePoint <= 0x9f ? `\\x${codePoint.toString(16)}` : `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
      expect(entry.unsafe, JSON.stringify(entry.name)).toMatch(codePoint <= 0x9f ? /control character/ : /invisible or text-direction character/);
      expect(entry.unsafe, JSON.stringify(entry.name)).toContain(`(${label})`);
    }
    expect(listing.entries.at(-1)!.unsafe).toBeNull();
    const dest = join(dir, 'hidden-out');
    const report = await extractArchive(path, dest);
    expect(report.extracted).toEqual(['fine.txt']);
    expect(report.refused.map((item) => [item.name, item.reason])).toEqual(listing.entries.slice(0, -1).map((entry) => [entry.name, entry.unsafe]));
    expect(readdirSync(dest)).toEqual(['fine.txt']);
  });

  it('flags symbolic links stored by zip -y and encrypted entries stored by zip -P', async () => {
    const linkDir = join(dir, 'links');
    mkdirSync(linkDir);
    writeFileSync(join(linkDir, 'target.txt'), 'secret');
    symlinkSync('/etc/passwd', join(linkDir, 'escape'));
    runArchiver('zip', ['-q', '-y', '../links.zip', 'target.txt', 'escape'], linkDir);
    runArchiver('zip', ['-q', '-P', 'pw', '../locked.zip', 'target.txt'], linkDir);
    const links = await listArchive(join(dir, 'links.zip'));
    expect(links.entries.find((entry) => entry.name === 'escape')?.unsafe).toMatch(/symbolic link/);
    expect(links.entries.find((entry) => entry.name === 'target.txt')?.unsafe).toBeNull();
    expect((await listArchive(join(dir, 'locked.zip'))).entries[0]).toMatchObject({ name: 'target.txt', encrypted: true });
  });

  it('fails with an archive error for truncated, empty and non-zip files, and for a folder', async () => {
    writeFileSync(join(dir, 'cut.zip'), readFileSync(join(dir, 'infozip.zip')));
    truncateSync(join(dir, 'cut.zip'), 300);
    writeFileSync(join(dir, 'zero.zip'), '');
    writeFileSync(join(dir, 'text.zip'), 'this is not a zip at all\n'.repeat(100));
    for (const file of ['cut.zip', 'zero.zip', 'text.zip', 'src']) {
      const error = await appErrorFrom(listArchive(join(dir, file)));
      expect(error.kind, file).toBe('archive');
      expect(error.message, file).toContain(`"${file}"`);
    }
  });

  it('fails with a disk error for a missing file (not-found is the backend\'s 404 only)', async () => {
    expect(await appErrorFrom(listArchive(join(dir, 'missing.zip')))).toMatchObject({ kind: 'disk', message: expect.stringMatching(/"missing.zip" does not exist/) });
  });
});
