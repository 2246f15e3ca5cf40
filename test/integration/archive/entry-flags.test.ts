import { mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArchiveEntry, ArchiveListing } from '../../../shared/api/archive';
import { listArchive, manifestPathFor, verifyArchive } from '../../../main/core/archive';
import { downloadZip } from '../../../main/core/downloads';
import { SAMPLE_EXPORTS, sampleExportUrls } from '../../../main/core/sample-backend';
import type { ErrorStubPlan } from '../../../main/core/sample-backend';
import { createSampleFixture, saveBatchZip } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { fixtureDir, writeZip, writeZipPast4GiB } from '../../helpers/zip-fixtures';

const STUBS: ErrorStubPlan = {
  'pages/page-03.png': 'html',
  'reports/report-q2.pdf': 'json',
  'photos/photo-02.jpg': 'xml',
  'pages/page-07.png': 'text',
  'diagrams/diagram-2.svg': 'html',
};

/** The flags of the entry named `name` (exactly one such entry). */
function flagsOf(listing: ArchiveListing, name: string): ArchiveEntry['flags'] {
  const matches = listing.entries.filter((entry) => entry.name === name);
  expect(matches, name).toHaveLength(1);
  return matches[0]!.flags;
}

describe('error pages saved in place of exports (a sample backend told to stub some)', () => {
  let fx: SampleFixture;
  beforeEach(() => void (fx = createSampleFixture()));
  afterEach(() => fx.cleanup());

  it('flags each stub with what it holds and its size, and nothing else in the whole sample catalog', async () => {
    const backend = await fx.start({ errorStubs: STUBS });
    const zip = join(fx.root, 'batch.zip');
    await saveBatchZip(backend, sampleExportUrls(backend.url), zip);
    const listing = await listArchive(zip);
    expect(listing.count).toBe(SAMPLE_EXPORTS.length);

    const stub = (name: string) => {
      const flags = flagsOf(listing, name);
      expect(flags, name).toHaveLength(1);
      expect(flags[0]!.kind, name).toBe('error-stub');
      return flags[0]!.reason;
    };
    const size = (name: string) => listing.entries.find((entry) => entry.name === name)!.size;
    expect(stub('page-03.png')).toBe(`says .png but holds an HTML page (${size('page-03.png')} bytes): “502 Bad Gateway” — likely an error page the server saved in its place`);
    expect(size('page-03.png')).toBeGreaterThan(300);
    expect(size('page-03.png')).toBeLessThan(600);
    expect(stub('report-q2.pdf')).toMatch(/^says \.pdf but holds a JSON document \(\d+ bytes\): “The export could not be rendered in time; try again later\.” — likely an error page/);
    expect(stub('photo-02.jpg')).toMatch(/^says \.jpg but holds an XML document \(\d+ bytes\): “Request has expired”/);
    expect(stub('page-07.png')).toMatch(/^says \.png but holds plain text \(22 bytes\): “Internal Server Error”/);
    expect(stub('diagram-2.svg')).toMatch(/^says \.svg but holds an HTML page/);

    // Every real PNG, JPEG, PDF, SVG, JSON, CSV and text export passes, the small ones read and all.
    const flagged = listing.entries.filter((entry) => entry.flags.length > 0).map((entry) => entry.name);
    expect(flagged.sort()).toEqual(['diagram-2.svg', 'page-03.png', 'page-07.png', 'photo-02.jpg', 'report-q2.pdf']);
    expect(listing.warnings).toEqual([]);
  });

  it('lists the stubs of a zip the app downloaded, and the manifest written beside it', async () => {
    const backend = await fx.start({ errorStubs: STUBS });
    const outcome = await downloadZip({
      baseUrl: backend.url,
      apiKey: null,
      // The two covers, twelve pages and the first two photos.
      sourceFileUrls: sampleExportUrls(backend.url).slice(0, 16),
      maxBatchSize: null,
      destination: { kind: 'folder', dir: fx.saveDir },
      tempDir: fx.tempDir,
      manifest: { app: { name: 'export-manager', version: '9.9.9-test' }, profileName: 'Sample' },
    });
    expect(outcome.error).toBeNull();
    const zip = outcome.parts[0]!.path;
    const listing = await listArchive(zip);
    // The download itself succeeds: the zip is whole, its entries just hold the wrong things.
    expect(listing.entries.filter((entry) => entry.flags.some((flag) => flag.kind === 'error-stub')).map((entry) => entry.name).sort()).toEqual([
      'page-03.png',
      'page-07.png',
      'photo-02.jpg',
    ]);
    expect(listing.manifest).toBe(basename(manifestPathFor(zip)));
    expect(listing.manifest).toBe('Canvas exports – sample.manifest.json');
  });

  it('serves every export whole without the knob', async () => {
    const backend = await fx.start();
    const zip = join(fx.root, 'clean.zip');
    await saveBatchZip(backend, sampleExportUrls(backend.url), zip);
    const listing = await listArchive(zip);
    expect(listing.entries.filter((entry) => entry.flags.length > 0)).toEqual([]);
    expect(listing.manifest).toBeNull();
  });
});

describe('flags of hand-built zips', () => {
  const { dir, cleanup } = fixtureDir();
  afterAll(cleanup);

  it('reads the head of deflated entries too, and flags empty files of types that cannot be empty', async () => {
    const path = join(dir, 'deflated.zip');
    const page = Buffer.from(`<!doctype html><html><head><title>Sign in</title></head><body>${'<p>Please sign in to continue.</p>'.repeat(40)}</body></html>`);
    writeZip(path, [
      { name: 'login.PNG', data: page, deflate: true },
      { name: 'empty.png', data: Buffer.alloc(0) },
      { name: 'empty.csv', data: Buffer.alloc(0) },
      { name: 'notes.txt', data: Buffer.from('<html>notes about html</html>') },
      { name: 'data.json', data: Buffer.from('{"rows":[]}'), deflate: true },
      { name: 'bare.json', data: Buffer.from('null') },
      { name: 'error.json', data: Buffer.from('<!DOCTYPE html><html><title>404 Not Found</title></html>') },
      { name: 'big.png', data: Buffer.concat([Buffer.from('<html><title>too big to check</title>'), Buffer.alloc(70 * 1024, 0x20)]) },
      { name: 'folder.png/', data: Buffer.alloc(0) },
    ]);
    const listing = await listArchive(path);
    expect(flagsOf(listing, 'login.PNG')).toEqual([
      { kind: 'error-stub', reason: `says .png but holds an HTML page (${page.length.toLocaleString('en-US')} bytes): “Sign in” — likely an error page the server saved in its place` },
    ]);
    expect(flagsOf(listing, 'empty.png')).toEqual([{ kind: 'empty', reason: expect.stringMatching(/^says \.png but is empty \(0 bytes\)/) }]);
    expect(flagsOf(listing, 'error.json')).toEqual([{ kind: 'error-stub', reason: expect.stringContaining('“404 Not Found”') }]);
    // A CSV may be empty, a text file may hold markup, JSON may be a bare null; past 64 KiB nothing is read; a folder is no file.
    for (const name of ['empty.csv', 'notes.txt', 'data.json', 'bare.json', 'big.png', 'folder.png/']) expect(flagsOf(listing, name), name).toEqual([]);
  });

  it('flags names not stored as UTF-8: CP437 bytes shown decoded, unflagged UTF-8, and a UTF-8 flag over bytes that are not', async () => {
    const path = join(dir, 'names.zip');
    writeZip(path, [
      // "café.txt" and "Ñandú.pdf" as a DOS zipper stores them, in CP437 without the UTF-8 flag.
      { name: Buffer.from([0x63, 0x61, 0x66, 0x82, 0x2e, 0x74, 0x78, 0x74]), data: Buffer.from('x') },
      { name: Buffer.from([0xa5, 0x61, 0x6e, 0x64, 0xa3, 0x2e, 0x70, 0x64, 0x66]), data: Buffer.from('%PDF-1.4\n') },
      { name: Buffer.from('naïve.txt', 'utf8'), data: Buffer.from('x') },
      { name: Buffer.from('plain-ascii.txt'), data: Buffer.from('x') },
      { name: 'flagged-ünïcode.txt', data: Buffer.from('x') },
    ]);
    const listing = await listArchive(path);
    expect(listing.entries.map((entry) => entry.name)).toEqual(['café.txt', 'Ñandú.pdf', 'naïve.txt', 'plain-ascii.txt', 'flagged-ünïcode.txt']);
    for (const name of ['café.txt', 'Ñandú.pdf']) {
      expect(flagsOf(listing, name), name).toEqual([{ kind: 'not-utf8-name', reason: expect.stringMatching(/^name stored without the UTF-8 flag in a legacy code page: shown decoded as CP437/) }]);
    }
    expect(flagsOf(listing, 'naïve.txt')).toEqual([{ kind: 'not-utf8-name', reason: expect.stringMatching(/^name stored as UTF-8 without the UTF-8 flag/) }]);
    expect(flagsOf(listing, 'plain-ascii.txt')).toEqual([]);
    expect(flagsOf(listing, 'flagged-ünïcode.txt')).toEqual([]);
    // A name's flag changes nothing else about it.
    expect(listing.entries.every((entry) => entry.unsafe === null)).toBe(true);

    // A byte-order mark at the start of a name is kept (an invisible character, so the name is unsafe), flagged or not.
    const bom = join(dir, 'bom.zip');
    writeZip(bom, [
      { name: Buffer.from('\uFEFFunflagged.txt', 'utf8'), data: Buffer.from('x') },
      { name: '\uFEFFflagged.txt', data: Buffer.from('x') },
    ]);
    for (const entry of (await listArchive(bom)).entries) {
      expect(entry.name.startsWith('\uFEFF'), entry.name).toBe(true);
      expect(entry.unsafe, entry.name).toMatch(/invisible/);
    }

    // The UTF-8 flag over CP437 bytes: writeZip flags string names, so the flag bit is set by hand below.
    const lying = join(dir, 'lying-flag.zip');
    writeZip(lying, [{ name: 'caf\u00e9.txt', data: Buffer.from('x') }]);
    const bytes = readFileSync(lying);
    // Replace the two UTF-8 bytes of "é" (c3 a9) with CP437's 0x82 and a space, in both headers (same length).
    for (let at = bytes.indexOf(Buffer.from([0xc3, 0xa9])); at >= 0; at = bytes.indexOf(Buffer.from([0xc3, 0xa9]), at + 1)) bytes.set([0x82, 0x5f], at);
    writeFileSync(lying, bytes);
    const [entry] = (await listArchive(lying)).entries;
    expect(entry!.name).toBe('caf\uFFFD_.txt');
    expect(entry!.flags).toEqual([{ kind: 'not-utf8-name', reason: expect.stringMatching(/^name flagged as UTF-8 but its bytes are not valid UTF-8/) }]);
  });
});

describe('archives past the 32-bit records without zip64 (likely truncated by their writer)', () => {
  const { dir, cleanup } = fixtureDir();
  afterAll(cleanup);

  it('warns when the central directory holds more entries than the end record\'s 16-bit count', async () => {
    const entries = function* () {
      for (let i = 0; i < 70_000; i++) yield { name: `f${i}.txt`, data: Buffer.from('x') };
    };
    const wrapped = join(dir, 'wrapped-count.zip');
    writeZip(wrapped, entries(), { noZip64: true });
    const listing = await listArchive(wrapped);
    expect(listing.count).toBe(70_000 - 65_536);
    expect(listing.warnings).toEqual([
      {
        kind: 'missing-zip64',
        reason: expect.stringMatching(/^The end record counts 4,464 entries but the central directory holds 70,000: over 65,535 entries need zip64 records.*likely truncated by its writer.*Only the first 4,464 are listed/),
      },
    ]);

    // A writer that saturates the count at 65,535 instead of wrapping it, still without zip64 records.
    const saturated = join(dir, 'saturated-count.zip');
    const bytes = readFileSync(wrapped);
    bytes.writeUInt16LE(0xffff, bytes.length - 22 + 8);
    bytes.writeUInt16LE(0xffff, bytes.length - 22 + 10);
    writeFileSync(saturated, bytes);
    expect(await listArchive(saturated)).toMatchObject({
      count: 65_535,
      warnings: [{ kind: 'missing-zip64', reason: expect.stringMatching(/^The end record counts 65,535 entries but the central directory holds 70,000: .*likely truncated by its writer/) }],
    });

    // The same entries with zip64 records: nothing to say.
    const proper = join(dir, 'zip64-count.zip');
    writeZip(proper, entries());
    expect(await listArchive(proper)).toMatchObject({ count: 70_000, warnings: [] });
  });

  it('warns when exactly 65,536 entries wrapped the count to 0, which would list as an empty zip', async () => {
    const path = join(dir, 'wrapped-to-zero.zip');
    writeZip(path, (function* () {
      for (let i = 0; i < 65_536; i++) yield { name: `f${i}.png`, data: Buffer.from('<html>') };
    })(), { noZip64: true });
    const listing = await listArchive(path);
    expect(listing.count).toBe(0);
    expect(listing.warnings).toEqual([
      { kind: 'missing-zip64', reason: expect.stringMatching(/^The end record counts 0 entries but the central directory holds 65,536: .*None of them is listed or extracted\.$/) },
    ]);
  });

  it('warns when the central directory sits past 4 GiB with only 32-bit offsets (a sparse file, nothing written past a few KiB)', async (context) => {
    if (process.platform === 'win32') context.skip();
    const path = join(dir, 'past-4gib.zip');
    writeZipPast4GiB(path);
    const stats = statSync(path);
    expect(stats.size).toBeGreaterThan(2 ** 32);
    // Where holes are not kept (a file system without them) the test would have written 4 GiB: it skips instead.
    if (stats.blocks * 512 > 64 * 1024 ** 2) {
      rmSync(path);
      context.skip();
    }
    const listing = await listArchive(path);
    expect(listing.entries.map((entry) => entry.name)).toEqual(['big.bin', 'after.png']);
    expect(listing.warnings).toEqual([
      {
        kind: 'missing-zip64',
        reason: expect.stringMatching(/^The archive is 4\.00 GiB, past the 4 GiB that 32-bit offsets reach, and has no zip64 records: its writer cut its offsets to 32 bits \(likely truncated by its writer\), so some entries point to the wrong place/),
      },
    ]);
    // As the warning says, Verify names the entry whose offset no longer leads to it (the offsets are read as shifted by the 4 GiB they lost).
    const verified = await verifyArchive(path);
    expect(verified.ok).toBe(false);
    expect(verified.failed.map((failure) => failure.name)).toContain('big.bin');
    rmSync(path);
  });

  it('says nothing about an ordinary small zip', async () => {
    const path = join(dir, 'small.zip');
    writeZip(path, [{ name: 'a.txt', data: Buffer.from('a') }]);
    expect((await listArchive(path)).warnings).toEqual([]);
  });
});

describe('the manifest beside a zip, as the listing names it', () => {
  const { dir, cleanup } = fixtureDir();
  afterAll(cleanup);

  it('names a regular file of the manifest\'s name (a split part\'s too), never a folder or a link', async () => {
    const zip = join(dir, 'exports.zip');
    writeZip(zip, [{ name: 'a.txt', data: Buffer.from('a') }]);
    expect((await listArchive(zip)).manifest).toBeNull();
    writeFileSync(join(dir, 'exports.manifest.json'), '{}');
    expect((await listArchive(zip)).manifest).toBe('exports.manifest.json');

    const part = join(dir, 'set (part 2 of 3).zip');
    writeZip(part, [{ name: 'b.txt', data: Buffer.from('b') }]);
    writeFileSync(join(dir, 'set (3 parts).manifest.json'), '{}');
    expect((await listArchive(part)).manifest).toBe('set (3 parts).manifest.json');

    const folderCase = join(dir, 'folder.zip');
    writeZip(folderCase, [{ name: 'c.txt', data: Buffer.from('c') }]);
    mkdirSync(join(dir, 'folder.manifest.json'));
    expect((await listArchive(folderCase)).manifest).toBeNull();

    if (process.platform !== 'win32') {
      const linked = join(dir, 'linked.zip');
      writeZip(linked, [{ name: 'd.txt', data: Buffer.from('d') }]);
      symlinkSync(join(dir, 'exports.manifest.json'), join(dir, 'linked.manifest.json'));
      expect((await listArchive(linked)).manifest).toBeNull();
    }
  });
});
