import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECRET_TIMEOUT_MS } from '../../../main/core/secrets/with-timeout';
import { runBuiltCli } from '../../helpers/run-cli';

describe('a Secret Service that never answers', () => {
  let root: string;
  let server: Server;
  const sockets = new Set<Socket>();
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'export-manager-silent-bus-'));
    const path = join(root, 'bus');
    // Accepts every connection and never says a word: the D-Bus handshake waits forever.
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(path, resolve));
    env = { EXPORT_MANAGER_USER_DATA: join(root, 'state'), DBUS_SESSION_BUS_ADDRESS: `unix:path=${path}` };
    expect((await runBuiltCli(['profiles', 'add', 'Silent', '--base-url', 'https://backend.example.com/api'], { env })).code).toBe(0);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(root, { recursive: true, force: true });
  });

  it('reports the timeout as keychain and exits right after it, not when D-Bus gives up', async () => {
    const started = performance.now();
    const run = await runBuiltCli(['key', 'status', '--profile', 'Silent', '--json'], { env });
    const seconds = (performance.now() - started) / 1000;
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { kind: 'keychain' } });
    console.log(`key status against a silent bus: exited after ${seconds.toFixed(1)} s`);
    expect(seconds).toBeGreaterThanOrEqual(DEFAULT_SECRET_TIMEOUT_MS / 1000 - 0.5);
    expect(seconds).toBeLessThan(DEFAULT_SECRET_TIMEOUT_MS / 1000 + 3);
  }, 60_000);
});
