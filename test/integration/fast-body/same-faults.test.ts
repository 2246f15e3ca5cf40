/**
 * The same fault against both body paths: the fast one (its own socket in a worker) and got's.
 * Each gives the same AppError (kind, message, status, the backend's message), sends the same
 * number of requests (so the fast path met the fault itself, not by falling back to got, which
 * would send one more), and leaves nothing on disk.
 */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BodyPath, ZipDownloadOptions } from '../../../main/core/downloads/zip-download';
import { sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import type { SampleBackendOptions } from '../../../main/core/sample-backend/server';
import { startLoopbackServer, trickle } from '../../helpers/loopback-server';
import { endShort, resetAfterHeaders, startRawServer } from '../../helpers/raw-backend';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { runOnPath, sameAs } from './both-paths';
import type { PathRun } from './both-paths';

const KEY = 'fast-body-key-0123456789';
const PATHS: BodyPath[] = ['fast', 'got'];
const quick: Partial<ZipDownloadOptions> = { timeouts: { connectMs: 2000, idleMs: 1500 }, retry: { baseDelayMs: 20, maxDelayMs: 2000 } };

let fx: SampleFixture;
beforeEach(() => {
  fx = createSampleFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

/** Runs a sample backend with `backend` options on each path (a fresh one each) and returns both runs with the requests each received. */
async function sampleFault(backend: SampleBackendOptions, overrides: Partial<ZipDownloadOptions> = {}): Promise<Record<BodyPath, PathRun & { requests: number }>> {
  const runs = {} as Record<BodyPath, PathRun & { requests: number }>;
  for (const path of PATHS) {
    const server = await fx.start({ apiKey: KEY, ...backend });
    const run = await runOnPath(fx, path, { baseUrl: server.url, apiKey: KEY, sourceFileUrls: sampleExportUrls(server.url).slice(0, 4), ...quick, ...overrides });
    runs[path] = { ...run, requests: server.received.length };
  }
  return runs;
}

/** A raw TCP backend that answers each request with `answer` (what no HTTP server library would send). */
async function rawFault(answer: (socket: Socket) => void, overrides: Partial<ZipDownloadOptions> = {}): Promise<Record<BodyPath, PathRun & { requests: number }>> {
  const runs = {} as Record<BodyPath, PathRun & { requests: number }>;
  for (const path of PATHS) {
    const backend = await startRawServer(answer);
    try {
      const run = await runOnPath(fx, path, { baseUrl: backend.url, apiKey: null, sourceFileUrls: ['https://cdn.example/a.png'], ...quick, ...overrides });
      runs[path] = { ...run, requests: backend.requests() };
    } finally {
      await backend.close();
    }
  }
  return runs;
}

/** Both paths failed alike, with as many requests, and left nothing behind; returns the fast path's error. */
function expectSameFailure(runs: Record<BodyPath, PathRun & { requests: number }>) {
  expect(runs.fast.error, 'the fast path must fail too').not.toBeNull();
  expect(sameAs(runs.fast.error)).toEqual(sameAs(runs.got.error));
  expect(runs.fast.requests).toBe(runs.got.requests);
  for (const run of [runs.fast, runs.got]) expect(run.leftovers).toEqual({ saved: [], temp: [] });
  return runs.fast.error!;
}

const zipHead = (extra = '') => `HTTP/1.1 200 OK\r\ncontent-type: application/zip\r\n${extra}`;
const zipStart = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(3000)]);

describe('statuses of the contract, on both paths alike', () => {
  it.each<[string, SampleBackendOptions, Partial<ZipDownloadOptions>, Record<string, unknown>]>([
    ['a missing key: unauthorized, noKey', {}, { apiKey: null }, { kind: 'unauthorized', status: 401, noKey: true }],
    ['a rejected key: unauthorized', { faults: [{ kind: 'status', status: 401, body: '{"message":"Key expired."}' }] }, {}, { kind: 'unauthorized', backendMessage: 'Key expired.' }],
    ['a wrong key: forbidden', {}, { apiKey: 'wrong-key-0123456789' }, { kind: 'forbidden', status: 403 }],
    ['no items: bad-request', {}, { sourceFileUrls: [] }, { kind: 'bad-request', status: 400 }],
    ['unknown exports: not-found', {}, { sourceFileUrls: ['https://elsewhere.example/x.png'] }, { kind: 'not-found', status: 404 }],
    ['a 500, not retried', { faults: [{ kind: 'status', status: 500, body: '{"error":"database down"}' }] }, {}, { kind: 'server', backendMessage: 'database down' }],
    ['a 503 that persists, retried twice', { faults: () => ({ kind: 'status', status: 503, body: 'maintenance', contentType: 'text/plain' }) }, {}, { kind: 'server', backendMessage: 'maintenance' }],
    ['a 429 asking for longer than the limit', { faults: () => ({ kind: 'status', status: 429, headers: { 'retry-after': '120' } }) }, {}, { kind: 'server', status: 429 }],
    ['a batch too large: 413', { maxBatchSize: 2 }, {}, { kind: 'bad-request', status: 413 }],
  ])('%s', async (_label, backend, overrides, expected) => {
    const error = expectSameFailure(await sampleFault(backend, overrides));
    expect(error).toMatchObject(expected);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it('a 429 with a short Retry-After is waited for and then served, on the fast path itself', async () => {
    const runs = await sampleFault({ faults: [{ kind: 'status', status: 429, headers: { 'retry-after': '1' } }] });
    expect(runs.fast.result).toMatchObject({ bodyPath: 'fast', entries: 4 });
    expect(runs.fast.requests).toBe(2);
    expect(runs.got.requests).toBe(2);
  });
});

describe('faults of the connection and the body, on both paths alike', () => {
  it.each<[string, SampleBackendOptions, Partial<ZipDownloadOptions>, string]>([
    ['headers later than the first-byte limit (retried once)', { faults: () => ({ kind: 'delay', ms: 3000 }) }, { timeouts: { connectMs: 2000, firstByteMs: 400, idleMs: 5000 } }, 'timeout'],
    ['a body that stalls (idle timeout)', { faults: [{ kind: 'stall', afterBytes: 5000 }] }, {}, 'timeout'],
    ['a connection reset mid-body', { faults: [{ kind: 'drop', afterBytes: 20_000 }] }, {}, 'network'],
    ['a connection closed right after the headers', { faults: [{ kind: 'drop', afterBytes: 0 }] }, {}, 'network'],
    ['a body short of its Content-Length', { faults: [{ kind: 'wrong-length', delta: 5000 }] }, {}, 'network'],
    ['a truncated body that looks complete', { faults: [{ kind: 'wrong-length', delta: -100 }] }, {}, 'invalid-response'],
    ['a web page instead of a zip', { faults: [{ kind: 'html' }] }, {}, 'invalid-response'],
  ])('%s', async (_label, backend, overrides, kind) => {
    const error = expectSameFailure(await sampleFault(backend, overrides));
    expect(error.kind).toBe(kind);
  }, 30_000);

  it('nothing listening (connection refused, retried)', async () => {
    const runs = {} as Record<BodyPath, PathRun>;
    for (const path of PATHS) {
      const server = await fx.start();
      await server.close();
      runs[path] = await runOnPath(fx, path, { baseUrl: server.url, apiKey: null, sourceFileUrls: ['x'], ...quick });
    }
    expect(sameAs(runs.fast.error)).toEqual(sameAs(runs.got.error));
    expect(runs.fast.error).toMatchObject({ kind: 'network', message: expect.stringMatching(/connection refused/) });
  });

  it.each<[string, (socket: Socket) => void, string]>([
    ['a reset right after the headers', (socket) => {
      socket.write(`${zipHead()}content-length: 1000000\r\n\r\n`);
      resetAfterHeaders(socket);
    }, 'network'],
    ['an end short of the length', (socket) => {
      socket.write(`${zipHead()}content-length: 1000000\r\n\r\n`);
      endShort(socket);
    }, 'network'],
    ['a chunked body that breaks its framing mid-way', (socket) => socket.end(Buffer.concat([Buffer.from(`${zipHead()}transfer-encoding: chunked\r\n\r\nbb8\r\n`), zipStart, Buffer.from('\r\nzz\r\n')])), 'network'],
    ['a chunked body closed before its last chunk', (socket) => socket.end(Buffer.concat([Buffer.from(`${zipHead()}transfer-encoding: chunked\r\n\r\nbb8\r\n`), zipStart])), 'network'],
    ['a head with both Content-Length and chunked (retried like any broken answer)', (socket) => socket.end(`${zipHead()}content-length: 3\r\ntransfer-encoding: chunked\r\n\r\n`), 'network'],
    ['a head past Node\'s 16 KiB', (socket) => socket.end(`${zipHead()}x: ${'a'.repeat(20_000)}\r\n\r\n`), 'network'],
    ['a closed connection before any answer', (socket) => socket.end(), 'network'],
    ['a reset before any answer', (socket) => socket.resetAndDestroy(), 'network'],
    ['a 101 (an unexpected status)', (socket) => socket.end('HTTP/1.1 101 Switching Protocols\r\nupgrade: x\r\n\r\n'), 'invalid-response'],
    ['a 204 (an empty body is no zip)', (socket) => socket.end('HTTP/1.1 204 No Content\r\n\r\n'), 'invalid-response'],
    ['a redirect to file: (never followed, the POST sent once)', (socket) => socket.end('HTTP/1.1 307 Temporary Redirect\r\nlocation: file:///etc/passwd\r\ncontent-length: 0\r\n\r\n'), 'invalid-response'],
  ])('%s', async (_label, answer, kind) => {
    const error = expectSameFailure(await rawFault(answer));
    expect(error.kind).toBe(kind);
  }, 30_000);

  it('a body slower than the low-speed rule', async () => {
    const runs = {} as Record<BodyPath, PathRun>;
    for (const path of PATHS) {
      const server = await startLoopbackServer((_request, response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'application/zip', 'content-length': '100000' });
        trickle(response, Buffer.from('504b0304', 'hex'), { everyMs: 50, forMs: 6000 });
      });
      try {
        runs[path] = await runOnPath(fx, path, { baseUrl: server.baseUrl, apiKey: null, sourceFileUrls: ['x'], timeouts: { idleMs: 5000, lowSpeed: { bytesPerSecond: 1000, durationMs: 600 } }, retry: { limit: 0 } });
      } finally {
        await server.close();
      }
    }
    expect(sameAs(runs.fast.error)).toEqual(sameAs(runs.got.error));
    expect(runs.fast.error).toMatchObject({ kind: 'timeout', message: expect.stringMatching(/low-speed limit/) });
  }, 30_000);
});

describe('the disk, on both paths alike', () => {
  it('a temp folder that is a file: disk, nothing saved', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const notAFolder = join(fx.root, 'not-a-folder');
    writeFileSync(notAFolder, 'x');
    const runs = await sampleFault({}, { tempDir: notAFolder });
    expect(sameAs(runs.fast.error)).toEqual(sameAs(runs.got.error));
    expect(runs.fast.error?.kind).toBe('disk');
  });
});
