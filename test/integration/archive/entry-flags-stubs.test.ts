import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveListing } from '../../../shared/api/archive';
import { listArchive } from '../../../main/core/archive';
import { sampleContent } from '../../../main/core/sample-backend/sample-content';
import { fixtureDir, runArchiver, writeZip } from '../../helpers/zip-fixtures';

const PAGE = Buffer.from('<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body><h1>503</h1></body></html>\n');

function flagged(listing: ArchiveListing): string[] {
  return listing.entries.filter((entry) => entry.flags.length > 0).map((entry) => entry.name).sort();
}

describe('real files of the type their name says are never flagged, stored or deflated', () => {
  const { dir, cleanup } = fixtureDir();
  const files = join(dir, 'files');
  afterAll(cleanup);

  beforeAll(() => {
    mkdirSync(files);
    const write = (name: string, data: Buffer) => writeFileSync(join(files, name), data);
    // The sample backend's encoders: real PNGs, JPEGs, PDFs, SVGs, JSON and CSV, tiny and larger.
    for (const [kind, size] of [['png', 20], ['png', 30_000], ['jpg', 400], ['jpg', 40_000], ['pdf', 300], ['pdf', 50_000], ['svg', 200], ['svg', 20_000], ['json', 100], ['json', 20_000], ['csv', 50], ['csv', 20_000]] as const) {
      write(`real-${size}.${kind}`, sampleContent(kind, `real ${kind} ${size}`, size));
    }
    // gzip by zlib (an SVGZ is a gzipped SVG), a zip and a 7z, xz and bzip2 by their archivers.
    write('drawing.svgz', gzipSync(sampleContent('svg', 'zipped', 5_000)));
    write('log.gz', gzipSync(Buffer.from('line\n'.repeat(500))));
    runArchiver('zip', ['-q', '-X', 'bundle.zip', 'real-20.png', 'real-300.pdf'], files);
    writeFileSync(join(files, 'bundle.docx'), readFileSync(join(files, 'bundle.zip')));
    runArchiver('7z', ['a', '-bd', '-bso0', 'bundle.7z', 'real-400.jpg'], files);
    runArchiver('7z', ['a', '-bd', '-bso0', '-txz', 'notes.xz', 'real-100.json'], files);
    runArchiver('7z', ['a', '-bd', '-bso0', '-tbzip2', 'notes.bz2', 'real-50.csv'], files);
  });

  /** Every real file made above, by name. */
  const names = () => readdirSync(files).sort();

  it('by code, every file stored and every file deflated', async () => {
    const path = join(dir, 'by-code.zip');
    writeZip(path, names().flatMap((name) => [
      { name: `stored/${name}`, data: readFileSync(join(files, name)) },
      { name: `deflated/${name}`, data: readFileSync(join(files, name)), deflate: true },
    ]));
    const listing = await listArchive(path);
    expect(listing.count).toBe(2 * names().length);
    expect(flagged(listing)).toEqual([]);
  });

  it('by Info-ZIP\'s zip at its strongest and with nothing compressed, and by 7-Zip\'s deflate', async () => {
    runArchiver('zip', ['-q', '-X', '-9', '../zip-9.zip', ...names()], files);
    runArchiver('zip', ['-q', '-X', '-0', '../zip-0.zip', ...names()], files);
    runArchiver('7z', ['a', '-bd', '-bso0', '-tzip', '-mm=Deflate', '-mx=9', '../7z-deflate.zip', ...names()], files);
    for (const zip of ['zip-9.zip', 'zip-0.zip', '7z-deflate.zip']) {
      const listing = await listArchive(join(dir, zip));
      expect(listing.count, zip).toBe(names().length);
      expect(flagged(listing), zip).toEqual([]);
    }
  });

  it('while the same archivers\' error pages under those names are', async () => {
    const stubs = join(dir, 'stubs');
    mkdirSync(stubs);
    for (const name of names()) writeFileSync(join(stubs, name), PAGE);
    runArchiver('zip', ['-q', '-X', '-9', '../stubs.zip', ...names()], stubs);
    const listing = await listArchive(join(dir, 'stubs.zip'));
    // CSV is the one type that may start with anything but markup: a page in its place is caught, text would not be.
    expect(flagged(listing)).toEqual(names().sort());
    for (const entry of listing.entries) expect(entry.flags[0]!.reason, entry.name).toContain('“503 Service Unavailable”');
  });
});

describe('names that promise no type are never flagged, whatever they hold', () => {
  const { dir, cleanup } = fixtureDir();
  afterAll(cleanup);

  it('an unknown or missing extension, a text type that may hold markup, a dot file, a last extension not the type\'s', async () => {
    const path = join(dir, 'unknown.zip');
    const unknown = ['report.xyz', 'README', 'page.html', 'page.htm', 'notes.md', 'notes.txt', 'data.xml', 'backup.tar', '.png', 'cover.png.bak', 'exports/png', 'data.yaml'];
    writeZip(path, unknown.flatMap((name) => [
      { name, data: PAGE },
      { name: `deflated/${name}`, data: PAGE, deflate: true },
    ]));
    const listing = await listArchive(path);
    expect(listing.count).toBe(unknown.length * 2);
    expect(flagged(listing)).toEqual([]);
  });
});

describe('error pages the listing catches', () => {
  const { dir, cleanup } = fixtureDir();
  afterAll(cleanup);

  it('in a legacy code page, tiny and deflated, stored past the head it reads, and says what each page says', async () => {
    const path = join(dir, 'stubs.zip');
    const latin1 = Buffer.from('<html><head><title>Accès refusé</title></head><body>Fichier supprimé.</body></html>', 'latin1');
    const big = Buffer.concat([Buffer.from('<!DOCTYPE html><html><head><title>Sign in – Portal</title></head><body>'), Buffer.alloc(40_000, '<p>Please sign in.</p>\n'), Buffer.from('</body></html>')]);
    writeZip(path, [
      { name: 'cover-fr.png', data: latin1 },
      { name: 'tiny.jpg', data: Buffer.from('Forbidden'), deflate: true },
      { name: 'error.pdf', data: Buffer.from('{"message":"Token expired"}'), deflate: true },
      { name: 'sign-in.pdf', data: big },
      { name: 'sign-in-deflated.webp', data: big, deflate: true },
    ]);
    const listing = await listArchive(path);
    const reason = (name: string) => listing.entries.find((entry) => entry.name === name)!.flags.map((flag) => flag.reason);
    expect(reason('cover-fr.png')).toEqual([expect.stringMatching(/^says \.png but holds an HTML page \(\d+ bytes\): “Accès refusé” — likely an error page/)]);
    expect(reason('tiny.jpg')).toEqual([expect.stringMatching(/^says \.jpg but holds plain text \(9 bytes\): “Forbidden”/)]);
    expect(reason('error.pdf')).toEqual([expect.stringMatching(/^says \.pdf but holds a JSON document \(\d+ bytes\): “Token expired”/)]);
    expect(reason('sign-in.pdf')).toEqual([expect.stringMatching(/^says \.pdf but holds an HTML page \(40,\d{3} bytes\): “Sign in – Portal”/)]);
    expect(reason('sign-in-deflated.webp')).toEqual([expect.stringMatching(/^says \.webp but holds an HTML page \(40,\d{3} bytes\): “Sign in – Portal”/)]);
  });
});
