import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleExportUrls, startSampleBackend } from '../../../main/core/sample-backend';
import { openStore } from '../../../main/core/store/store';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { skipWithoutKeychain } from '../../helpers/keychain-probe';
import { runBuiltCli } from '../../helpers/run-cli';

const keychainMissing = await skipWithoutKeychain();

describe('export-manager profiles, track and key', () => {
  let root: string;
  let backend: SampleBackend;
  let env: NodeJS.ProcessEnv;
  const key = `cli-key-${Date.now()}-abcdef123456`;
  const profile = `CLI test ${process.pid}`;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'export-manager-cli-state-'));
    backend = await startSampleBackend({ apiKey: key });
    // The keychain session is the test's own (.ci/run); DBUS and XDG variables reach the child.
    env = { ...process.env, EXPORT_MANAGER_USER_DATA: join(root, 'state'), EXPORT_MANAGER_API_KEY: '' };
  });

  afterAll(async () => {
    await runBuiltCli(['profiles', 'remove', profile], { env });
    await backend.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('adds, lists and refuses duplicate or bad profiles', async () => {
    const added = await runBuiltCli(['profiles', 'add', profile, '--base-url', backend.url, '--json'], { env });
    expect(added.code, added.stderr).toBe(0);
    expect(added.json()).toMatchObject({ ok: true, profile: { name: profile, baseUrl: backend.url } });
    const listed = await runBuiltCli(['profiles', 'list', '--json'], { env });
    expect(listed.json<{ profiles: Array<{ name: string }> }>().profiles.map((p) => p.name)).toContain(profile);
    const again = await runBuiltCli(['profiles', 'add', profile, '--base-url', backend.url, '--json'], { env });
    expect(again.code).toBe(1);
    expect(again.json()).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const bad = await runBuiltCli(['profiles', 'add', 'Bad', '--base-url', 'ftp://example.com/api', '--json'], { env });
    expect(bad.code).toBe(1);
    expect(bad.json()).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect((await runBuiltCli(['profiles', 'add', 'NoUrl'], { env })).code).toBe(2);
  });

  it('words a refused value for a person, without the internal method it went through', async () => {
    const blank = await runBuiltCli(['profiles', 'add', ' ', '--base-url', backend.url, '--json'], { env });
    expect(blank.code).toBe(1);
    expect(blank.json()).toEqual({ ok: false, error: { kind: 'validation', status: null, message: 'Give the profile a name.', backendMessage: null } });
    const text = await runBuiltCli(['profiles', 'add', ' ', '--base-url', backend.url], { env });
    expect(text.stderr).toBe('export-manager: Give the profile a name.\n');
  });

  it('tracks exports by argument and by file, reporting invalid lines', async () => {
    const urls = sampleExportUrls(backend.url);
    const added = await runBuiltCli(['track', 'add', urls[0]!, urls[1]!, '--profile', profile, '--json'], { env });
    expect(added.code, added.stderr).toBe(0);
    expect(added.json()).toMatchObject({ ok: true, added: 2, duplicates: 0, invalid: 0 });
    const csv = join(root, 'exports.csv');
    writeFileSync(csv, `name,sourceFileUrl\n"a, b",${urls[1]}\nc,${urls[2]}\nd,not a url\n`);
    const imported = await runBuiltCli(['track', 'import', csv, '--profile', profile, '--json'], { env });
    expect(imported.code).toBe(1);
    const report = imported.json<{ added: number; duplicates: number; invalid: number; lines: Array<{ line: number; status: string; reason?: string }> }>();
    expect(report).toMatchObject({ added: 1, duplicates: 1, invalid: 1 });
    expect(report.lines.find((line) => line.status === 'invalid')).toMatchObject({ line: 4, reason: expect.any(String) });
    const listed = await runBuiltCli(['track', 'list', '--profile', profile], { env });
    expect(listed.stdout.trim().split('\n')).toEqual([urls[0], urls[1], urls[2]]);
    const removed = await runBuiltCli(['track', 'remove', urls[2]!, '--profile', profile, '--json'], { env });
    expect(removed.json()).toMatchObject({ ok: true, removed: 1 });
  });

  it('fails clearly for an unknown profile, as a typed value that cannot be used (not the backend\'s not-found)', async () => {
    const run = await runBuiltCli(['track', 'list', '--profile', 'No such profile', '--json'], { env });
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('profiles list') } });
  });

  it('refuses to remove the built-in profile as a state of the app, with exit 1 (a failure, not a usage error)', async () => {
    // The app creates the built-in profile when it starts; here the test stands in for that start.
    const appStore = openStore(join(root, 'state'));
    const sample = appStore.profiles.ensureSample(backend.url).profile;
    appStore.close();
    const run = await runBuiltCli(['profiles', 'remove', sample.name, '--json'], { env });
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { kind: 'state', message: expect.stringMatching(/built-in/) } });
  });

  it('takes the key from --api-key-stdin, then EXPORT_MANAGER_API_KEY, before the profile\'s keychain entry', async () => {
    // Without a keychain in this session, reading it would fail the command: it is never read.
    const fromEnv = await runBuiltCli(['download', '--profile', profile, '--all', '--urls', '--json'], { env: { ...env, EXPORT_MANAGER_API_KEY: key } });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    expect(fromEnv.json<{ exportedUrls: string[] }>().exportedUrls).toHaveLength(2);
    expect(backend.received.at(-1)?.apiKey).toBe(key);
    const args = ['download', '--profile', profile, '--all', '--urls', '--json', '--api-key-stdin'];
    const fromStdin = await runBuiltCli(args, { env: { ...env, EXPORT_MANAGER_API_KEY: 'wrong-key' }, stdin: `${key}\n` });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(backend.received.at(-1)?.apiKey).toBe(key);
  });

  it.skipIf(keychainMissing !== null)('keeps the key in the keychain and downloads with --profile --all', async () => {
    const set = await runBuiltCli(['key', 'set', '--profile', profile, '--json'], { env, stdin: `${key}\n` });
    expect(set.code, set.stderr).toBe(0);
    expect(set.json()).toMatchObject({ ok: true, hasKey: true, hint: `••••${key.slice(-4)}` });
    expect(set.stdout).not.toContain(key);
    const status = await runBuiltCli(['key', 'status', '--profile', profile], { env });
    expect(status.stdout).toContain(key.slice(-4));
    expect(status.stdout).not.toContain(key);
    const download = await runBuiltCli(['download', '--profile', profile, '--all', '--urls', '--json'], { env });
    expect(download.code, download.stderr).toBe(0);
    expect(download.json<{ exportedUrls: string[] }>().exportedUrls).toHaveLength(2);
    expect(backend.received.at(-1)?.apiKey).toBe(key);
    const removed = await runBuiltCli(['key', 'remove', '--profile', profile, '--json'], { env });
    expect(removed.json()).toMatchObject({ ok: true, hasKey: false });
    const denied = await runBuiltCli(['download', '--profile', profile, '--all', '--urls', '--json'], { env });
    // Asked without a key: a script can tell "none is set" from "refused" by noKey.
    expect(denied.json()).toMatchObject({ ok: false, error: { kind: 'unauthorized', status: 401, noKey: true, message: expect.stringMatching(/has none: set one/) } });
  });
});
