import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { runZipDownload } from '../../../main/core/downloads/zip-download';
import type { ZipDownloadOptions } from '../../../main/core/downloads/zip-download';
import type { ProgressSnapshot } from '../../../main/core/downloads/progress-meter';
import { readZipDirectory } from '../../../main/core/archive/zip-directory';
import { bulkExportUrl, sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import type { SampleBackendOptions } from '../../../main/core/sample-backend/server';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { ScriptedDialogs } from '../../helpers/test-ports';

let fx: SampleFixture;
beforeEach(() => {
  fx = createSampleFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

async function download(backendOptions: SampleBackendOptions = {}, overrides: Partial<ZipDownloadOptions> = {}) {
  const backend = await fx.start(backendOptions);
  const options: ZipDownloadOptions = {
    baseUrl: backend.url,
    apiKey: backend.apiKey,
    sourceFileUrls: sampleExportUrls(backend.url).slice(0, 5),
    destination: { kind: 'folder', dir: fx.saveDir },
    tempDir: fx.tempDir,
    timeouts: { connectMs: 2000, idleMs: 2000 },
    retry: { baseDelayMs: 50 },
    ...overrides,
  };
  return { backend, run: () => runZipDownload(options) };
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  const appError = appErrorOf(error);
  expect(appError, `expected an AppError, got ${String(error)}`).not.toBeNull();
  return appError!;
}

describe('runZipDownload against the sample backend', () => {
  it('saves a verified zip under the Content-Disposition name, filename* winning over filename', async () => {
    const { run } = await download({ apiKey: 'k-123' });
    const result = await run();
    expect(result.filename).toBe('Canvas exports – sample.zip');
    expect(result.filenameSource).toBe('content-disposition');
    expect(result.path).toBe(join(fx.saveDir, 'Canvas exports – sample.zip'));
    expect(result.entries).toBe(5);
    expect(fx.files(fx.saveDir)).toEqual(['Canvas exports – sample.zip']);
    expect(fx.files(fx.tempDir)).toEqual([]);
    expect((await readZipDirectory(result.path)).entries).toBe(5);
  });

  it('falls back to canvas-exports.zip when the backend sends no Content-Disposition', async () => {
    const { run } = await download({ contentDisposition: null });
    const result = await run();
    expect(result).toMatchObject({ filename: 'canvas-exports.zip', filenameSource: 'fallback' });
    expect(fx.files(fx.saveDir)).toEqual(['canvas-exports.zip']);
  });

  it('sanitizes a hostile Content-Disposition name before using it', async () => {
    const { run } = await download({ contentDisposition: `attachment; filename*=UTF-8''..%2F..%2Fevil%E2%80%AEpiz.exe.zip` });
    const result = await run();
    expect(result.filename).toBe('evilpiz.exe.zip');
    expect(fx.files(fx.root).filter((f) => f.includes('evil'))).toEqual(['save/evilpiz.exe.zip']);
  });

  it('never overwrites: a second download into the same folder gets "name (1).zip"', async () => {
    const { run } = await download();
    const first = await run();
    const second = await run();
    expect(second.path).toBe(join(fx.saveDir, 'Canvas exports – sample (1).zip'));
    expect(readFileSync(first.path).equals(readFileSync(second.path))).toBe(true);
    expect(fx.files(fx.saveDir)).toHaveLength(2);
  });

  it('fails with disk and keeps the existing file when an explicit path is taken', async () => {
    const target = join(fx.saveDir, 'mine.zip');
    writeFileSync(target, 'precious');
    const { run } = await download({}, { destination: { kind: 'file', path: target } });
    const error = await failure(run());
    expect(error.kind).toBe('disk');
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(fx.files(fx.tempDir)).toEqual([]);
  });

  it('reports throttled progress with total, speed and ETA when the length is known', async () => {
    const seen: ProgressSnapshot[] = [];
    const { backend, run } = await download({}, { progressIntervalMs: 20, onProgress: (p) => seen.push(p) });
    void backend;
    const result = await run();
    const last = seen.at(-1)!;
    expect(last.bytes).toBe(result.bytes);
    expect(last.total).toBe(result.bytes);
    expect(seen.every((p) => p.bytesPerSecond >= 0)).toBe(true);
  });

  it('reports a null total on a chunked response and still verifies the zip', async () => {
    const seen: ProgressSnapshot[] = [];
    const { run } = await download({ chunked: true }, { onProgress: (p) => seen.push(p) });
    const result = await run();
    expect(seen.at(-1)).toMatchObject({ bytes: result.bytes, total: null, etaSeconds: null });
  });

  it('reads zip64 end records written by the backend', async () => {
    const { run } = await download({ forceZip64: true });
    const result = await run();
    expect((await readZipDirectory(result.path)).zip64).toBe(true);
    expect(result.entries).toBe(5);
  });

  it('streams the size knob: a 16 MiB entry arrives whole', async () => {
    const backend = await fx.start();
    const result = await runZipDownload({
      baseUrl: backend.url, apiKey: null, sourceFileUrls: [bulkExportUrl(backend.url, 16)],
      destination: { kind: 'folder', dir: fx.saveDir }, tempDir: fx.tempDir,
    });
    expect(result.bytes).toBeGreaterThan(16 * 1024 * 1024);
    expect(result.entries).toBe(1);
  });
});

describe('runZipDownload with the save dialog', () => {
  it('streams while the dialog is open and saves where the person chose', async () => {
    const dialogs = new ScriptedDialogs();
    const chosen = join(fx.saveDir, 'picked.zip');
    dialogs.saveAnswers.push(chosen);
    const { run } = await download({}, { destination: { kind: 'ask', dialogs, defaultDir: fx.saveDir } });
    const result = await run();
    expect(result.path).toBe(chosen);
    expect(dialogs.asked[0]?.options).toMatchObject({ defaultPath: join(fx.saveDir, 'Canvas exports – sample.zip') });
    expect(fx.files(fx.saveDir)).toEqual(['picked.zip']);
  });

  it('cancels the job and removes the temp file when the dialog is cancelled', async () => {
    const dialogs = new ScriptedDialogs(); // no answer queued: the dialog resolves null
    const { run } = await download({ faults: [{ kind: 'stall', afterBytes: 1000 }] }, { destination: { kind: 'ask', dialogs, defaultDir: fx.saveDir } });
    const error = await failure(run());
    expect(error.kind).toBe('cancelled');
    expect(error.message).toMatch(/save dialog/);
    expect(fx.files(fx.saveDir)).toEqual([]);
    expect(fx.files(fx.tempDir)).toEqual([]);
  });
});
