import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandEntry } from '../../../main/cli/command';
import { downloadCommand } from '../../../main/cli/commands/download';
import { keyCommand } from '../../../main/cli/commands/key';
import { EXIT } from '../../../main/cli/exit-codes';
import type { CliIo } from '../../../main/cli/io';
import { runCli } from '../../../main/cli/run';
import { openCliState } from '../../../main/cli/state';
import { startLoopbackServer, trickle } from '../../helpers/loopback-server';
import type { LoopbackServer } from '../../helpers/loopback-server';
import { UNSENDABLE_KEYS } from '../../helpers/unsendable-keys';

/** The commands these tests run, in this process (no build needed). */
const COMMANDS: CommandEntry[] = [
  { name: 'download', summary: '', load: async () => downloadCommand },
  { name: 'key', summary: '', load: async () => keyCommand },
];

let root: string;
let server: LoopbackServer | null = null;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'export-manager-cli-net-'));
});
afterEach(async () => {
  await server?.close();
  server = null;
  rmSync(root, { recursive: true, force: true });
});

/** Runs the command line in this process with captured output. */
async function cli(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const io: CliIo = { stdout, stderr, stdin, env: { EXPORT_MANAGER_USER_DATA: join(root, 'state'), ...options.env }, cwd: root, warnings: [] };
  const code = await runCli(args, io, COMMANDS, 'test');
  return { code, stdout: out, stderr: err, json: () => JSON.parse(out) as { ok: boolean; error?: { kind: string; message: string } } };
}

const download = (baseUrl: string, ...more: string[]) => ['download', '--base-url', baseUrl, '--url', 'https://cdn.example/a.png', '--out', join(root, 'out') + '/', '--json', ...more];

describe('download --speed-limit / --speed-time', () => {
  it.each([
    ['--speed-limit', '0'],
    ['--speed-limit', '-5'],
    ['--speed-limit', '1.5'],
    ['--speed-limit', 'fast'],
    ['--speed-time', '0'],
    ['--speed-time', '2s'],
  ])('refuses %s %s as a usage error', async (flag, value) => {
    // `--flag=value`: a value such as -5 reaches the check instead of being taken for an option.
    const run = await cli(download('http://127.0.0.1:9/api', `${flag}=${value}`));
    expect(run.code).toBe(EXIT.usage);
    expect(run.json().error?.message).toMatch(new RegExp(`${flag} takes a positive whole number`));
  });

  it('fails a zip trickled below --speed-limit for --speed-time as timeout, naming the rule, leaving no partial file', async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="slow.zip"', 'content-length': '1000000' });
      trickle(response, Buffer.from('504b0304', 'hex'), { everyMs: 50, forMs: 4000 });
    });
    const run = await cli(download(server.baseUrl, '--speed-limit', '1000', '--speed-time', '1'));
    expect(run.code).toBe(EXIT.failure);
    expect(run.json().error).toMatchObject({ kind: 'timeout' });
    expect(run.json().error?.message).toMatch(/slower than 1,000 bytes\/s for 1 s/);
    expect(readdirSync(join(root, 'out'))).toEqual([]);
  });
});

describe('an unsendable API key on the command line', () => {
  it.each(UNSENDABLE_KEYS)('in EXPORT_MANAGER_API_KEY, with %s: validation before any request', async (_what, bad) => {
    server = await startLoopbackServer((_request, response) => response.end());
    const run = await cli(download(server.baseUrl, '--urls').filter((arg, i, all) => arg !== '--out' && all[i - 1] !== '--out'), { env: { EXPORT_MANAGER_API_KEY: bad } });
    expect(run.code).toBe(EXIT.failure);
    expect(run.json().error?.kind).toBe('validation');
    expect(run.json().error?.message).toMatch(/API key/);
    expect(run.stdout + run.stderr).not.toContain('0123');
    expect(server.requests).toHaveLength(0);
  });

  it('given to key set (piped): validation, nothing saved, nothing echoed', async () => {
    const io: CliIo = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: { EXPORT_MANAGER_USER_DATA: join(root, 'state') }, cwd: root };
    const state = openCliState(io, true);
    await state.call('profiles.create', { name: 'P', baseUrl: 'https://p.example/api' });
    state.close();
    const run = await cli(['key', 'set', '--profile', 'P', '--json'], { stdin: 'sk-live-0123\u00014567abcdef\n' });
    expect(run.code).toBe(EXIT.failure);
    expect(run.json().error?.kind).toBe('validation');
    expect(run.stdout + run.stderr).not.toContain('0123');
  });
});

describe('download --urls with an answer nested 100,000 deep', () => {
  it('fails as invalid-response, not as an unexpected failure', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"success":true,"exportedUrls":[],"skipped":[${deep}]}`);
    });
    const run = await cli(['download', '--base-url', server.baseUrl, '--url', 'https://cdn.example/a.png', '--urls', '--json']);
    expect(run.code).toBe(EXIT.failure);
    expect(run.json().error?.kind).toBe('invalid-response');
  });
});
