import { existsSync, openSync, readFileSync, readSync, closeSync, writeSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadZip } from '../../../main/core/downloads';
import { sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import { runBuiltCli } from '../../helpers/run-cli';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { writeZip } from '../../helpers/zip-fixtures';

let fx: SampleFixture;
beforeEach(() => void (fx = createSampleFixture()));
afterEach(() => fx.cleanup());

interface VerifyJson {
  ok: boolean;
  checked: number;
  failed: Array<{ name: string; reason: string }>;
  manifest: { path: string; ok: boolean; entries: number; differences: Array<{ entry: string | null; what: string }> } | null;
}

/** A zip downloaded from the sample backend with its manifest beside it. */
async function downloaded(count: number): Promise<{ zip: string; manifest: string }> {
  const backend = await fx.start();
  const outcome = await downloadZip({
    baseUrl: backend.url,
    apiKey: null,
    sourceFileUrls: sampleExportUrls(backend.url).slice(0, count),
    maxBatchSize: null,
    destination: { kind: 'folder', dir: fx.saveDir },
    tempDir: fx.tempDir,
    manifest: { app: { name: 'export-manager', version: 'test' }, profileName: null },
  });
  if (outcome.error || !outcome.manifestPath) throw outcome.error ?? new Error('no manifest');
  return { zip: outcome.parts[0]!.path, manifest: outcome.manifestPath };
}

describe('export-manager verify', () => {
  it('exits 0 when the zip matches its manifest, and 1 naming the entry once one byte of it changed', async () => {
    const { zip, manifest } = await downloaded(3);
    const clean = await runBuiltCli(['verify', zip]);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain(`OK: the file and its 3 entries match ${manifest}`);

    const head = readFileSync(zip).subarray(0, 30);
    const nameLength = head.readUInt16LE(26);
    const name = readFileSync(zip).subarray(30, 30 + nameLength).toString('utf8');
    const fd = openSync(zip, 'r+');
    const byte = Buffer.alloc(1);
    const at = 30 + nameLength + head.readUInt16LE(28) + 5;
    readSync(fd, byte, 0, 1, at);
    writeSync(fd, Buffer.from([byte[0]! ^ 0x01]), 0, 1, at);
    closeSync(fd);

    const changed = await runBuiltCli(['verify', zip]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain("differs: the file — the file's SHA-256 differs from the manifest's");
    expect(changed.stdout).toContain(`differs: ${name} —`);
    expect(changed.stdout).toMatch(/Differs from .*: \d+ problems listed above/);

    const json = (await runBuiltCli(['verify', zip, '--json'])).json<VerifyJson>();
    expect(json.ok).toBe(false);
    expect(json.manifest).toMatchObject({ path: manifest, ok: false, entries: 3 });
    expect(json.manifest!.differences).toContainEqual({ entry: null, what: expect.stringMatching(/SHA-256 differs/) });
    expect(json.manifest!.differences.some((difference) => difference.entry === name)).toBe(true);
  });

  it('verifies a zip without a manifest by CRC, and says so', async () => {
    const zip = `${fx.root}/plain.zip`;
    writeZip(zip, [{ name: 'a.txt', data: Buffer.from('alpha') }, { name: 'b.txt', data: Buffer.from('bravo'), deflate: true }]);
    const run = await runBuiltCli(['verify', zip]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('OK: 2 entries read back whole (CRC-32); no manifest beside it to check against');
    expect((await runBuiltCli(['verify', zip, '--json'])).json<VerifyJson>()).toEqual({ ok: true, checked: 2, failed: [], manifest: null });
  });

  it('download writes the manifest beside the zip by default (its path in the JSON), and --no-manifest writes none', async () => {
    const backend = await fx.start();
    const urls = sampleExportUrls(backend.url).slice(0, 2).flatMap((url) => ['--url', url]);
    const withManifest = await runBuiltCli(['download', '--base-url', backend.url, ...urls, '--out', `${fx.saveDir}/with.zip`, '--json']);
    expect(withManifest.code).toBe(0);
    const saved = withManifest.json<{ ok: true; path: string; manifest: string | null }>();
    expect(saved.manifest).toBe(`${fx.saveDir}/with.manifest.json`);
    const manifest = JSON.parse(readFileSync(saved.manifest!, 'utf8')) as { app: { name: string; version: string }; entries?: unknown };
    expect(manifest.app).toEqual({ name: 'Export Manager', version: JSON.parse(readFileSync('package.json', 'utf8')).version });
    expect((await runBuiltCli(['verify', saved.path])).stdout).toContain(`OK: the file and its 2 entries match ${saved.manifest}`);

    const without = await runBuiltCli(['download', '--base-url', backend.url, ...urls, '--out', `${fx.saveDir}/without.zip`, '--no-manifest', '--json']);
    expect(without.code).toBe(0);
    expect(without.json<{ manifest: string | null }>().manifest).toBeNull();
    expect(existsSync(`${fx.saveDir}/without.manifest.json`)).toBe(false);
    expect(existsSync(`${fx.saveDir}/without.zip`)).toBe(true);
  });

  it('a missing zip is a disk error, a missing argument a usage error', async () => {
    const missing = await runBuiltCli(['verify', `${fx.root}/nothing.zip`, '--json']);
    expect(missing.code).toBe(1);
    expect(missing.json<{ ok: false; error: { kind: string } }>().error.kind).toBe('disk');
    expect((await runBuiltCli(['verify'])).code).toBe(2);
  });
});
