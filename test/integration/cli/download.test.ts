import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkExportUrl, sampleExportUrls } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { endShort, resetAfterHeaders, startRawBackend } from '../../helpers/raw-backend';
import { BUILT_CLI, runBuiltCli } from '../../helpers/run-cli';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

const KEY = 'cli-test-key-0123456789';

describe('export-manager download', () => {
  let fixture: SampleFixture;
  let backend: SampleBackend;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    fixture = createSampleFixture();
    backend = await fixture.start({ apiKey: KEY });
    env = { EXPORT_MANAGER_USER_DATA: join(fixture.root, 'state'), EXPORT_MANAGER_API_KEY: KEY };
  });

  afterEach(async () => {
    await fixture.cleanup();
  });

  function urls(count: number): string[] {
    return sampleExportUrls(backend.url).slice(0, count);
  }

  it('saves the zip under the backend’s sanitized name inside --out and prints JSON', async () => {
    const args = ['download', '--base-url', backend.url, ...urls(3).flatMap((url) => ['--url', url]), '--out', fixture.saveDir, '--json'];
    const run = await runBuiltCli(args, { env });
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<{ ok: boolean; path: string; bytes: number; filename: string; filenameSource: string }>();
    expect(result).toMatchObject({ ok: true, filename: 'Canvas exports – sample.zip', filenameSource: 'content-disposition' });
    expect(result.path).toBe(join(fixture.saveDir, 'Canvas exports – sample.zip'));
    expect(readFileSync(result.path).length).toBe(result.bytes);
    // Beside it, its manifest (written by default).
    expect(fixture.files(fixture.saveDir)).toEqual(['Canvas exports – sample.manifest.json', 'Canvas exports – sample.zip']);
  });

  it('saves exactly at --out when it is a file path, and never replaces an existing file', async () => {
    const target = join(fixture.saveDir, 'mine.zip');
    const args = ['download', '--base-url', backend.url, '--url', urls(1)[0]!, '--out', target, '--json'];
    expect((await runBuiltCli(args, { env })).json()).toMatchObject({ ok: true, path: target });
    const again = await runBuiltCli(args, { env });
    expect(again.code).toBe(1);
    expect(again.json()).toMatchObject({ ok: false, error: { kind: 'disk' } });
    expect(fixture.files(fixture.saveDir)).toEqual(['mine.manifest.json', 'mine.zip']);
  });

  it('reads sourceFileUrls from a file with --from', async () => {
    const list = join(fixture.root, 'urls.txt');
    writeFileSync(list, `${urls(4).join('\n')}\n`);
    const run = await runBuiltCli(['download', '--base-url', backend.url, '--from', list, '--out', fixture.saveDir, '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ ok: true });
  });

  it('prints exported URLs one per line, or as JSON, in URL mode', async () => {
    const text = await runBuiltCli(['download', '--base-url', backend.url, '--url', urls(2)[0]!, '--url', urls(2)[1]!, '--urls'], { env });
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const json = await runBuiltCli(['download', '--base-url', backend.url, '--url', urls(1)[0]!, '--urls', '--json'], { env });
    expect(json.json()).toMatchObject({ ok: true, exportedUrls: [expect.any(String)], skipped: [] });
  });

  it('takes the key from standard input with --api-key-stdin', async () => {
    const run = await runBuiltCli(['download', '--base-url', backend.url, '--url', urls(1)[0]!, '--urls', '--api-key-stdin', '--json'], {
      env: { EXPORT_MANAGER_USER_DATA: env.EXPORT_MANAGER_USER_DATA },
      stdin: `${KEY}\n`,
    });
    expect(run.code, run.stderr).toBe(0);
  });

  it('refuses a key given as an argument, as a usage error that does not echo it', async () => {
    const run = await runBuiltCli(['download', '--base-url', backend.url, '--url', urls(1)[0]!, '--api-key', 'secret-in-argv']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('never taken as an argument');
    expect(run.stderr + run.stdout).not.toContain('secret-in-argv');
  });

  it.each([
    ['unauthorized', 401, {}],
    ['forbidden', 403, { EXPORT_MANAGER_API_KEY: 'wrong-key' }],
  ])('maps a rejected key to %s (HTTP %i) with exit 1 and leaves no file', async (kind, status, extraEnv) => {
    const run = await runBuiltCli(['download', '--base-url', backend.url, '--url', urls(1)[0]!, '--out', fixture.saveDir, '--json'], {
      env: { EXPORT_MANAGER_USER_DATA: env.EXPORT_MANAGER_USER_DATA, ...extraEnv },
    });
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { kind, status, message: expect.any(String) } });
    expect(readdirSync(fixture.saveDir)).toEqual([]);
  });

  it('maps unknown exports to not-found and a bad base URL to network errors, one line on stderr without --json', async () => {
    const missing = await runBuiltCli(['download', '--base-url', backend.url, '--url', 'https://nowhere.example/none.png', '--out', fixture.saveDir], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^export-manager: .*HTTP 404/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const closed = await runBuiltCli(['download', '--base-url', 'http://127.0.0.1:9/api', '--url', urls(1)[0]!, '--json'], { env });
    expect(closed.code).toBe(1);
    expect(closed.json()).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(readdirSync(fixture.saveDir)).toEqual([]);
  });

  it('answers usage mistakes with exit 2', async () => {
    expect((await runBuiltCli(['download', '--url', urls(1)[0]!])).code).toBe(2);
    expect((await runBuiltCli(['download', '--base-url', backend.url])).code).toBe(2);
    expect((await runBuiltCli(['download', '--bogus'])).code).toBe(2);
    expect((await runBuiltCli(['nonsense'])).code).toBe(2);
  });

  it('has --help with examples for every command', async () => {
    for (const command of ['download', 'inspect', 'extract', 'profiles', 'key', 'track']) {
      const run = await runBuiltCli([command, '--help']);
      expect(run.code, command).toBe(0);
      expect(run.stdout, command).toMatch(/Usage: export-manager/);
      expect(run.stdout, command).toMatch(/Examples?:/);
    }
    const top = await runBuiltCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('download');
  });

  it('exits 130 on Ctrl-C and leaves no partial file behind', async () => {
    const stalled = await fixture.start({ faults: [{ kind: 'stall', afterBytes: 64 * 1024 }] });
    const run = await runBuiltCli(
      ['download', '--base-url', stalled.url, '--url', bulkExportUrl(stalled.url, 8), '--out', fixture.saveDir, '--json'],
      { signalAfterMs: 1500 },
    );
    expect(run.code).toBe(130);
    expect(run.json()).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(readdirSync(fixture.saveDir)).toEqual([]);
  });

  it('removes the partial file a killed run left behind on the next run', async () => {
    const stalled = await fixture.start({ faults: [{ kind: 'stall', afterBytes: 64 * 1024 }] });
    const args = ['download', '--base-url', stalled.url, '--url', bulkExportUrl(stalled.url, 8), '--out', fixture.saveDir, '--json'];
    const child = spawn(process.execPath, [BUILT_CLI, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    for (let i = 0; i < 100 && !readdirSync(fixture.saveDir).some((name) => name.endsWith('.part')); i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL'); // no handler runs: the temp file stays, as after a power loss
    await exited;
    expect(readdirSync(fixture.saveDir)).toEqual([expect.stringMatching(/^\.download-.*\.part$/)]);
    const next = await runBuiltCli(['download', '--base-url', backend.url, '--url', urls(1)[0]!, '--out', fixture.saveDir, '--json'], { env });
    expect(next.code, next.stderr).toBe(0);
    expect(fixture.files(fixture.saveDir)).toEqual(['Canvas exports – sample.manifest.json', 'Canvas exports – sample.zip']);
    expect(readdirSync(fixture.saveDir).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it.each([
    ['reset right after the headers', resetAfterHeaders],
    ['ended short of its Content-Length', endShort],
  ])('reports a connection %s and exits within 5 s (not after the 60 s idle timeout)', async (_label, after) => {
    const raw = await startRawBackend(after);
    try {
      const started = performance.now();
      const run = await runBuiltCli(['download', '--base-url', raw.url, '--url', urls(1)[0]!, '--out', fixture.saveDir, '--json'], { env });
      expect(performance.now() - started).toBeLessThan(5000);
      expect(run.code).toBe(1);
      expect(run.json()).toMatchObject({ ok: false, error: { kind: 'network', message: expect.stringMatching(/Try again/) } });
      expect(readdirSync(fixture.saveDir)).toEqual([]);
    } finally {
      await raw.close();
    }
  }, 70_000);
});
