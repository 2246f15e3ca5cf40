import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageIdentity } from '../../bridge/identity';
import { startBridge } from '../../bridge/server';
import type { Bridge } from '../../bridge/server';
import { MemorySecretStore } from '../../helpers/memory-secret-store';

const staticDir = fileURLToPath(new URL('../../../dist/renderer/', import.meta.url));

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One real HTTP request to the bridge, as another local process would make it. */
function call(bridge: Bridge, method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, bridge.url), { method, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        // The event stream never ends: its first frame is enough.
        if (res.headers['content-type']?.startsWith('text/event-stream')) res.destroy();
      });
      res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = { 'content-type': 'application/json' };

async function startOn(root: string, testRoutes: boolean): Promise<Bridge> {
  return startBridge({
    staticDir,
    root,
    secrets: { store: new MemorySecretStore(), status: { backend: 'session' } },
    identity: packageIdentity(),
    testRoutes,
  });
}

/** Opens the bridge's one-time link as a browser would and returns the cookie it hands out. */
async function cookieFrom(bridge: Bridge): Promise<string> {
  const link = new URL(bridge.openLink());
  const opened = await call(bridge, 'GET', `${link.pathname}${link.search}`);
  return [opened.headers['set-cookie'] ?? []].flat()[0]?.split(';')[0] ?? '';
}

describe('the browser bridge refuses callers other than its own page', () => {
  let root: string;
  let bridge: Bridge;
  let cookie: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bridge-access-'));
    bridge = await startOn(root, false);
    cookie = await cookieFrom(bridge);
  }, 60_000);

  afterAll(async () => {
    await bridge.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('trades a link’s one-time token for a random HttpOnly, SameSite=Strict cookie, and sends the browser on without it', async () => {
    const link = new URL(bridge.openLink());
    expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const opened = await call(bridge, 'GET', `${link.pathname}${link.search}`);
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe('/');
    const setCookie = [opened.headers['set-cookie'] ?? []].flat()[0] ?? '';
    expect(setCookie).toMatch(/^[\w-]+=[A-Za-z0-9_-]{32,};/);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    const page = await call(bridge, 'GET', '/', { headers: { cookie: setCookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html');
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('hands its cookie to no one who merely asks: not to GET /, not twice for one link, not for a made-up token', async () => {
    for (const path of ['/', '/index.html', '/favicon.svg']) {
      const asked = await call(bridge, 'GET', path);
      expect(asked.status, path).toBe(401);
      expect(asked.headers['set-cookie'], path).toBeUndefined();
      expect(asked.body, path).toMatch(/link the bridge printed/);
    }
    const link = new URL(bridge.openLink());
    expect((await call(bridge, 'GET', `/${link.search}`)).status).toBe(303);
    const again = await call(bridge, 'GET', `/${link.search}`);
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body).toMatch(/used already/);
    const madeUp = await call(bridge, 'GET', `/?token=${'A'.repeat(43)}`);
    expect(madeUp.status).toBe(401);
    expect(madeUp.headers['set-cookie']).toBeUndefined();
  });

  it('answers 401 to every /__bridge/ request without the token, and serves it with the token', async () => {
    expect((await call(bridge, 'POST', '/__bridge/call/profiles.list', { headers: json, body: '{}' })).status).toBe(401);
    expect((await call(bridge, 'POST', '/__bridge/call/profiles.list', { headers: { ...json, cookie: `${cookie.split('=')[0]}=wrong` }, body: '{}' })).status).toBe(401);
    expect((await call(bridge, 'GET', '/__bridge/events')).status).toBe(401);
    expect((await call(bridge, 'GET', '/__bridge/client.js')).status).toBe(401);
    const listed = await call(bridge, 'POST', '/__bridge/call/profiles.list', { headers: { ...json, cookie }, body: '{}' });
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.body)).toMatchObject({ ok: true });
    expect((await call(bridge, 'GET', '/__bridge/events', { headers: { cookie } })).status).toBe(200);
  });

  it("refuses a request from another page's origin (403), even with the token", async () => {
    const foreign = await call(bridge, 'POST', '/__bridge/call/profiles.list', { headers: { ...json, cookie, origin: 'http://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
    const own = await call(bridge, 'POST', '/__bridge/call/profiles.list', { headers: { ...json, cookie, origin: new URL(bridge.url).origin }, body: '{}' });
    expect(own.status).toBe(200);
  });

  it('has no test routes unless the test suite asked for them', async () => {
    const queued = await call(bridge, 'POST', '/__bridge/test/dialogs', { headers: { ...json, cookie }, body: '{"saveAs":["/tmp/x"]}' });
    expect(queued.status).toBe(404);
    expect((await call(bridge, 'GET', '/__bridge/test/desktop', { headers: { cookie } })).status).toBe(404);
    const testRoot = mkdtempSync(join(tmpdir(), 'bridge-access-test-'));
    const testBridge = await startOn(testRoot, true);
    try {
      const testCookie = await cookieFrom(testBridge);
      expect((await call(testBridge, 'POST', '/__bridge/test/dialogs', { headers: { ...json, cookie: testCookie }, body: '{}' })).status).toBe(200);
    } finally {
      await testBridge.close();
      rmSync(testRoot, { recursive: true, force: true });
    }
  }, 60_000);

  it('answers a broken request without a stack trace', async () => {
    const broken = await call(bridge, 'POST', '/__bridge/call/profiles.list', { headers: { ...json, cookie }, body: '{not json' });
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.body).not.toMatch(/\bat .*\(|\.ts:\d+|node:internal/);
    expect(broken.body.length).toBeLessThan(200);
  });
});
