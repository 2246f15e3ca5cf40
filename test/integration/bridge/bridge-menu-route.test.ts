import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageIdentity } from '../../bridge/identity';
import { startBridge } from '../../bridge/server';
import type { Bridge } from '../../bridge/server';
import { MemorySecretStore } from '../../helpers/memory-secret-store';

const staticDir = fileURLToPath(new URL('../../../dist/renderer/', import.meta.url));

async function startOn(root: string, testRoutes: boolean): Promise<Bridge> {
  return startBridge({ staticDir, root, secrets: { store: new MemorySecretStore(), status: { backend: 'session' } }, identity: packageIdentity(), testRoutes, sampleBackend: false });
}

/** One real HTTP request; resolves with the response as it starts (its body still to read). */
function open(bridge: Bridge, method: string, path: string, headers: Record<string, string>, body?: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, bridge.url), { method, headers }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

async function text(response: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of response as AsyncIterable<Buffer>) body += chunk.toString('utf8');
  return body;
}

/** Opens the bridge's one-time link as a browser would and returns the cookie it hands out. */
async function cookieFrom(bridge: Bridge): Promise<string> {
  const link = new URL(bridge.openLink());
  const opened = await open(bridge, 'GET', `${link.pathname}${link.search}`, {});
  opened.resume();
  return [opened.headers['set-cookie'] ?? []].flat()[0]?.split(';')[0] ?? '';
}

/** Chooses a menu item through the test route: its status and body. */
async function choose(bridge: Bridge, cookie: string, body: string): Promise<{ status: number; body: string }> {
  const response = await open(bridge, 'POST', '/__bridge/test/menu', { 'content-type': 'application/json', cookie }, body);
  return { status: response.statusCode ?? 0, body: await text(response) };
}

/** The events pushed to the page from now on, as the page's event stream receives them. */
async function listen(bridge: Bridge, cookie: string): Promise<{ events: Array<{ name: string; payload: unknown }>; stop(): void }> {
  const stream = await open(bridge, 'GET', '/__bridge/events', { cookie });
  const events: Array<{ name: string; payload: unknown }> = [];
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const frames = pending.split('\n\n');
    pending = frames.pop() ?? '';
    for (const frame of frames) if (frame.startsWith('data: ')) events.push(JSON.parse(frame.slice('data: '.length)) as { name: string; payload: unknown });
  });
  return { events, stop: () => stream.destroy() };
}

describe("the bridge's menu route: the app menu's items, chosen as the native menu would", () => {
  let root: string;
  let bridge: Bridge;
  let cookie: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bridge-menu-'));
    bridge = await startOn(root, true);
    cookie = await cookieFrom(bridge);
  }, 60_000);

  afterAll(async () => {
    await bridge.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('sends the page the command of Help → Keyboard Shortcuts, as main does', async () => {
    const stream = await listen(bridge, cookie);
    try {
      expect(await choose(bridge, cookie, JSON.stringify({ path: ['Help', 'Keyboard Shortcuts'] }))).toEqual({ status: 200, body: '{}' });
      expect(await choose(bridge, cookie, JSON.stringify({ path: ['Exports', 'Filter'] }))).toEqual({ status: 200, body: '{}' });
      await expect.poll(() => stream.events.length).toBe(2);
      expect(stream.events).toEqual([
        { name: 'app.command', payload: { command: 'shortcuts' } },
        { name: 'app.command', payload: { command: 'filter' } },
      ]);
    } finally {
      stream.stop();
    }
  });

  it('opens the documentation for Help → Export Manager Help, recorded as the desktop would be asked', async () => {
    expect((await choose(bridge, cookie, JSON.stringify({ path: ['Help', 'Export Manager Help'] }))).status).toBe(200);
    expect(bridge.desktop.openedPaths).toEqual(['README.md']);
  });

  it('refuses an item the menu does not have, one of Electron’s roles, and a body that names none', async () => {
    const missing = await choose(bridge, cookie, JSON.stringify({ path: ['Help', 'Keyboard shortcuts!'] }));
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('The app menu has no item Help → Keyboard shortcuts! that the bridge can choose.');
    // A submenu is not an item to click.
    expect((await choose(bridge, cookie, JSON.stringify({ path: ['Help'] }))).status).toBe(404);
    expect((await choose(bridge, cookie, JSON.stringify({ path: 'Help' }))).status).toBe(400);
    expect((await choose(bridge, cookie, JSON.stringify({ path: ['Help', 3] }))).status).toBe(400);
  });

  it('is not there unless the test suite asked for its routes', async () => {
    const plainRoot = mkdtempSync(join(tmpdir(), 'bridge-menu-plain-'));
    const plain = await startOn(plainRoot, false);
    try {
      const plainCookie = await cookieFrom(plain);
      const stream = await listen(plain, plainCookie);
      try {
        expect((await choose(plain, plainCookie, JSON.stringify({ path: ['Help', 'Keyboard Shortcuts'] }))).status).toBe(404);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(stream.events).toEqual([]);
      } finally {
        stream.stop();
      }
    } finally {
      await plain.close();
      rmSync(plainRoot, { recursive: true, force: true });
    }
  }, 60_000);
});
