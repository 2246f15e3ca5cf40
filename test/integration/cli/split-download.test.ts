import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listArchive } from '../../../main/core/archive/list-archive';
import { sampleExportUrls } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { openStore } from '../../../main/core/store/store';
import { runBuiltCli } from '../../helpers/run-cli';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

const KEY = 'cli-split-key-0123456789';

interface ZipJson {
  ok: boolean;
  path: string;
  filename: string;
  parts?: Array<{ path: string; bytes: number; entries: number; filename: string }>;
}

describe('export-manager download: batches above the maximum batch size', () => {
  let fixture: SampleFixture;
  let backend: SampleBackend;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    fixture = createSampleFixture();
    // The backend refuses more than 4 items a request, as the app's users met with 413.
    backend = await fixture.start({ apiKey: KEY, maxBatchSize: 4 });
    env = { EXPORT_MANAGER_USER_DATA: join(fixture.root, 'state'), EXPORT_MANAGER_API_KEY: KEY };
  });

  afterEach(async () => {
    await fixture.cleanup();
  });

  function urlArgs(count: number): string[] {
    return sampleExportUrls(backend.url).slice(0, count).flatMap((url) => ['--url', url]);
  }

  function batchRequests(): number {
    return backend.received.filter((request) => request.path.includes('download-batch')).length;
  }

  it('fails with 413 and advice without a maximum, then with --max-batch saves numbered parts, says so first and lists them', async () => {
    const refused = await runBuiltCli(['download', '--base-url', backend.url, ...urlArgs(10), '--out', fixture.saveDir, '--json'], { env });
    expect(refused.code).toBe(1);
    expect(refused.json()).toMatchObject({ ok: false, error: { kind: 'bad-request', status: 413 } });
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/--max-batch/);

    const run = await runBuiltCli(['download', '--base-url', backend.url, ...urlArgs(10), '--max-batch', '4', '--out', fixture.saveDir], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/10 exports, at most 4 a request: 3 requests, saved as 3 zip files, "NAME \(part 1 of 3\)\.zip" … "NAME \(part 3 of 3\)\.zip"/);
    const names = ['Canvas exports – sample (part 1 of 3).zip', 'Canvas exports – sample (part 2 of 3).zip', 'Canvas exports – sample (part 3 of 3).zip'];
    expect(run.stdout.trim().split('\n')).toEqual(names.map((name) => join(fixture.saveDir, name)));
    // One manifest for the set, beside its parts.
    expect(fixture.files(fixture.saveDir)).toEqual(['Canvas exports – sample (3 parts).manifest.json', ...names]);
    expect((await Promise.all(names.map((name) => listArchive(join(fixture.saveDir, name))))).map((listing) => listing.count)).toEqual([4, 4, 2]);
  });

  it('names every part after --out FILE and describes them in JSON', async () => {
    const out = join(fixture.saveDir, 'quarter.zip');
    const run = await runBuiltCli(['download', '--base-url', backend.url, ...urlArgs(9), '--max-batch', '4', '--out', out, '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/"quarter \(part 1 of 3\)\.zip" … "quarter \(part 3 of 3\)\.zip"/);
    const result = run.json<ZipJson>();
    expect(result).toMatchObject({ ok: true, path: join(fixture.saveDir, 'quarter (part 1 of 3).zip'), filename: 'quarter (part 1 of 3).zip' });
    expect(result.parts?.map((part) => [part.filename, part.entries])).toEqual([
      ['quarter (part 1 of 3).zip', 4],
      ['quarter (part 2 of 3).zip', 4],
      ['quarter (part 3 of 3).zip', 1],
    ]);
    expect(fixture.files(fixture.saveDir)).toEqual(['quarter (3 parts).manifest.json', 'quarter (part 1 of 3).zip', 'quarter (part 2 of 3).zip', 'quarter (part 3 of 3).zip']);
  });

  it("follows the profile's maximum batch size, and merges URL mode's answers in order", async () => {
    expect((await runBuiltCli(['profiles', 'add', 'Limited', '--base-url', backend.url], { env })).code).toBe(0);
    const store = openStore(env.EXPORT_MANAGER_USER_DATA!);
    store.profiles.setMaxBatchSize(store.profiles.byName('Limited')!.id, 3);
    store.close();
    const run = await runBuiltCli(['download', '--profile', 'Limited', ...urlArgs(7), '--urls', '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/7 exports, at most 3 a request: 3 requests, one after another; their URLs are merged\./);
    expect(batchRequests()).toBe(3);
    const merged = run.json<{ exportedUrls: string[] }>().exportedUrls;
    const paths = sampleExportUrls(backend.url).slice(0, 7).map((url) => new URL(url).pathname.replace('/api/sample-exports/', ''));
    expect(merged.map((url) => decodeURIComponent(new URL(url).pathname.replace('/api/files/', '')))).toEqual(paths);
  });

  it('--max-batch overrides the profile for one run; a bad value is a usage error', async () => {
    expect((await runBuiltCli(['profiles', 'add', 'Limited', '--base-url', backend.url], { env })).code).toBe(0);
    const store = openStore(env.EXPORT_MANAGER_USER_DATA!);
    store.profiles.setMaxBatchSize(store.profiles.byName('Limited')!.id, 2);
    store.close();
    const run = await runBuiltCli(['download', '--profile', 'Limited', ...urlArgs(8), '--max-batch', '4', '--out', fixture.saveDir, '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<ZipJson>().parts).toHaveLength(2);
    expect(batchRequests()).toBe(2);
    for (const bad of ['0', '1.5', 'many', '100001']) {
      const usage = await runBuiltCli(['download', '--base-url', backend.url, ...urlArgs(1), '--max-batch', bad], { env });
      expect(usage.code, bad).toBe(2);
      expect(usage.stderr).toMatch(/--max-batch takes a whole number from 1 to 100000/);
    }
  });

  it('checks the names the parts of --out FILE will take, not FILE itself, before anything is requested', async () => {
    const out = join(fixture.saveDir, 'q.zip');
    writeFileSync(out, 'an older q.zip, which a split download never writes');
    const run = await runBuiltCli(['download', '--base-url', backend.url, ...urlArgs(6), '--max-batch', '4', '--out', out], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(fixture.files(fixture.saveDir)).toEqual(['q (2 parts).manifest.json', 'q (part 1 of 2).zip', 'q (part 2 of 2).zip', 'q.zip']);

    const requestsBefore = batchRequests();
    writeFileSync(join(fixture.saveDir, 'r (part 2 of 2).zip'), 'taken');
    const refused = await runBuiltCli(['download', '--base-url', backend.url, ...urlArgs(6), '--max-batch', '4', '--out', join(fixture.saveDir, 'r.zip'), '--json'], { env });
    expect(refused.code).toBe(1);
    expect(refused.json()).toMatchObject({ ok: false, error: { kind: 'disk' } });
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/r \(part 2 of 2\)\.zip already exists.*--on-conflict/);
    expect(batchRequests()).toBe(requestsBefore);
    expect(fixture.files(fixture.saveDir)).not.toContain('r (part 1 of 2).zip');
  });

  it('--on-conflict keep-both numbers the set as one, "k (1) (part 2 of 2).zip", with its own set manifest, not each part on its own', async () => {
    writeFileSync(join(fixture.saveDir, 'k (part 1 of 2).zip'), 'taken');
    const run = await runBuiltCli(['download', '--base-url', backend.url, ...urlArgs(6), '--max-batch', '4', '--out', join(fixture.saveDir, 'k.zip'), '--on-conflict', 'keep-both'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(fixture.files(fixture.saveDir)).toEqual(['k (1) (2 parts).manifest.json', 'k (1) (part 1 of 2).zip', 'k (1) (part 2 of 2).zip', 'k (part 1 of 2).zip']);
    expect(run.stdout.trim().split('\n')).toEqual([1, 2].map((n) => join(fixture.saveDir, `k (1) (part ${n} of 2).zip`)));
    // The set's manifest is found from either part.
    const verified = await runBuiltCli(['verify', join(fixture.saveDir, 'k (1) (part 2 of 2).zip'), '--json'], { env });
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.json()).toMatchObject({ ok: true, manifest: { ok: true, path: join(fixture.saveDir, 'k (1) (2 parts).manifest.json') } });
  });
});

describe('export-manager download: a split download that fails part-way', () => {
  let fixture: SampleFixture;
  let backend: SampleBackend;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    fixture = createSampleFixture();
    // Every second batch request is refused (400 is not retried): part 2 of each run fails.
    const refused = { kind: 'status', status: 400, body: '{"message":"batch refused"}', contentType: 'application/json' } as const;
    backend = await fixture.start({ apiKey: KEY, faults: ({ index }) => (index % 2 === 1 ? refused : null) });
    env = { EXPORT_MANAGER_USER_DATA: join(fixture.root, 'state'), EXPORT_MANAGER_API_KEY: KEY };
  });

  afterEach(async () => {
    await fixture.cleanup();
  });

  const args = (out: string, ...more: string[]) => ['download', '--base-url', backend.url, ...sampleExportUrls(backend.url).slice(0, 5).flatMap((url) => ['--url', url]), '--max-batch', '3', '--out', out, ...more];
  const PART_1 = 'Canvas exports – sample (part 1 of 2).zip';
  const MANIFEST = 'Canvas exports – sample (2 parts).manifest.json';

  it('lists the parts it kept: in "parts" of the JSON error, or as lines on stdout', async () => {
    const run = await runBuiltCli(args(fixture.saveDir, '--json'), { env });
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { kind: 'bad-request', status: 400 }, parts: [{ path: join(fixture.saveDir, PART_1), entries: 3, filename: PART_1 }] });
    // The set's manifest lists the part it kept (complete: false).
    expect(fixture.files(fixture.saveDir)).toEqual([MANIFEST, PART_1]);

    const text = join(fixture.saveDir, 'text');
    mkdirSync(text);
    const plain = await runBuiltCli(args(text), { env });
    expect(plain.code).toBe(1);
    expect(plain.stdout.trim().split('\n')).toEqual([join(text, PART_1)]);
    expect(plain.stderr).toMatch(/part 2 of 2/);
    expect(fixture.files(text)).toEqual([MANIFEST, PART_1]);
  });
});
