import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrackedExport } from '../../../shared/api/tracked';
import { sampleExportUrls } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { runBuiltCli } from '../../helpers/run-cli';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

const KEY = 'cli-new-key-0123456789';

describe('export-manager download --new', () => {
  let fixture: SampleFixture;
  let backend: SampleBackend;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    fixture = createSampleFixture();
    backend = await fixture.start({ apiKey: KEY });
    env = { EXPORT_MANAGER_USER_DATA: join(fixture.root, 'state'), EXPORT_MANAGER_API_KEY: KEY };
    expect((await runBuiltCli(['profiles', 'add', 'Nightly', '--base-url', backend.url], { env })).code).toBe(0);
  });

  afterEach(async () => {
    await fixture.cleanup();
  });

  const urls = (from: number, to: number) => sampleExportUrls(backend.url).slice(from, to);

  async function track(list: string[]): Promise<void> {
    const run = await runBuiltCli(['track', 'add', ...list, '--profile', 'Nightly'], { env });
    expect(run.code, run.stderr).toBe(0);
  }

  async function tracked(): Promise<TrackedExport[]> {
    const run = await runBuiltCli(['track', 'list', '--profile', 'Nightly', '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    return run.json<{ items: TrackedExport[] }>().items;
  }

  /** How many batch requests the backend has received. */
  const batchRequests = () => backend.received.filter((request) => request.path.includes('download-batch')).length;

  const newRun = (...extra: string[]) => runBuiltCli(['download', '--profile', 'Nightly', '--all', '--new', '--out', fixture.saveDir, '--no-manifest', ...extra], { env });

  it('downloads what is new, and the second run sends nothing and says "No new exports."', async () => {
    await track(urls(0, 3));
    const first = await newRun();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('3 new exports');
    expect(batchRequests()).toBe(1);
    const zip = first.stdout.trim();
    expect((await tracked()).map((item) => item.delivery)).toEqual(Array(3).fill({ at: expect.any(String), jobId: null, file: zip, how: 'zip' }));

    const second = await newRun();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr.trim()).toBe('export-manager: No new exports.');
    expect(second.stdout).toBe('');
    expect(batchRequests()).toBe(1);
    expect(fixture.files(fixture.saveDir)).toEqual(['Canvas exports – sample.zip']);
  });

  it('says newCount in JSON, asks only for the exports tracked since, and prints {"newCount":0} when none are new', async () => {
    await track(urls(0, 2));
    const first = await newRun('--json');
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toMatchObject({ ok: true, newCount: 2, requested: 2, delivered: 2 });
    await track(urls(2, 3));
    const second = await newRun('--json');
    expect(second.json()).toMatchObject({ ok: true, newCount: 1, requested: 1, delivered: 1 });
    const none = await newRun('--json');
    expect(none.code).toBe(0);
    expect(none.json()).toEqual({ ok: true, newCount: 0 });
    expect(none.stderr).toBe('');
    expect(batchRequests()).toBe(2);
  });

  it('counts nothing of a zip that came short, so the next run asks for those exports again', async () => {
    const unknown = `${backend.url}/sample-exports/never-made.png`;
    await track([...urls(0, 2), unknown]);
    const first = await newRun('--json');
    expect(first.code).toBe(4);
    expect(first.json()).toMatchObject({ newCount: 3, requested: 3, delivered: 2 });
    expect((await tracked()).filter((item) => item.delivery)).toEqual([]);
    const again = await newRun('--json');
    expect(again.json()).toMatchObject({ newCount: 3 });
    expect(batchRequests()).toBe(2);
  });

  it('in URL mode remembers what was exported and why the rest was skipped; the next run asks only for the skipped one', async () => {
    const unknown = `${backend.url}/sample-exports/never-made.png`;
    await track([...urls(0, 2), unknown]);
    const first = await runBuiltCli(['download', '--profile', 'Nightly', '--all', '--new', '--urls', '--json'], { env });
    expect(first.code, first.stderr).toBe(0);
    const answer = first.json<{ exportedUrls: string[]; newCount: number }>();
    expect(answer.newCount).toBe(3);
    const items = await tracked();
    expect(items.map((item) => item.delivery?.file ?? null)).toEqual([...answer.exportedUrls, null]);
    expect(items.map((item) => item.delivery?.how ?? null)).toEqual(['urls', 'urls', null]);
    expect(items[2]!.skipped).toEqual({ at: expect.any(String), jobId: null, reason: 'Export not found' });
    // Only the skipped one is asked for again: the sample backend knows none of that one-item batch (404).
    const second = await runBuiltCli(['download', '--profile', 'Nightly', '--all', '--new', '--urls', '--json'], { env });
    expect(second.code).toBe(1);
    expect(second.json()).toMatchObject({ ok: false, error: { kind: 'not-found', backendMessage: 'None of the 1 items is a known export.' } });
  });

  it('with --url narrows the listed URLs to the profile’s new exports, and says which it does not track', async () => {
    await track(urls(0, 2));
    expect((await runBuiltCli(['download', '--profile', 'Nightly', '--url', urls(0, 1)[0]!, '--out', fixture.saveDir, '--no-manifest'], { env })).code).toBe(0);
    const listed = [...urls(0, 2), ...urls(5, 6)].flatMap((url) => ['--url', url]);
    const run = await runBuiltCli(['download', '--profile', 'Nightly', ...listed, '--new', '--out', fixture.saveDir, '--no-manifest', '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ ok: true, newCount: 1, requested: 1, warning: expect.stringContaining('1 listed URL is not tracked by "Nightly" and left out') });
    // The export downloaded without --new counted too: only the second was new.
    expect((await tracked()).every((item) => item.delivery?.how === 'zip')).toBe(true);
  });

  it('is a usage error without --profile, or with --resume, before anything is sent', async () => {
    const bare = await runBuiltCli(['download', '--base-url', backend.url, '--url', urls(0, 1)[0]!, '--new'], { env });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/--new needs --profile NAME/);
    const resume = await runBuiltCli(['download', '--profile', 'Nightly', '--all', '--new', '--resume'], { env });
    expect(resume.code).toBe(2);
    expect(resume.stderr).toMatch(/--new and --resume do not go together/);
    expect(batchRequests()).toBe(0);
    const help = await runBuiltCli(['download', '--help'], { env });
    expect(help.stdout).toMatch(/--new {15}with --profile: only the profile's exports with no delivery since they/);
  });
});
