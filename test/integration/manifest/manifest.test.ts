import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manifestPathFor, verifyZip } from '../../../main/core/archive';
import { downloadZip } from '../../../main/core/downloads';
import type { ManifestContext } from '../../../main/core/downloads';
import { sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import { startLoopbackServer } from '../../helpers/loopback-server';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { writeZip } from '../../helpers/zip-fixtures';

let fx: SampleFixture;
beforeEach(() => void (fx = createSampleFixture()));
afterEach(() => fx.cleanup());

const CONTEXT: ManifestContext = { app: { name: 'export-manager', version: '9.9.9-test' }, profileName: 'Staging' };
const KEY = 'manifest-test-key-4f1c9e';
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** What `unzip` (an independent reader) says an entry holds. */
function unzipEntry(zip: string, name: string): Buffer {
  return execFileSync('unzip', ['-p', zip, name], { maxBuffer: 64 * 1024 ** 2 });
}

/** The entry names `unzip -Z1` lists (files only). */
function unzipNames(zip: string): string[] {
  return execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter((name) => name && !name.endsWith('/'));
}

interface ManifestJson {
  format: string;
  version: number;
  app: { name: string; version: string };
  profile: { name: string | null; baseUrl: string };
  requested: number;
  partCount: number;
  complete: boolean;
  parts: Array<{
    part: number;
    file: string;
    bytes: number;
    sha256: string;
    request: { sourceFileUrls: string[] };
    response: { status: number; contentDisposition: string | null };
    entries: Array<{ name: string; size: number; compressedSize: number; crc32: string; sha256: string }>;
  }>;
}

async function download(urls: string[], options: { maxBatchSize?: number | null; manifest?: ManifestContext | null; baseUrl: string; apiKey?: string | null }) {
  return downloadZip({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey ?? KEY,
    sourceFileUrls: urls,
    maxBatchSize: options.maxBatchSize ?? null,
    destination: { kind: 'folder', dir: fx.saveDir },
    tempDir: fx.tempDir,
    manifest: options.manifest === undefined ? CONTEXT : options.manifest,
  });
}

/** Flips one byte of `path` at `offset`. */
function flipByte(path: string, offset: number): void {
  const fd = openSync(path, 'r+');
  const byte = Buffer.alloc(1);
  readSync(fd, byte, 0, 1, offset);
  byte[0] = byte[0]! ^ 0xff;
  writeSync(fd, byte, 0, 1, offset);
  closeSync(fd);
}

describe('the manifest beside a downloaded zip', () => {
  it('records the request, the answer, the file and every entry, with hashes an independent reader agrees with, and never the key', async () => {
    const backend = await fx.start({ apiKey: KEY });
    const urls = sampleExportUrls(backend.url).slice(0, 5);
    const outcome = await download(urls, { baseUrl: backend.url });
    expect(outcome.error).toBeNull();
    const zip = outcome.parts[0]!.path;
    expect(outcome.manifestPath).toBe(manifestPathFor(zip));
    expect(outcome.manifestPath).toBe(zip.replace(/\.zip$/, '.manifest.json'));
    const text = readFileSync(outcome.manifestPath!, 'utf8');
    expect(text).not.toContain(KEY);
    const manifest = JSON.parse(text) as ManifestJson;
    expect(manifest).toMatchObject({
      format: 'export-manager-manifest',
      version: 1,
      app: CONTEXT.app,
      profile: { name: 'Staging', baseUrl: backend.url },
      requested: 5,
      partCount: 1,
      complete: true,
    });
    const [part] = manifest.parts;
    const bytes = readFileSync(zip);
    expect(part).toMatchObject({ part: 1, file: zip.split('/').pop(), bytes: bytes.length, sha256: sha256(bytes), request: { sourceFileUrls: urls } });
    expect(part!.response.status).toBe(200);
    expect(part!.response.contentDisposition).toMatch(/attachment/);
    // Every entry, hashed here from what unzip extracts.
    expect(part!.entries.map((entry) => entry.name).sort()).toEqual(unzipNames(zip).sort());
    for (const entry of part!.entries) {
      const data = unzipEntry(zip, entry.name);
      expect(entry.sha256).toBe(sha256(data));
      expect(entry.size).toBe(data.length);
      expect(entry.crc32).toMatch(/^[0-9a-f]{8}$/);
    }
    // The manifest is as private as the zip it describes.
    if (process.platform !== 'win32') expect(statSync(outcome.manifestPath!).mode & 0o777).toBe(0o600);
  });

  it('verify: everything matches until a byte changes; then the entry and the file are named', async () => {
    const backend = await fx.start({ apiKey: KEY });
    const outcome = await download(sampleExportUrls(backend.url).slice(0, 3), { baseUrl: backend.url });
    const zip = outcome.parts[0]!.path;
    const clean = await verifyZip(zip);
    expect(clean).toMatchObject({ ok: true, manifest: { ok: true, manifestPath: outcome.manifestPath, differences: [] } });
    expect(clean.manifest!.entries).toBe(3);

    // The first entry's data starts after its local header (30 bytes + name + extra).
    const head = readFileSync(zip).subarray(0, 30);
    const dataStart = 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    flipByte(zip, dataStart + 10);
    const firstName = readFileSync(zip).subarray(30, 30 + head.readUInt16LE(26)).toString('utf8');
    const damaged = await verifyZip(zip);
    expect(damaged.ok).toBe(false);
    expect(damaged.manifest?.ok).toBe(false);
    expect(damaged.manifest?.differences).toEqual(
      expect.arrayContaining([
        { entry: null, what: expect.stringMatching(/SHA-256 differs/) },
        { entry: firstName, what: expect.stringMatching(/damaged|differs/) },
      ]),
    );
  });

  it('verify: an entry whose bytes changed with a matching CRC is still caught by its SHA-256; a missing and an added entry are named', async () => {
    const dir = join(fx.root, 'forged');
    mkdirSync(dir);
    const zip = join(dir, 'forged.zip');
    writeZip(zip, [{ name: 'a.txt', data: Buffer.from('alpha') }, { name: 'b.txt', data: Buffer.from('bravo') }]);
    // A manifest that recorded other bytes for a.txt (same size, same CRC claimed), and c.txt.
    const original = await verifyZip(zip);
    expect(original.manifest).toBeNull();
    const bytes = readFileSync(zip);
    const manifest = {
      format: 'export-manager-manifest', version: 1, app: CONTEXT.app, created: new Date().toISOString(),
      profile: { name: null, baseUrl: 'http://127.0.0.1:1/api' }, requested: 3, partCount: 1, complete: true,
      parts: [{
        part: 1, file: 'forged.zip', bytes: bytes.length, sha256: sha256(bytes),
        request: { sourceFileUrls: [] }, response: { status: 200, contentDisposition: null },
        entries: [
          { name: 'a.txt', size: 5, compressedSize: 5, crc32: (execFileSync('unzip', ['-Z', '-v', zip, 'a.txt'], { encoding: 'utf8' }).match(/32-bit CRC value \(hex\):\s+([0-9a-f]{8})/)![1]!), sha256: sha256(Buffer.from('ALPHA')) },
          { name: 'c.txt', size: 1, compressedSize: 1, crc32: '00000000', sha256: sha256(Buffer.from('c')) },
        ],
      }],
    };
    writeFileSync(join(dir, 'forged.manifest.json'), JSON.stringify(manifest));
    const report = await verifyZip(zip);
    expect(report.ok).toBe(true); // every CRC holds
    expect(report.manifest?.differences).toEqual([
      { entry: 'a.txt', what: 'SHA-256 differs' },
      { entry: 'c.txt', what: 'missing from the zip' },
      { entry: 'b.txt', what: 'not in the manifest' },
    ]);
  });

  it('verify: a manifest that cannot be read is said, and the zip is still checked by CRC', async () => {
    const dir = join(fx.root, 'odd');
    mkdirSync(dir);
    const zip = join(dir, 'x.zip');
    writeZip(zip, [{ name: 'a.txt', data: Buffer.from('alpha') }]);
    for (const [text, problem] of [
      ['{"format":"something-else"}', /not an Export Manager manifest/],
      ['{"format":"export-manager-manifest","version":7}', /format version 7/],
      ['{"format":"export-manager-manifest","version":1}', /damaged/],
      ['[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[', /not valid JSON/],
    ] as const) {
      writeFileSync(join(dir, 'x.manifest.json'), text);
      const report = await verifyZip(zip);
      expect(report).toMatchObject({ ok: true, checked: 1 });
      expect(report.manifest).toMatchObject({ ok: false, differences: [{ entry: null, what: expect.stringMatching(problem) }] });
    }
  });

  it('a split download writes one manifest for the set, listing every part; each part verifies against it', async () => {
    const backend = await fx.start({ apiKey: KEY });
    const urls = sampleExportUrls(backend.url).slice(0, 5);
    const outcome = await download(urls, { baseUrl: backend.url, maxBatchSize: 2 });
    expect(outcome.error).toBeNull();
    expect(outcome.parts).toHaveLength(3);
    expect(outcome.manifestPath).toMatch(/ \(3 parts\)\.manifest\.json$/);
    const manifest = JSON.parse(readFileSync(outcome.manifestPath!, 'utf8')) as ManifestJson;
    expect(manifest).toMatchObject({ partCount: 3, complete: true, requested: 5 });
    expect(manifest.parts.map((part) => part.file)).toEqual(outcome.parts.map((part) => part.path.split('/').pop()));
    expect(manifest.parts.map((part) => part.request.sourceFileUrls)).toEqual([urls.slice(0, 2), urls.slice(2, 4), urls.slice(4)]);
    for (const part of outcome.parts) {
      expect(manifestPathFor(part.path)).toBe(outcome.manifestPath);
      expect((await verifyZip(part.path)).manifest).toMatchObject({ ok: true });
    }
    // Only the zips and the one manifest: no temp file stays.
    expect(readdirSync(fx.saveDir).filter((name) => name.endsWith('.manifest.json'))).toHaveLength(1);
  });

  it('a split download that stops part-way writes a manifest of the parts kept, marked incomplete', async () => {
    // Part 2 is refused (400) however often it is asked for.
    const backend = await fx.start({ apiKey: KEY, faults: ({ index }) => (index >= 1 ? { kind: 'status', status: 400 } : null) });
    const outcome = await download(sampleExportUrls(backend.url).slice(0, 4), { baseUrl: backend.url, maxBatchSize: 2 });
    expect(outcome.error?.appError.kind).toBe('bad-request');
    const manifest = JSON.parse(readFileSync(outcome.manifestPath!, 'utf8')) as ManifestJson;
    expect(manifest).toMatchObject({ partCount: 2, complete: false });
    expect(manifest.parts.map((part) => part.part)).toEqual([1]);
  });

  it('no manifest when none is asked for', async () => {
    const backend = await fx.start({ apiKey: KEY });
    const outcome = await download(sampleExportUrls(backend.url).slice(0, 2), { baseUrl: backend.url, manifest: null });
    expect(outcome.error).toBeNull();
    expect(outcome.manifestPath).toBeNull();
    expect(existsSync(manifestPathFor(outcome.parts[0]!.path))).toBe(false);
  });

  it('a zip whose entry is damaged in transit (CRC) is refused as invalid-response and never reaches the folder', async () => {
    const built = join(fx.root, 'damaged.zip');
    writeZip(built, [{ name: 'cover.png', data: Buffer.alloc(4096, 7) }]);
    const bytes = readFileSync(built);
    const inData = 30 + 'cover.png'.length + 100;
    bytes[inData] = bytes[inData]! ^ 0xff; // inside the stored data: the CRC no longer matches
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(bytes.length), 'content-disposition': 'attachment; filename="damaged.zip"' });
      response.end(bytes);
    });
    try {
      const outcome = await download(['https://cdn.example.com/a.png'], { baseUrl: server.baseUrl, apiKey: null });
      expect(outcome.error?.appError.kind).toBe('invalid-response');
      expect(outcome.error?.appError.message).toMatch(/damaged: the entry "cover.png": data is corrupt \(CRC-32 does not match\)/);
      expect(outcome.parts).toEqual([]);
      expect(readdirSync(fx.saveDir)).toEqual([]);
      expect(readdirSync(fx.tempDir)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
