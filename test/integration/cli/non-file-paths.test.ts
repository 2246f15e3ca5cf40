import { execFileSync } from 'node:child_process';
import { lstatSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleExportUrls } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { runBuiltCli } from '../../helpers/run-cli';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

/**
 * Paths that name something other than a regular file: a FIFO, a socket. `--on-conflict replace`
 * used to rename a zip over them, and reading one as a list of URLs waited for ever. The
 * timeouts make a hang fail the test.
 */
describe('export-manager with a FIFO or a socket where a file was meant', () => {
  let fixture: SampleFixture;
  let backend: SampleBackend;
  let env: NodeJS.ProcessEnv;
  let server: Server | null = null;

  beforeEach(async () => {
    fixture = createSampleFixture();
    backend = await fixture.start();
    env = { EXPORT_MANAGER_USER_DATA: join(fixture.root, 'state') };
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
    await fixture.cleanup();
  });

  const download = (...args: string[]) => runBuiltCli(['download', '--base-url', backend.url, '--json', ...args], { env });

  it('--on-conflict replace --out FIFO refuses as disk and leaves the FIFO a FIFO', { timeout: 20_000 }, async () => {
    const fifo = join(fixture.saveDir, 'latest.zip');
    execFileSync('mkfifo', [fifo]);
    const run = await download('--url', sampleExportUrls(backend.url)[0]!, '--out', fifo, '--on-conflict', 'replace');
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { kind: 'disk', message: `${fifo} is a named pipe (FIFO), not a file; nothing was replaced.` } });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(fixture.files(fixture.saveDir)).toEqual(['latest.zip']);
  });

  it('--on-conflict replace --out SOCKET refuses as disk and leaves the socket a socket', { timeout: 20_000 }, async () => {
    const socket = join(fixture.saveDir, 'latest.zip');
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(socket, resolve));
    const run = await download('--url', sampleExportUrls(backend.url)[0]!, '--out', socket, '--on-conflict', 'replace');
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { kind: 'disk', message: `${socket} is a socket, not a file; nothing was replaced.` } });
    expect(lstatSync(socket).isSocket()).toBe(true);
  });

  it('replacing in a folder refuses a FIFO that holds the backend\'s name', { timeout: 20_000 }, async () => {
    const fifo = join(fixture.saveDir, 'Canvas exports – sample.zip');
    execFileSync('mkfifo', [fifo]);
    const run = await download('--url', sampleExportUrls(backend.url)[0]!, '--out', fixture.saveDir, '--on-conflict', 'replace');
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { kind: 'disk', message: `${fifo} is a named pipe (FIFO), not a file; nothing was replaced.` } });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('still replaces a regular file', { timeout: 20_000 }, async () => {
    const file = join(fixture.saveDir, 'latest.zip');
    writeFileSync(file, 'last night');
    const run = await download('--url', sampleExportUrls(backend.url)[0]!, '--out', file, '--on-conflict', 'replace');
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(file).size).toBe(run.json<{ bytes: number }>().bytes);
  });

  it('download --from FIFO refuses at once as not a regular file, sending nothing', { timeout: 10_000 }, async () => {
    const fifo = join(fixture.root, 'urls.txt');
    execFileSync('mkfifo', [fifo]);
    const run = await download('--from', fifo);
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { kind: 'disk', message: `Could not read ${fifo}: it is a named pipe (FIFO), not a regular file.` } });
    expect(backend.received).toEqual([]);
  });

  it('download --from /dev/zero refuses at once as a character device', { timeout: 10_000 }, async () => {
    const run = await download('--from', '/dev/zero');
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { kind: 'disk', message: 'Could not read /dev/zero: it is a character device, not a regular file.' } });
  });

  it('track import FIFO refuses at once as not a regular file', { timeout: 20_000 }, async () => {
    const added = await runBuiltCli(['profiles', 'add', 'Fifo', '--base-url', backend.url], { env });
    expect(added.code, added.stderr).toBe(0);
    const fifo = join(fixture.root, 'urls.txt');
    execFileSync('mkfifo', [fifo]);
    const run = await runBuiltCli(['track', 'import', fifo, '--profile', 'Fifo', '--json'], { env });
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { kind: 'disk', message: `Could not read ${fifo}: it is a named pipe (FIFO), not a regular file.` } });
  });
});
