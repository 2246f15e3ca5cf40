import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const appRoot = fileURLToPath(new URL('../../../', import.meta.url));
const hasSessionBus = spawnSync('dbus-run-session', ['--version']).status === 0;
if (!hasSessionBus && process.env.CI === 'true') throw new Error('CI needs dbus-run-session (Debian "dbus") for the dev:browser start-up test.');

/** What `npm run dev:browser` printed until it gave the link, or until it exited. */
function startServe(state: string): { child: ChildProcess; printed: Promise<{ link: string | null; output: string; code: number | null }> } {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: join(state, 'xdg') };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  // A fresh session bus with no keyring unlocked in it: the Secret Service is activated on demand, slowly.
  const child = spawn('dbus-run-session', ['--', process.execPath, '--import', 'tsx', 'test/bridge/serve.ts', '--port', '0', '--state', state], { cwd: appRoot, env });
  let output = '';
  const printed = new Promise<{ link: string | null; output: string; code: number | null }>((resolve) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const link = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output)?.[0];
      if (link) resolve({ link, output, code: null });
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.on('exit', (code) => resolve({ link: null, output, code }));
  });
  return { child, printed };
}

function status(url: string): Promise<number> {
  return new Promise((resolve, reject) => get(url, (response) => (response.resume(), resolve(response.statusCode ?? 0))).on('error', reject));
}

describe.skipIf(!hasSessionBus)('npm run dev:browser under a session bus', () => {
  let state: string | undefined;
  let child: ChildProcess | undefined;

  afterEach(() => {
    child?.kill('SIGTERM');
    if (state) rmSync(state, { recursive: true, force: true });
  });

  it('starts and prints a one-time link (it used to exit silently with code 13)', async () => {
    state = mkdtempSync(join(tmpdir(), 'dev-browser-'));
    const started = startServe(state);
    child = started.child;
    const { link, output, code } = await started.printed;
    expect(link, `exit ${code}: ${output}`).not.toBeNull();
    expect(output).toMatch(/it works once/);
    expect(await status(link!)).toBe(303);
    expect(await status(link!)).toBe(401);
  }, 90_000);
});
