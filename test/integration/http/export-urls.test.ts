import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { requestExportUrls } from '../../../main/core/http/export-urls';
import { sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import type { SampleBackendOptions } from '../../../main/core/sample-backend/server';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

let fx: SampleFixture;
beforeEach(() => {
  fx = createSampleFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

async function urls(backendOptions: SampleBackendOptions = {}, items?: (base: string) => string[], apiKey?: string | null) {
  const backend = await fx.start(backendOptions);
  const request = requestExportUrls({
    baseUrl: backend.url,
    apiKey: apiKey === undefined ? backend.apiKey : apiKey,
    sourceFileUrls: items ? items(backend.url) : sampleExportUrls(backend.url).slice(0, 3),
    timeouts: { connectMs: 2000, idleMs: 1000 },
    retry: { baseDelayMs: 20 },
  });
  return { backend, request };
}

async function failure(promise: Promise<unknown>) {
  const appError = appErrorOf(await promise.then(() => null, (e: unknown) => e));
  expect(appError).not.toBeNull();
  return appError!;
}

describe('URL mode (responseType=urls)', () => {
  it('returns the exported URLs and normalises skipped strings and objects', async () => {
    const { request, backend } = await urls({ apiKey: 'k' }, (base) => [...sampleExportUrls(base).slice(0, 2), 'not a url', 'https://elsewhere.example/x.png']);
    const result = await request;
    expect(result.exportedUrls).toEqual([`${backend.url}/files/project-a/cover.png`, `${backend.url}/files/project-b/cover.png`]);
    expect(result.skipped).toEqual([
      { sourceFileUrl: 'not a url', raw: '"not a url"' },
      { sourceFileUrl: 'https://elsewhere.example/x.png', reason: 'Export not found', raw: JSON.stringify({ sourceFileUrl: 'https://elsewhere.example/x.png', reason: 'Export not found' }) },
    ]);
    expect(backend.received[0]?.path).toContain('responseType=urls');
  });

  it('maps 401, 403, 400 and 404 like zip mode', async () => {
    // Asked without a key: the error says the profile has none (noKey), not that one was rejected.
    expect(await failure((await urls({ apiKey: 'k' }, undefined, null)).request)).toMatchObject({ kind: 'unauthorized', status: 401, noKey: true });
    const refused = await failure((await urls({ apiKey: 'k' }, undefined, 'bad')).request);
    expect(refused).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(refused.noKey).toBeUndefined();
    expect(await failure((await urls({}, () => [])).request)).toMatchObject({ kind: 'bad-request', status: 400 });
    expect(await failure((await urls({}, () => ['https://x.example/none'])).request)).toMatchObject({ kind: 'not-found', status: 404 });
  });

  it('fails a 200 HTML page as invalid-response', async () => {
    const error = await failure((await urls({ faults: [{ kind: 'html' }] })).request);
    expect(error.kind).toBe('invalid-response');
  });

  it('fails a body that is not JSON as invalid-response, and a truncated JSON body too', async () => {
    const error = await failure((await urls({ faults: [{ kind: 'wrong-length', delta: -10 }] })).request);
    expect(error.kind).toBe('invalid-response');
  });

  it('fails a dropped JSON body as network', async () => {
    const error = await failure((await urls({ faults: [{ kind: 'drop', afterBytes: 20 }] })).request);
    expect(error.kind).toBe('network');
  });

  it('fails a stalled JSON body as timeout', async () => {
    const error = await failure((await urls({ faults: [{ kind: 'stall', afterBytes: 20 }] })).request);
    expect(error.kind).toBe('timeout');
  });

  it('retries 502 then succeeds', async () => {
    const { request, backend } = await urls({ faults: [{ kind: 'status', status: 502 }] });
    expect((await request).exportedUrls).toHaveLength(3);
    expect(backend.received).toHaveLength(2);
  });

  it('follows a cross-origin redirect without the key', async () => {
    const other = await fx.start();
    const { request, backend } = await urls({ apiKey: 'key-1', faults: [{ kind: 'redirect', location: `${other.url}/viewer/exports/download-batch?responseType=urls`, status: 308 }] });
    expect((await request).exportedUrls).toHaveLength(3);
    expect(backend.received[0]?.apiKey).toBe('key-1');
    expect(other.received.map((r) => r.apiKey)).toEqual([undefined]);
  });
});
