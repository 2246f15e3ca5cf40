import { afterEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { requestExportUrls } from '../../../main/core/http/export-urls';
import { runZipDownload } from '../../../main/core/downloads/zip-download';
import { startLoopbackServer } from '../../helpers/loopback-server';
import type { LoopbackServer } from '../../helpers/loopback-server';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

let server: LoopbackServer | null = null;
let fx: SampleFixture | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  await fx?.cleanup();
  fx = null;
});

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  const appError = appErrorOf(error);
  expect(appError, `expected an AppError, got ${String(error)}`).not.toBeNull();
  return appError!;
}

const request = (baseUrl: string) => ({ baseUrl, apiKey: null, sourceFileUrls: ['https://cdn.example/a.png'], timeouts: { connectMs: 2000, idleMs: 2000 }, retry: { baseDelayMs: 10 } });

describe('a URL-mode answer nested too deep', () => {
  it('is refused as invalid-response before it is parsed, whatever field holds it', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"success":true,"exportedUrls":[],"skipped":[${deep}]}`);
    });
    const error = await failureOf(requestExportUrls(request(server.baseUrl)));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(/nest/i);
    expect(error.message).not.toMatch(/call stack/i);
  });

  it('still reads an answer of the contract’s ordinary depth', async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ success: true, exportedUrls: ['https://cdn.example/a.png'], skipped: [{ sourceFileUrl: 'https://cdn.example/b.png', reason: 'gone', detail: { codes: [[1]] } }] }));
    });
    const answer = await requestExportUrls(request(server.baseUrl));
    expect(answer.exportedUrls).toEqual(['https://cdn.example/a.png']);
    expect(answer.skipped[0]).toMatchObject({ sourceFileUrl: 'https://cdn.example/b.png', reason: 'gone' });
  });
});

describe('a redirect of the batch route to a scheme that is not http(s)', () => {
  const toFile = (response: import('node:http').ServerResponse) => {
    response.writeHead(307, { location: 'file:///etc/passwd' });
    response.end();
  };

  it('is invalid-response and the POST is sent once, never retried (URL mode)', async () => {
    server = await startLoopbackServer((_request, response) => toFile(response));
    const error = await failureOf(requestExportUrls(request(server.baseUrl)));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(/redirect/i);
    expect(error.message).toMatch(/file:/);
    expect(server.requests.filter((seen) => seen.method === 'POST')).toHaveLength(1);
  });

  it('is invalid-response and the POST is sent once, never retried (zip mode)', async () => {
    fx = createSampleFixture();
    server = await startLoopbackServer((_request, response) => toFile(response));
    const error = await failureOf(runZipDownload({ ...request(server.baseUrl), destination: { kind: 'folder', dir: fx.saveDir }, tempDir: fx.tempDir }));
    expect(error.kind).toBe('invalid-response');
    expect(server.requests.filter((seen) => seen.method === 'POST')).toHaveLength(1);
    expect(fx.files(fx.saveDir)).toEqual([]);
    expect(fx.files(fx.tempDir)).toEqual([]);
  });
});
