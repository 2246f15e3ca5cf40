import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadZip } from '../../../main/core/downloads';
import type { PartProgress, ZipPartsOptions } from '../../../main/core/downloads/zip-parts';
import { sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import type { Fault } from '../../../main/core/sample-backend/faults';
import type { SampleBackend } from '../../../main/core/sample-backend/server';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

let fx: SampleFixture;
beforeEach(() => void (fx = createSampleFixture()));
afterEach(() => fx.cleanup());

const DROP: Fault = { kind: 'drop', afterBytes: 2_000 };
const batchRequests = (backend: SampleBackend) => backend.received.filter((request) => request.path.includes('download-batch')).length;

function options(backend: SampleBackend, more: Partial<ZipPartsOptions> = {}): ZipPartsOptions {
  return {
    baseUrl: backend.url,
    apiKey: null,
    sourceFileUrls: sampleExportUrls(backend.url).slice(0, 4),
    maxBatchSize: null,
    destination: { kind: 'folder', dir: fx.saveDir },
    tempDir: fx.tempDir,
    timeouts: { connectMs: 2000, idleMs: 2000 },
    progressIntervalMs: 0,
    bodyRetryDelayMs: 10,
    ...more,
  };
}

describe('a zip body that breaks off mid-way is asked for again', () => {
  it('a reset mid-body is retried as a fresh request and completes; progress says "retrying (2 of 3)"', async () => {
    const backend = await fx.start({ faults: [DROP] });
    const progress: PartProgress[] = [];
    const outcome = await downloadZip(options(backend, { onProgress: (p) => progress.push(p) }));
    expect(outcome.error).toBeNull();
    expect(outcome.parts[0]?.entries).toBe(4);
    expect(batchRequests(backend)).toBe(2);
    expect(progress.some((p) => p.attempt === 2 && p.attempts === 3)).toBe(true);
    // Every snapshot after the retry began says which attempt it is.
    const from = progress.findIndex((p) => p.attempt === 2);
    expect(progress.slice(from).every((p) => p.attempt === 2)).toBe(true);
    expect(fx.files(fx.tempDir)).toEqual([]);
  });

  it('gives up after 1 + retries attempts with the last failure, leaving nothing behind', async () => {
    const backend = await fx.start({ faults: [DROP, DROP, DROP, DROP] });
    const outcome = await downloadZip(options(backend, { bodyRetries: 2 }));
    expect(outcome.error?.appError.kind).toBe('network');
    expect(batchRequests(backend)).toBe(3);
    expect(fx.files(fx.saveDir)).toEqual([]);
    expect(fx.files(fx.tempDir)).toEqual([]);

    const never = await fx.start({ faults: [DROP] });
    expect((await downloadZip(options(never, { bodyRetries: 0 }))).error?.appError.kind).toBe('network');
    expect(batchRequests(never)).toBe(1);
  });

  it('a stalled body (idle timeout) is retried too', async () => {
    const backend = await fx.start({ faults: [{ kind: 'stall', afterBytes: 2_000 }] });
    const outcome = await downloadZip(options(backend, { timeouts: { connectMs: 2000, idleMs: 300 } }));
    expect(outcome.error).toBeNull();
    expect(batchRequests(backend)).toBe(2);
  });

  it('never retries a refusal or a damaged zip', async () => {
    const refused = await fx.start({ faults: [{ kind: 'status', status: 400 }] });
    expect((await downloadZip(options(refused))).error?.appError.kind).toBe('bad-request');
    expect(batchRequests(refused)).toBe(1);

    const truncated = await fx.start({ faults: [{ kind: 'wrong-length', delta: -100 }] });
    expect((await downloadZip(options(truncated))).error?.appError.kind).toBe('invalid-response');
    expect(batchRequests(truncated)).toBe(1);
  });

  it('a cancel during the pause before a retry stops it: cancelled, no further request', async () => {
    const backend = await fx.start({ faults: [DROP, DROP] });
    const controller = new AbortController();
    const outcome = await downloadZip(options(backend, {
      bodyRetryDelayMs: 5_000,
      signal: controller.signal,
      onProgress: (p) => { if (p.attempt === 2) controller.abort(); },
    }));
    expect(outcome.error?.appError.kind).toBe('cancelled');
    expect(batchRequests(backend)).toBe(1);
    expect(fx.files(fx.tempDir)).toEqual([]);
  });

  it('a split download retries the part that broke off, keeping the parts before it', async () => {
    // Request 2 (part 2) breaks off once; the retry (request 3) completes it.
    const backend = await fx.start({ faults: [null, DROP] });
    const progress: PartProgress[] = [];
    const outcome = await downloadZip(options(backend, { maxBatchSize: 2, onProgress: (p) => progress.push(p) }));
    expect(outcome.error).toBeNull();
    expect(outcome.parts.map((part) => part.entries)).toEqual([2, 2]);
    expect(batchRequests(backend)).toBe(3);
    expect(progress.find((p) => p.attempt === 2)).toMatchObject({ part: 2, parts: 2, attempts: 3 });
  });
});
