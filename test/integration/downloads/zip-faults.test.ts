import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { DEFAULT_TIMEOUTS } from '../../../main/core/http/http-stream';
import { runZipDownload } from '../../../main/core/downloads/zip-download';
import type { ZipDownloadOptions } from '../../../main/core/downloads/zip-download';
import { bulkExportUrl, sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import type { SampleBackend, SampleBackendOptions } from '../../../main/core/sample-backend/server';
import { createSampleFixture, openFdCount } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { endShort, resetAfterHeaders, startRawBackend } from '../../helpers/raw-backend';
import { startLoopbackServer } from '../../helpers/loopback-server';
import { writeZip } from '../../helpers/zip-fixtures';
import type { FixtureEntry } from '../../helpers/zip-fixtures';

let fx: SampleFixture;
beforeEach(() => {
  fx = createSampleFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

function options(backend: SampleBackend, overrides: Partial<ZipDownloadOptions> = {}): ZipDownloadOptions {
  return {
    baseUrl: backend.url,
    apiKey: backend.apiKey,
    sourceFileUrls: sampleExportUrls(backend.url).slice(0, 6),
    destination: { kind: 'folder', dir: fx.saveDir },
    tempDir: fx.tempDir,
    timeouts: { connectMs: 2000, idleMs: 1000 },
    retry: { baseDelayMs: 20, maxDelayMs: 2000 },
    ...overrides,
  };
}

async function fails(backendOptions: SampleBackendOptions, overrides: Partial<ZipDownloadOptions> = {}) {
  const backend = await fx.start(backendOptions);
  const error = await runZipDownload(options(backend, overrides)).then(() => null, (e: unknown) => e);
  const appError = appErrorOf(error);
  expect(appError, `expected an AppError, got ${String(error)}`).not.toBeNull();
  // Whatever went wrong: nothing at the destination, no partial file left behind.
  expect(fx.files(fx.saveDir)).toEqual([]);
  expect(fx.files(fx.tempDir)).toEqual([]);
  return { error: appError!, backend };
}

describe('zip download: statuses of the contract', () => {
  it('maps a missing key to unauthorized (401) with the backend message', async () => {
    const { error } = await fails({ apiKey: 'right' }, { apiKey: null });
    // Sent without a key: the error says none is set (the window titles it so), not that a key was rejected.
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, backendMessage: 'Missing x-api-key header.', noKey: true });
    expect(error.message).toMatch(/has none: set one/);
  });

  it('says a key was rejected on a 401 that answered a key, without noKey', async () => {
    const { error } = await fails({ faults: [{ kind: 'status', status: 401, body: '{"message":"Key expired."}' }] }, { apiKey: 'expired-secret' });
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, backendMessage: 'Key expired.' });
    expect(error.noKey).toBeUndefined();
    expect(error.message).toMatch(/rejected the API key/);
    expect(JSON.stringify(error)).not.toContain('expired-secret');
  });

  it('maps a wrong key to forbidden (403) and never puts the key in the error', async () => {
    const { error } = await fails({ apiKey: 'right' }, { apiKey: 'wrong-secret' });
    expect(error).toMatchObject({ kind: 'forbidden', status: 403, backendMessage: 'Invalid API key.' });
    expect(JSON.stringify(error)).not.toContain('wrong-secret');
  });

  it('maps an empty item list to bad-request (400) with the backend message', async () => {
    const { error } = await fails({}, { sourceFileUrls: [] });
    expect(error).toMatchObject({ kind: 'bad-request', status: 400 });
    expect(error.backendMessage).toMatch(/items/);
  });

  it('maps unknown exports to not-found (404)', async () => {
    const { error } = await fails({}, { sourceFileUrls: ['https://elsewhere.example/nothing.png'] });
    expect(error).toMatchObject({ kind: 'not-found', status: 404 });
  });

  it('maps a wrong base URL to not-found (404)', async () => {
    const backend = await fx.start();
    const error = await runZipDownload(options(backend, { baseUrl: `${backend.origin}/wrong` })).catch((e: unknown) => appErrorOf(e));
    expect(error).toMatchObject({ kind: 'not-found', status: 404 });
  });

  it('does not retry a 500: fails at once as server with the backend message', async () => {
    const { error, backend } = await fails({ faults: [{ kind: 'status', status: 500, body: '{"error":"database down"}' }] });
    expect(error).toMatchObject({ kind: 'server', status: 500, backendMessage: 'database down' });
    expect(backend.received).toHaveLength(1);
  });

  it('retries 503 (bounded) and fails as server when it persists', async () => {
    const always503 = () => ({ kind: 'status' as const, status: 503, body: 'maintenance', contentType: 'text/plain' });
    const { error, backend } = await fails({ faults: always503 });
    expect(error).toMatchObject({ kind: 'server', status: 503, backendMessage: 'maintenance' });
    expect(backend.received).toHaveLength(3);
  });

  it('honours Retry-After on 429 and succeeds on the retry', async () => {
    const backend = await fx.start({ faults: [{ kind: 'status', status: 429, headers: { 'retry-after': '1' } }] });
    const started = Date.now();
    const result = await runZipDownload(options(backend));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.entries).toBe(6);
    expect(backend.received).toHaveLength(2);
  });

  it('does not wait for a Retry-After longer than the limit: fails at once saying when to retry', async () => {
    const { error, backend } = await fails({ faults: () => ({ kind: 'status', status: 429, headers: { 'retry-after': '120' } }) });
    expect(error).toMatchObject({ kind: 'server', status: 429 });
    expect(error.message).toMatch(/120 s/);
    expect(backend.received).toHaveLength(1);
  });

  it('retries a connection refused before any byte, then fails as network', async () => {
    const backend = await fx.start();
    await backend.close();
    const error = await runZipDownload(options(backend)).catch((e: unknown) => appErrorOf(e));
    expect(error).toMatchObject({ kind: 'network' });
    expect(fx.files(fx.tempDir)).toEqual([]);
  });
});

describe('zip download: faults', () => {
  it('waits through a delay shorter than the idle timeout', async () => {
    const backend = await fx.start({ faults: [{ kind: 'delay', ms: 300 }] });
    const result = await runZipDownload(options(backend));
    expect(result.entries).toBe(6);
  });

  it('fails as timeout when the headers take longer than the idle timeout', async () => {
    const { error } = await fails({ faults: () => ({ kind: 'delay', ms: 3000 }) }, { retry: { limit: 0 } });
    expect(error.kind).toBe('timeout');
  });

  it('bounds the time to the first byte on its own (not by the idle timeout) and retries a header timeout once only', async () => {
    const started = performance.now();
    const { error, backend } = await fails(
      { faults: () => ({ kind: 'delay', ms: 4000 }) },
      { timeouts: { connectMs: 2000, firstByteMs: 500, idleMs: 60_000 }, retry: { limit: 2, baseDelayMs: 20 } },
    );
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/no answer/);
    expect(backend.received).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('waits 30 s for the first byte by default', () => {
    expect(DEFAULT_TIMEOUTS.firstByteMs).toBe(30_000);
  });

  it('fails a stalled body as timeout instead of hanging', async () => {
    const { error } = await fails({ faults: [{ kind: 'stall', afterBytes: 5000 }] });
    expect(error.kind).toBe('timeout');
  });

  it('fails a connection dropped mid-body as network, without retrying after bytes arrived', async () => {
    const { error, backend } = await fails({ faults: [{ kind: 'drop', afterBytes: 20_000 }] });
    expect(error.kind).toBe('network');
    expect(backend.received).toHaveLength(1);
  });

  it('fails a body shorter than its Content-Length as network', async () => {
    const { error } = await fails({ faults: [{ kind: 'wrong-length', delta: 5000 }] });
    expect(error.kind).toBe('network');
  });

  // With the default 60 s idle timeout: a closed socket is reported when it closes, not when the idle timer runs out.
  it.each([
    ['closed right after the headers', { kind: 'drop', afterBytes: 0 }],
    ['closed after some of the body', { kind: 'drop', afterBytes: 20_000 }],
    ['closed short of its Content-Length', { kind: 'wrong-length', delta: 5000 }],
  ] as const)('reports a connection %s at once as network, with what to do', async (_label, fault) => {
    const started = performance.now();
    const { error } = await fails({ faults: [fault] }, { timeouts: { connectMs: 2000, idleMs: 60_000 } });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/closed|reset/);
    expect(error.message).toMatch(/Try again/);
  }, 15_000);

  it('fails a truncated body that looks complete (central directory missing) as invalid-response', async () => {
    const { error } = await fails({ faults: [{ kind: 'wrong-length', delta: -100 }] });
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(/not a complete zip/);
  });

  it('fails a 200 HTML page as invalid-response', async () => {
    const { error } = await fails({ faults: [{ kind: 'html' }] });
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(/web page/);
  });

  it('follows a redirect to another origin without sending the API key there', async () => {
    const other = await fx.start(); // another port: another origin
    const backend = await fx.start({ apiKey: 'secret-key', faults: [{ kind: 'redirect', location: `${other.url}/viewer/exports/download-batch` }] });
    const result = await runZipDownload(options(backend));
    expect(result.entries).toBe(6);
    expect(backend.received[0]?.apiKey).toBe('secret-key');
    expect(other.received).toHaveLength(1);
    expect(other.received[0]?.apiKey).toBeUndefined();
  });

  it('keeps the API key on a same-origin redirect', async () => {
    const backend = await fx.start({ apiKey: 'secret-key', faults: [{ kind: 'redirect', location: '/api/viewer/exports/download-batch' }] });
    const result = await runZipDownload(options(backend));
    expect(result.entries).toBe(6);
    expect(backend.received.map((r) => r.apiKey)).toEqual(['secret-key', 'secret-key']);
  });

  it('refuses to send a key over plain http to a non-loopback host, sending nothing', async () => {
    const error = appErrorOf(await runZipDownload({
      baseUrl: 'http://backend.example.com/api', apiKey: 'k', sourceFileUrls: ['x'],
      destination: { kind: 'folder', dir: fx.saveDir }, tempDir: fx.tempDir,
    }).then(() => null, (e: unknown) => e));
    expect(error).toMatchObject({ kind: 'validation' });
    expect(error?.message).toMatch(/https/);
  });
});

describe('zip download: disk failures', () => {
  it.skipIf(process.platform !== 'linux')('fails as disk when the destination cannot be written, leaving no temp file', async () => {
    const backend = await fx.start();
    const target = '/proc/export-manager-test.zip'; // procfs: another file system that refuses new files
    const error = appErrorOf(await runZipDownload(options(backend, { destination: { kind: 'file', path: target } })).then(() => null, (e: unknown) => e));
    expect(error).toMatchObject({ kind: 'disk' });
    expect(fx.files(fx.tempDir)).toEqual([]);
  });

  it('fails as disk when the temp folder is not a folder', async () => {
    const backend = await fx.start();
    const notADir = join(fx.root, 'file-not-dir');
    writeFileSync(notADir, 'x');
    const error = appErrorOf(await runZipDownload(options(backend, { tempDir: notADir })).then(() => null, (e: unknown) => e));
    expect(error).toMatchObject({ kind: 'disk' });
    expect(fx.files(fx.saveDir)).toEqual([]);
  });
});

describe('zip download: cancel and resources', () => {
  it('cancels through the AbortSignal mid-body and removes the temp file', async () => {
    const backend = await fx.start({ faults: [{ kind: 'stall', afterBytes: 100_000 }] });
    const controller = new AbortController();
    const running = runZipDownload(options(backend, {
      signal: controller.signal,
      timeouts: { idleMs: 10_000 },
      onProgress: (p) => { if (p.bytes > 0) controller.abort(); },
      progressIntervalMs: 0,
    }));
    const error = await running.catch((e: unknown) => appErrorOf(e));
    expect(error).toMatchObject({ kind: 'cancelled' });
    expect(fx.files(fx.saveDir)).toEqual([]);
    expect(fx.files(fx.tempDir)).toEqual([]);
  });

  it('runs jobs one after another without leaking file descriptors', async () => {
    const backend = await fx.start({ faults: (c) => (c.index % 3 === 1 ? { kind: 'drop', afterBytes: 10_000 } : null) });
    const run = () => runZipDownload(options(backend, { sourceFileUrls: [bulkExportUrl(backend.url, 2)] })).catch(() => null);
    await run(); // warm up lazily opened handles (DNS, modules)
    const before = openFdCount();
    for (let i = 0; i < 12; i++) await run();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = openFdCount();
    if (before !== null && after !== null) expect(after).toBeLessThanOrEqual(before + 2);
    expect(fx.files(fx.tempDir)).toEqual([]);
    expect(fx.files(fx.saveDir).length).toBeGreaterThanOrEqual(8);
  });
});

describe('zip download: a connection that closes mid-body is reported when it closes (default 60 s idle timeout)', () => {
  it.each([
    ['reset right after the headers', resetAfterHeaders],
    ['ended short of its Content-Length', endShort],
  ])('%s: network within 5 s, saying what to do', async (_label, after) => {
    const { url, close } = await startRawBackend(after);
    try {
      const started = performance.now();
      const error = await runZipDownload({
        baseUrl: url, apiKey: null, sourceFileUrls: ['https://cdn.example.com/a.png'],
        destination: { kind: 'folder', dir: fx.saveDir }, tempDir: fx.tempDir, retry: { limit: 0 },
      }).then(() => null, (e: unknown) => appErrorOf(e));
      expect(performance.now() - started).toBeLessThan(5000);
      expect(error).toMatchObject({ kind: 'network', message: expect.stringMatching(/Try again/) });
      expect(fx.files(fx.saveDir)).toEqual([]);
      expect(fx.files(fx.tempDir)).toEqual([]);
    } finally {
      await close();
    }
  }, 70_000);
});

describe('zip download: a zip its writer made without the zip64 records it needs', () => {
  it('is refused as the writer\'s fault, advising fewer exports a request, not "Try again"', async () => {
    const zipPath = join(fx.root, 'wrapped.zip');
    function* tiny(): Generator<FixtureEntry> {
      for (let i = 0; i < 70_000; i++) yield { name: `f${i}.txt`, data: Buffer.from('x') };
    }
    writeZip(zipPath, tiny(), { noZip64: true });
    const body = readFileSync(zipPath);
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/zip', 'content-length': body.length, 'content-disposition': 'attachment; filename="big.zip"' }).end(body);
    });
    try {
      const error = await runZipDownload({
        baseUrl: server.baseUrl, apiKey: null, sourceFileUrls: ['https://cdn.example.com/a.png'],
        destination: { kind: 'folder', dir: fx.saveDir }, tempDir: fx.tempDir, retry: { limit: 0 },
      }).then(() => null, (e: unknown) => appErrorOf(e));
      expect(error).toMatchObject({ kind: 'invalid-response', message: expect.stringMatching(/its end record counts 4,464.*batch size below 65,535/) });
      expect(error?.message).not.toMatch(/Try again/);
      expect(fx.files(fx.saveDir)).toEqual([]);
      expect(fx.files(fx.tempDir)).toEqual([]);
    } finally {
      await server.close();
    }
  }, 60_000);
});
