import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { fetchOneUrl } from '../../../main/core/downloads/fetch-one-url';
import { runZipDownload } from '../../../main/core/downloads/zip-download';
import { requestExportUrls } from '../../../main/core/http/export-urls';
import type { Timeouts } from '../../../main/core/http/http-stream';
import { startLoopbackServer, trickle } from '../../helpers/loopback-server';
import type { LoopbackServer } from '../../helpers/loopback-server';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

/**
 * curl's low-speed rule: a body slower than `bytesPerSecond` for `durationMs` fails as `timeout`.
 * Each server below sends a byte every 50 ms (20 B/s) for 4 s, then cuts the connection: without
 * the rule the idle timer (5 s here) never fires, and the download fails only when the
 * connection goes, as `network`.
 */
const SLOW: Partial<Timeouts> = { connectMs: 2000, idleMs: 5000, lowSpeed: { bytesPerSecond: 1000, durationMs: 1000 } };
const TRICKLE = { everyMs: 50, forMs: 4000 };
const RULE_MESSAGE = /slower than 1,000 bytes\/s for 1 s/;

let fx: SampleFixture;
let server: LoopbackServer | null = null;
beforeEach(() => {
  fx = createSampleFixture();
});
afterEach(async () => {
  await server?.close();
  server = null;
  await fx.cleanup();
});

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  const appError = appErrorOf(error);
  expect(appError, `expected an AppError, got ${String(error)}`).not.toBeNull();
  return appError!;
}

describe('the low-speed rule', () => {
  it('fails a zip body trickled below the limit as timeout, naming the rule, and leaves no partial file', async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="slow.zip"', 'content-length': '1000000' });
      trickle(response, Buffer.from('504b0304', 'hex'), TRICKLE);
    });
    const started = performance.now();
    const error = await failureOf(
      runZipDownload({
        baseUrl: server.baseUrl, apiKey: null, sourceFileUrls: ['https://cdn.example/a.png'],
        destination: { kind: 'folder', dir: fx.saveDir }, tempDir: fx.tempDir, timeouts: SLOW, retry: { limit: 0 },
      }),
    );
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(RULE_MESSAGE);
    expect(error.message).toMatch(/^The backend/);
    expect(performance.now() - started).toBeLessThan(3500); // the rule, not the connection's end
    expect(fx.files(fx.saveDir)).toEqual([]);
    expect(fx.files(fx.tempDir)).toEqual([]);
  });

  it('fails an exported file trickled below the limit as timeout, saying the file host was slow', async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': '100000' });
      trickle(response, 'x', TRICKLE);
    });
    const folder = join(fx.saveDir, 'files');
    const error = await failureOf(
      fetchOneUrl({ url: `${server.origin}/files/a.png`, folder, tempDir: fx.tempDir, signal: new AbortController().signal, timeouts: SLOW }),
    );
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(RULE_MESSAGE);
    expect(error.message).toMatch(/file host/);
    expect(error.message).not.toMatch(/backend/);
    expect(fx.files(folder)).toEqual([]);
    expect(fx.files(fx.tempDir)).toEqual([]);
  });

  it('fails a URL-mode answer trickled below the limit as timeout', async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      // Valid JSON padded with whitespace: without the rule it would parse once the server ends it.
      trickle(response, '{"success":true,"exportedUrls":[]', { ...TRICKLE, filler: ' ' });
    });
    const error = await failureOf(
      requestExportUrls({ baseUrl: server.baseUrl, apiKey: null, sourceFileUrls: ['https://cdn.example/a.png'], timeouts: SLOW, retry: { limit: 0 } }),
    );
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(RULE_MESSAGE);
  });

  it('lets a body at the limit or faster through', async () => {
    const body = Buffer.alloc(6000, 'y');
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(body.length) });
      // 200 bytes every 100 ms: 2,000 B/s, twice the limit, for 3 s.
      let sent = 0;
      const timer = setInterval(() => {
        response.write(body.subarray(sent, sent + 200));
        sent += 200;
        if (sent >= body.length) {
          clearInterval(timer);
          response.end();
        }
      }, 100);
      response.on('close', () => clearInterval(timer));
    });
    const folder = join(fx.saveDir, 'files');
    const saved = await fetchOneUrl({ url: `${server.origin}/files/ok.txt`, folder, tempDir: fx.tempDir, signal: new AbortController().signal, timeouts: SLOW });
    expect(saved.bytes).toBe(body.length);
    expect(fx.files(folder)).toEqual(['ok.txt']);
  });
});
