import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadJob } from '../../../shared/api/downloads';
import { createCore } from '../../../main/core/core';
import type { Core } from '../../../main/core/core';
import { sampleExportUrls, startSampleBackend } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend/server';
import type { Fault } from '../../../main/core/sample-backend/faults';
import { DATABASE_FILE } from '../../../main/core/store/database';
import { openSqlite } from '../../../main/core/store/sqlite';
import { eventually, finishedJob } from '../../helpers/job-events';
import { value } from '../../helpers/result-value';
import { createTestPorts } from '../../helpers/test-ports';
import type { TestPorts } from '../../helpers/test-ports';

/**
 * Jobs that outlive their process: a core in a child process is killed (SIGKILL: no cleanup
 * runs, as when the machine loses power) while a split zip download waits on its part 2; the
 * next start lists it in History as interrupted, the half-written part is gone, and Resume keeps
 * part 1 as it is and asks the backend only for parts 2 and 3. Real store, real files, a real
 * backend over HTTP, a real process killed.
 */
const CHILD = fileURLToPath(new URL('../../helpers/running-core-child.ts', import.meta.url));
const IDENTITY = { name: 'Export Manager', version: '0.0.0', platform: 'linux' } as const;

let ports: TestPorts;
let backend: SampleBackend;
let faults: Array<Fault | null>;
let core: Core | null;
let child: ChildProcess | null;

beforeEach(async () => {
  ports = createTestPorts();
  faults = [];
  backend = await startSampleBackend({ faults: () => faults.shift() ?? null });
  core = null;
  child = null;
});
afterEach(async () => {
  child?.kill('SIGKILL');
  await core?.close();
  await backend.close();
  ports.cleanup();
});

const batchRequests = () => backend.received.filter((request) => request.path.includes('download-batch')).length;
const partFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.part'));
const zips = () => readdirSync(ports.paths.downloadsDir).filter((name) => name.endsWith('.zip')).sort();

/** Starts the child's core on this test's folders; resolves to the job it started, once it said so. */
async function startChild(urls: string[], maxBatch: number): Promise<{ jobId: string; profileId: string; exited: Promise<void> }> {
  child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      CORE_DATA_DIR: ports.paths.dataDir,
      CORE_TEMP_DIR: ports.paths.tempDir,
      CORE_DOWNLOADS_DIR: ports.paths.downloadsDir,
      CORE_BASE_URL: backend.url,
      CORE_MAX_BATCH: String(maxBatch),
      CORE_URLS: urls.join('\n'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
  const [line] = await Promise.race([
    (async () => {
      for await (const text of createInterface({ input: child!.stdout! })) return [text];
      return [''];
    })(),
    exited.then(() => ['']),
  ]);
  if (!line) throw new Error('The child core exited before starting its download.');
  return { ...(JSON.parse(line) as { jobId: string; profileId: string }), exited };
}

/** The journal row of a running job, read as another process reads the database. */
function journalRow(jobId: string): { result: string; path: string | null } | undefined {
  const db = openSqlite(join(ports.paths.dataDir, DATABASE_FILE));
  try {
    return db.prepare<[string], { result: string; path: string | null }>('SELECT result, path FROM history WHERE job_id = ?').get(jobId);
  } finally {
    db.close();
  }
}

describe('a download whose process stopped', () => {
  it('is listed as interrupted after the next start, leaves nothing half-written, and resumes from part 2 with part 1 untouched', { timeout: 60_000 }, async () => {
    // Part 2 sends a little and then nothing: the child is killed while it waits.
    faults = [null, { kind: 'stall', afterBytes: 4096 }];
    const urls = sampleExportUrls(backend.url).slice(0, 6);
    const { jobId, profileId, exited } = await startChild(urls, 2);
    // Part 1 saved (the journal knows where), part 2 half-written in the temp folder.
    const journaled = await eventually(() => {
      const row = journalRow(jobId);
      return row?.path && batchRequests() === 2 && partFiles(ports.paths.tempDir).length === 1 ? row : undefined;
    });
    expect(journaled.result).toBe('running');
    child!.kill('SIGKILL');
    await exited;
    const firstPart = journaled.path!;
    const before = statSync(firstPart);
    expect(zips()).toEqual(['Canvas exports – sample (part 1 of 3).zip']);

    core = await createCore(ports, { identity: IDENTITY, sampleBackend: false });
    const page = await value(core.api['history.list']({ offset: 0, limit: 10 }));
    expect(page.items).toHaveLength(1);
    const item = page.items[0]!;
    expect(item).toMatchObject({ jobId, result: 'interrupted', mode: 'zip', path: firstPart, itemCount: 6 });
    await value(core.api['history.list']({ offset: 0, limit: 10, result: 'interrupted' })).then((filtered) => expect(filtered.total).toBe(1));
    // The dead writer's temp file goes at start; nothing half-written stays beside the zips either.
    await eventually(() => (partFiles(ports.paths.tempDir).length === 0 ? true : undefined));
    expect(partFiles(ports.paths.downloadsDir)).toEqual([]);

    const resumed = (await value(core.api['downloads.start']({ profileId, scope: { ids: item.exportIds! }, mode: 'zip', resume: { jobId } }))).jobId;
    const job: DownloadJob = await finishedJob(ports.events, resumed);
    expect(job.state).toBe('succeeded');
    // Parts 2 and 3 only: 2 requests of the child, 2 of the resume.
    expect(batchRequests()).toBe(4);
    if (job.result?.mode !== 'zip') throw new Error('not a zip result');
    expect(job.result.parts.map((part) => part.part)).toEqual([1, 2, 3]);
    expect(job.result.entries).toBe(6);
    expect(zips()).toEqual([1, 2, 3].map((n) => `Canvas exports – sample (part ${n} of 3).zip`));
    const after = statSync(firstPart);
    expect({ ino: after.ino, mtimeMs: after.mtimeMs, size: after.size }).toEqual({ ino: before.ino, mtimeMs: before.mtimeMs, size: before.size });
    const manifest = JSON.parse(readFileSync(join(ports.paths.downloadsDir, 'Canvas exports – sample (3 parts).manifest.json'), 'utf8')) as { complete: boolean; parts: unknown[] };
    expect(manifest.complete).toBe(true);
    expect(manifest.parts).toHaveLength(3);
  });

  it('a job killed before it saved anything is interrupted too, and Resume starts it over', { timeout: 60_000 }, async () => {
    faults = [{ kind: 'stall', afterBytes: 4096 }];
    const urls = sampleExportUrls(backend.url).slice(0, 3);
    const { jobId, profileId, exited } = await startChild(urls, 2);
    await eventually(() => (journalRow(jobId)?.result === 'running' && batchRequests() === 1 ? true : undefined));
    child!.kill('SIGKILL');
    await exited;

    core = await createCore(ports, { identity: IDENTITY, sampleBackend: false });
    const item = (await value(core.api['history.list']({ offset: 0, limit: 10 }))).items[0]!;
    expect(item).toMatchObject({ jobId, result: 'interrupted', path: null });
    const resumed = (await value(core.api['downloads.start']({ profileId, scope: { ids: item.exportIds! }, mode: 'zip', resume: { jobId } }))).jobId;
    expect((await finishedJob(ports.events, resumed)).state).toBe('succeeded');
    expect(batchRequests()).toBe(3);
    expect(zips()).toEqual([1, 2].map((n) => `Canvas exports – sample (part ${n} of 2).zip`));
  });
});

describe('a download running when the app quits', () => {
  it('is recorded as interrupted, not cancelled, and resumes after the next start', { timeout: 30_000 }, async () => {
    core = await createCore(ports, { identity: IDENTITY, sampleBackend: false });
    const profile = await value(core.api['profiles.create']({ name: 'Quit', baseUrl: backend.url }));
    await value(core.api['profiles.setMaxBatchSize']({ id: profile.id, maxBatchSize: 2 }));
    await value(core.api['tracked.add']({ profileId: profile.id, text: sampleExportUrls(backend.url).slice(0, 4).join('\n') }));
    await value(core.api['settings.set']({ saveMode: 'default-folder' }));
    faults = [null, { kind: 'stall', afterBytes: 4096 }];
    const jobId = (await value(core.api['downloads.start']({ profileId: profile.id, scope: { filter: '' }, mode: 'zip' }))).jobId;
    await eventually(() => (batchRequests() === 2 ? true : undefined));
    await core.close();
    core = await createCore(ports, { identity: IDENTITY, sampleBackend: false });
    const item = (await value(core.api['history.list']({ offset: 0, limit: 10 }))).items[0]!;
    expect(item).toMatchObject({ jobId, result: 'interrupted' });
    const resumed = (await value(core.api['downloads.start']({ profileId: profile.id, scope: { ids: item.exportIds! }, mode: 'zip', resume: { jobId } }))).jobId;
    expect((await finishedJob(ports.events, resumed)).state).toBe('succeeded');
    expect(batchRequests()).toBe(3); // part 2 once more, part 1 kept
    expect(zips()).toEqual([1, 2].map((n) => `Canvas exports – sample (part ${n} of 2).zip`));
  });
});

describe('a running job journaled in history', () => {
  it('is not listed while it runs, and its row is replaced by the finished one', { timeout: 30_000 }, async () => {
    core = await createCore(ports, { identity: IDENTITY, sampleBackend: false });
    const profile = await value(core.api['profiles.create']({ name: 'Journal', baseUrl: backend.url }));
    await value(core.api['tracked.add']({ profileId: profile.id, text: sampleExportUrls(backend.url).slice(0, 2).join('\n') }));
    await value(core.api['settings.set']({ saveMode: 'default-folder' }));
    faults = [{ kind: 'delay', ms: 800 }];
    const jobId = (await value(core.api['downloads.start']({ profileId: profile.id, scope: { filter: '' }, mode: 'zip' }))).jobId;
    await eventually(() => (journalRow(jobId)?.result === 'running' ? true : undefined));
    expect((await value(core.api['history.list']({ offset: 0, limit: 10 }))).recorded).toBe(0);
    expect((await finishedJob(ports.events, jobId)).state).toBe('succeeded');
    await eventually(() => (journalRow(jobId)?.result === 'success' ? true : undefined));
    const page = await value(core.api['history.list']({ offset: 0, limit: 10 }));
    expect(page.items.map((row) => [row.jobId, row.result])).toEqual([[jobId, 'success']]);
  });

  it('a failed split download resumes from its first missing part in the same session ("Resume from part 2")', { timeout: 30_000 }, async () => {
    core = await createCore(ports, { identity: IDENTITY, sampleBackend: false });
    const profile = await value(core.api['profiles.create']({ name: 'Resume', baseUrl: backend.url }));
    await value(core.api['profiles.setMaxBatchSize']({ id: profile.id, maxBatchSize: 2 }));
    await value(core.api['tracked.add']({ profileId: profile.id, text: sampleExportUrls(backend.url).slice(0, 6).join('\n') }));
    await value(core.api['settings.set']({ saveMode: 'default-folder' }));
    faults = [null, { kind: 'status', status: 404, body: '{"message":"gone for now"}', contentType: 'application/json' }];
    const failedId = (await value(core.api['downloads.start']({ profileId: profile.id, scope: { filter: '' }, mode: 'zip' }))).jobId;
    const failed = await finishedJob(ports.events, failedId);
    expect(failed.state).toBe('failed');
    if (failed.result?.mode !== 'zip') throw new Error('no kept parts');
    expect(failed.result.parts.map((part) => part.part)).toEqual([1]);
    const firstPart = failed.result.parts[0]!.path;
    const before = statSync(firstPart);

    const resumed = (await value(core.api['downloads.start']({ profileId: profile.id, scope: { ids: failed.exportIds! }, mode: 'zip', resume: { jobId: failedId } }))).jobId;
    const job = await finishedJob(ports.events, resumed);
    expect(job.state).toBe('succeeded');
    expect(batchRequests()).toBe(4); // parts 1 and 2 (failed), then 2 and 3
    expect(statSync(firstPart).mtimeMs).toBe(before.mtimeMs);
    expect(zips()).toEqual([1, 2, 3].map((n) => `Canvas exports – sample (part ${n} of 3).zip`));
  });

  it('refuses to resume a job of another profile, or one nobody knows', async () => {
    core = await createCore(ports, { identity: IDENTITY, sampleBackend: false });
    const profile = await value(core.api['profiles.create']({ name: 'Other', baseUrl: backend.url }));
    await value(core.api['tracked.add']({ profileId: profile.id, text: sampleExportUrls(backend.url)[0]! }));
    const result = await core.api['downloads.start']({ profileId: profile.id, scope: { filter: '' }, mode: 'zip', resume: { jobId: 'no-such-job' } });
    expect(result).toMatchObject({ ok: false, error: { kind: 'state' } });
    if (!result.ok) expect(result.error.message).toMatch(/no longer listed/);
  });
});
