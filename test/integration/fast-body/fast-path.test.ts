/**
 * The fast body path serving real zips from the sample backend and from raw servers: the same
 * bytes, SHA-256 and entries as the got path, `bodyPath` saying which served, the request it
 * sends, the redirects and framings it hands to got, cancel, and main's event loop kept free.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkExportUrl, sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import type { ProgressSnapshot } from '../../../main/core/downloads/progress-meter';
import { startLoopbackServer } from '../../helpers/loopback-server';
import { createSampleFixture, openFdCount } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { writeZip } from '../../helpers/zip-fixtures';
import { runOnPath } from './both-paths';
import { startRawServer } from '../../helpers/raw-backend';

const KEY = 'fast-body-key-0123456789';

let fx: SampleFixture;
beforeEach(() => {
  fx = createSampleFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A small real zip, as bytes. */
function smallZip(): Buffer {
  const path = `${fx.root}/small.zip`;
  writeZip(path, [{ name: 'a.txt', data: Buffer.from('hello, fast path') }, { name: 'b.bin', data: Buffer.alloc(70_000, 7) }]);
  return readFileSync(path);
}

describe('the fast body path serves zips', () => {
  it.each([
    ['with a Content-Length', {}],
    ['chunked', { chunked: true }],
  ])('%s: the same file, SHA-256 and entries as the got path, and says it served', async (_label, backendOptions) => {
    const backend = await fx.start({ apiKey: KEY, ...backendOptions });
    const options = { baseUrl: backend.url, apiKey: KEY, sourceFileUrls: sampleExportUrls(backend.url).slice(0, 6), digestEntries: true };
    const fast = (await runOnPath(fx, 'fast', options)).result!;
    const got = (await runOnPath(fx, 'got', options)).result!;
    expect(fast.bodyPath).toBe('fast');
    expect(got.bodyPath).toBe('got');
    expect(fast.sha256).toBe(sha256(fast.path));
    expect(fast.sha256).toBe(got.sha256);
    expect(readFileSync(fast.path).equals(readFileSync(got.path))).toBe(true);
    expect({ entries: fast.entries, bytes: fast.bytes, status: fast.status, contentDisposition: fast.contentDisposition, digests: fast.digests })
      .toEqual({ entries: got.entries, bytes: got.bytes, status: got.status, contentDisposition: got.contentDisposition, digests: got.digests });
    expect(backend.received.map((request) => request.apiKey)).toEqual([KEY, KEY]);
    expect(fx.files(fx.tempDir)).toEqual([]);
  });

  it('reports throttled progress with the total, ending at the whole body', async () => {
    const backend = await fx.start();
    const seen: ProgressSnapshot[] = [];
    const { result } = await runOnPath(fx, 'fast', { baseUrl: backend.url, apiKey: null, sourceFileUrls: [bulkExportUrl(backend.url, 8)], onProgress: (progress) => seen.push(progress), progressIntervalMs: 20 });
    expect(result?.bodyPath).toBe('fast');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((progress) => progress.total === result!.bytes)).toBe(true);
    expect(seen.at(-1)?.bytes).toBe(result!.bytes);
    expect(seen.map((progress) => progress.bytes)).toEqual([...seen.map((progress) => progress.bytes)].sort((a, b) => a - b));
  });

  it('skips interim 100 and 103 heads, as Node does, and serves the final one', async () => {
    const zip = smallZip();
    const server = await startRawServer((socket) => socket.end(Buffer.concat([
      Buffer.from('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </x>\r\n\r\n'),
      Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: application/zip\r\ncontent-length: ${zip.length}\r\n\r\n`),
      zip,
    ])));
    try {
      const { result } = await runOnPath(fx, 'fast', { baseUrl: server.url, apiKey: null, sourceFileUrls: ['x'] });
      expect(result).toMatchObject({ bodyPath: 'fast', entries: 2, bytes: zip.length });
      expect(readFileSync(result!.path).equals(zip)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('sends the request the got path sends: route, body, key, Accept, identity coding, got\'s User-Agent; one exchange a connection', async () => {
    const seen: Array<{ headers: IncomingMessage['headers']; body: string; url: string }> = [];
    const zip = smallZip();
    const server = await startLoopbackServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ headers: request.headers, body, url: request.url ?? '' });
        response.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length }).end(zip);
      });
    });
    try {
      const options = { baseUrl: server.baseUrl, apiKey: KEY, sourceFileUrls: ['https://cdn.example/a.png', 'https://cdn.example/"b".png'] };
      expect((await runOnPath(fx, 'fast', options)).result?.bodyPath).toBe('fast');
      expect((await runOnPath(fx, 'got', options)).result?.bodyPath).toBe('got');
      const [fast, got] = seen;
      const same = (headers: IncomingMessage['headers']) => {
        const { connection: _connection, ...rest } = headers;
        return rest;
      };
      expect(same(fast!.headers)).toEqual(same(got!.headers));
      expect(fast!.headers['x-api-key']).toBe(KEY);
      expect(fast!.headers.connection).toBe('close');
      expect({ url: fast!.url, body: JSON.parse(fast!.body) as unknown }).toEqual({ url: got!.url, body: JSON.parse(got!.body) as unknown });
    } finally {
      await server.close();
    }
  });

  it('refuses to send a key over plain http to another machine before connecting, as the got path does', async () => {
    const { error } = await runOnPath(fx, 'fast', { baseUrl: 'http://backend.example.com/api', apiKey: 'k-0123456789', sourceFileUrls: ['x'] });
    expect(error).toMatchObject({ kind: 'validation', message: expect.stringMatching(/plain http/) });
  });
});

describe('what the fast path hands to got', () => {
  it('a same-origin redirect: got follows it from there with the key, the POST is not sent again', async () => {
    const backend = await fx.start({ apiKey: KEY, faults: [{ kind: 'redirect', location: '/api/viewer/exports/download-batch' }] });
    const { result } = await runOnPath(fx, 'fast', { baseUrl: backend.url, apiKey: KEY, sourceFileUrls: sampleExportUrls(backend.url).slice(0, 3) });
    expect(result).toMatchObject({ bodyPath: 'got', entries: 3 });
    expect(backend.received.map((request) => request.apiKey)).toEqual([KEY, KEY]);
  });

  it('a redirect to another origin: followed without the key', async () => {
    const other = await fx.start();
    const backend = await fx.start({ apiKey: KEY, faults: [{ kind: 'redirect', location: `${other.url}/viewer/exports/download-batch`, status: 308 }] });
    const { result } = await runOnPath(fx, 'fast', { baseUrl: backend.url, apiKey: KEY, sourceFileUrls: sampleExportUrls(other.url).slice(0, 2) });
    expect(result).toMatchObject({ bodyPath: 'got', entries: 2 });
    expect(backend.received).toHaveLength(1);
    expect(other.received.map((request) => request.apiKey)).toEqual([undefined]);
  });

  it('a 303: followed as a GET, as got does', async () => {
    const zip = smallZip();
    const methods: string[] = [];
    const server = await startLoopbackServer((request, response) => {
      methods.push(`${request.method} ${request.url}`);
      if (request.method === 'POST') response.writeHead(303, { location: '/files/ready.zip' }).end();
      else response.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length }).end(zip);
    });
    try {
      const { result } = await runOnPath(fx, 'fast', { baseUrl: server.baseUrl, apiKey: KEY, sourceFileUrls: ['x'] });
      expect(result).toMatchObject({ bodyPath: 'got', entries: 2 });
      expect(methods).toEqual(['POST /api/viewer/exports/download-batch', 'GET /files/ready.zip']);
    } finally {
      await server.close();
    }
  });

  it('a framing Node reads and the fast path does not serve: sent again by got before any byte was written', async () => {
    const zip = smallZip();
    // Two Transfer-Encoding fields: Node joins them into "chunked, chunked" and reads chunks; the fast parser serves one.
    const server = await startRawServer((socket) => socket.end(Buffer.concat([
      Buffer.from('HTTP/1.1 200 OK\r\ncontent-type: application/zip\r\ntransfer-encoding: chunked\r\ntransfer-encoding: chunked\r\n\r\n'),
      Buffer.from(`${zip.length.toString(16)}\r\n`), zip, Buffer.from('\r\n0\r\n\r\n'),
    ])));
    try {
      const { result } = await runOnPath(fx, 'fast', { baseUrl: server.url, apiKey: null, sourceFileUrls: ['x'] });
      expect(result).toMatchObject({ bodyPath: 'got', entries: 2, bytes: zip.length });
      expect(server.requests()).toBe(2);
    } finally {
      await server.close();
    }
  });
});

describe('cancel and resources on the fast path', () => {
  it('a cancel mid-body leaves no file, and the worker thread and its descriptors are gone', async () => {
    const backend = await fx.start({ faults: () => ({ kind: 'stall', afterBytes: 200_000 }) });
    const cancelOnce = async () => {
      const controller = new AbortController();
      const { error } = await runOnPath(fx, 'fast', {
        baseUrl: backend.url, apiKey: null, sourceFileUrls: [bulkExportUrl(backend.url, 2)], signal: controller.signal, timeouts: { idleMs: 10_000 },
        progressIntervalMs: 0, onProgress: (progress) => progress.bytes > 0 && controller.abort(),
      });
      expect(error?.kind).toBe('cancelled');
    };
    await cancelOnce(); // warm up what opens lazily
    const before = openFdCount();
    for (let i = 0; i < 5; i++) await cancelOnce();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = openFdCount();
    if (before !== null && after !== null) expect(after).toBeLessThanOrEqual(before + 2);
    expect(fx.files(fx.tempDir)).toEqual([]);
    expect(fx.files(fx.saveDir)).toEqual([]);
  }, 60_000);

  it('keeps main\'s event loop free while a large body is written: the reads and writes happen in the worker', async () => {
    const backend = await fx.start();
    // How busy this thread's event loop was during each download (the sample backend serves from it too).
    const busy = async (path: 'fast' | 'got') => {
      const start = performance.eventLoopUtilization();
      const { result } = await runOnPath(fx, path, { baseUrl: backend.url, apiKey: null, sourceFileUrls: [bulkExportUrl(backend.url, 128)], onProgress: () => {} });
      expect(result?.bodyPath).toBe(path);
      return performance.eventLoopUtilization(start).utilization;
    };
    const fast = await busy('fast');
    const got = await busy('got');
    expect(fast).toBeLessThan(0.45);
    expect(fast).toBeLessThan(got);
  }, 60_000);
});
