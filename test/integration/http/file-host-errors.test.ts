import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { fetchOneUrl } from '../../../main/core/downloads/fetch-one-url';
import { startLoopbackServer } from '../../helpers/loopback-server';
import type { LoopbackServer } from '../../helpers/loopback-server';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

/**
 * URL mode's "download each" GETs URLs the backend handed out, from whatever server hosts them:
 * when one fails, the message must say that server failed, not the backend (whose base URL is
 * fine: it answered).
 */
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

async function fetchFailure(url: string) {
  const folder = join(fx.saveDir, 'files');
  const error = await fetchOneUrl({ url, folder, tempDir: fx.tempDir, signal: new AbortController().signal, timeouts: { connectMs: 2000, idleMs: 500 } }).then(
    () => null,
    (e: unknown) => e,
  );
  const appError = appErrorOf(error);
  expect(appError, `expected an AppError, got ${String(error)}`).not.toBeNull();
  expect(fx.files(fx.tempDir)).toEqual([]);
  return appError!;
}

async function serving(answer: (response: ServerResponse) => void): Promise<string> {
  server = await startLoopbackServer((_request, response) => answer(response));
  return `${server.origin}/files/a.png`;
}

function saysFileHost(message: string): void {
  expect(message).toMatch(/file host/);
  expect(message).not.toMatch(/backend|base URL/);
}

describe('a failing exported URL', () => {
  it('redirected to file: is invalid-response, sent once, and blames the file host', async () => {
    const url = await serving((response) => {
      response.writeHead(302, { location: 'file:///etc/passwd' });
      response.end();
    });
    const error = await fetchFailure(url);
    expect(error.kind).toBe('invalid-response');
    saysFileHost(error.message);
    expect(server!.requests).toHaveLength(1);
  });

  it.each([404, 500, 503, 429, 400])('answered %i: the message names the file host', async (status) => {
    const url = await serving((response) => {
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end('no');
    });
    const error = await fetchFailure(url);
    expect(error.status).toBe(status);
    saysFileHost(error.message);
  });

  it('whose body stalls: timeout, naming the file host', async () => {
    const url = await serving((response) => {
      response.writeHead(200, { 'content-length': '1000' });
      response.write('x');
    });
    const error = await fetchFailure(url);
    expect(error.kind).toBe('timeout');
    saysFileHost(error.message);
  });

  it('whose connection is refused or reset: network, naming the file host', async () => {
    const refused = await fetchFailure('http://127.0.0.1:1/a.png');
    expect(refused.kind).toBe('network');
    saysFileHost(refused.message);
    const url = await serving((response) => {
      response.writeHead(200, { 'content-length': '1000' });
      response.write('x', () => response.socket?.resetAndDestroy());
    });
    const reset = await fetchFailure(url);
    expect(reset.kind).toBe('network');
    saysFileHost(reset.message);
  });
});
