import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleExportUrls, startSampleBackend } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { BUILT_CLI } from '../../helpers/run-cli';

const hasTools = ['dbus-run-session', 'gnome-keyring-daemon'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);
if (!hasTools && process.env.CI === 'true') throw new Error('CI needs dbus-run-session and gnome-keyring-daemon for these tests.');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built command in a private D-Bus session with gnome-keyring keeping its keyrings in
 * `dataHome`: unlocked with a password, or started without one (its default keyring then stays
 * locked, or is missing when none was ever created).
 */
function inKeyring(dataHome: string, unlocked: boolean, args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<Run> {
  mkdirSync(dataHome, { recursive: true });
  const daemon = unlocked ? 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets' : 'gnome-keyring-daemon --start --components=secrets';
  const child = spawn('dbus-run-session', ['--', 'sh', '-c', `${daemon} >/dev/null 2>&1; exec "$@"`, 'sh', process.execPath, BUILT_CLI, ...args], {
    env: { PATH: process.env.PATH, HOME: dataHome, XDG_DATA_HOME: dataHome, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const parsed = (run: Run) => JSON.parse(run.stdout) as { ok: boolean; hasKey?: boolean; error?: { kind: string; message: string } };

describe.skipIf(!hasTools)('a keyring whose default collection is locked or missing', () => {
  let root: string;
  let backend: SampleBackend;
  let env: NodeJS.ProcessEnv;
  const key = 'locked-keyring-key-0123456789';

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'export-manager-locked-'));
    backend = await startSampleBackend({ apiKey: key });
    env = { EXPORT_MANAGER_USER_DATA: join(root, 'state') };
    const home = join(root, 'locked');
    expect((await inKeyring(home, true, ['profiles', 'add', 'Locked', '--base-url', backend.url], env)).code).toBe(0);
    const set = await inKeyring(home, true, ['key', 'set', '--profile', 'Locked', '--json'], env, key);
    expect(parsed(set), set.stderr).toMatchObject({ ok: true, hasKey: true });
  }, 60_000);

  afterAll(async () => {
    await backend.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('key status, key set and download --profile all say to unlock the keyring (kind keychain)', async () => {
    const home = join(root, 'locked');
    const status = await inKeyring(home, false, ['key', 'status', '--profile', 'Locked', '--json'], env);
    expect(parsed(status)).toMatchObject({ ok: false, error: { kind: 'keychain', message: expect.stringMatching(/locked.*unlock/i) } });
    const set = await inKeyring(home, false, ['key', 'set', '--profile', 'Locked', '--json'], env, 'another-key-0123456789');
    expect(parsed(set)).toMatchObject({ ok: false, error: { kind: 'keychain', message: expect.stringMatching(/locked.*unlock/i) } });
    expect(parsed(set).error?.message).not.toMatch(/\/org\/freedesktop/);
    const download = await inKeyring(home, false, ['download', '--profile', 'Locked', '--url', sampleExportUrls(backend.url)[0]!, '--urls', '--json'], env);
    expect(parsed(download)).toMatchObject({ ok: false, error: { kind: 'keychain', message: expect.stringMatching(/locked.*unlock/i) } });
    expect(backend.received).toEqual([]);
  }, 60_000);

  it('says to create a default keyring when there is none, without a D-Bus object path', async () => {
    const home = join(root, 'missing');
    const set = await inKeyring(home, false, ['key', 'set', '--profile', 'Locked', '--json'], env, 'another-key-0123456789');
    expect(parsed(set)).toMatchObject({ ok: false, error: { kind: 'keychain', message: expect.stringMatching(/no default keyring.*create/i) } });
    expect(parsed(set).error?.message).not.toMatch(/\/org\/freedesktop/);
    const status = await inKeyring(home, false, ['key', 'status', '--profile', 'Locked', '--json'], env);
    expect(parsed(status)).toMatchObject({ ok: false, error: { kind: 'keychain', message: expect.stringMatching(/no default keyring/i) } });
  }, 60_000);
});
