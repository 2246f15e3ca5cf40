/**
 * The fast body worker in built bundles, not only from source: the command line and the worker
 * built with vite-plugin-electron as vite.config.ts builds its Node entries (nodeEntry: ES
 * modules for node20, natives and Node's modules external, the command line's imports split
 * into `cli-chunks/`, the worker one file of its own, `fast-body-worker.mjs`), into a folder of
 * this test's own. The built `export-manager download` then takes the fast path (found one
 * folder up from its chunk), and without the worker's bundle the got path, saving the same zip.
 * Which path sent the request shows in it: the fast path's ends with `connection: close`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite-plugin-electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer } from '../../helpers/loopback-server';
import type { LoopbackServer } from '../../helpers/loopback-server';
import { writeZip } from '../../helpers/zip-fixtures';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const external: Array<string | RegExp> = ['electron', 'keytar', 'libsql', /^@libsql\//, ...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** One Node entry as vite.config.ts's nodeEntry builds it, into `outDir`. */
function buildEntry(entry: string, fileName: string, outDir: string, chunksDir?: string) {
  return build({
    entry: join(root, entry),
    vite: {
      logLevel: 'warn',
      build: {
        outDir,
        emptyOutDir: false,
        minify: false,
        sourcemap: false,
        target: 'node20',
        lib: { entry: join(root, entry), formats: ['es'], fileName: () => fileName },
        rolldownOptions: { external, output: chunksDir ? { chunkFileNames: `${chunksDir}/[name]-[hash].js` } : { codeSplitting: false } },
      },
    },
  });
}

function runCli(cli: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the fast body worker in the built command line', () => {
  let work: string;
  let dist: string;
  let server: LoopbackServer;
  let zip: Buffer;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'export-manager-built-'));
    dist = join(work, 'dist-electron');
    await buildEntry('main/cli.ts', 'cli.js', dist, 'cli-chunks');
    await buildEntry('main/core/http/fast-body/fast-body-worker.ts', 'fast-body-worker.mjs', dist);
    // The natives load from the checkout's node_modules, as from an installed package's.
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
    writeZip(join(work, 'answer.zip'), [{ name: 'a.txt', data: Buffer.from('built') }, { name: 'b.bin', data: Buffer.alloc(300_000, 1) }]);
    zip = readFileSync(join(work, 'answer.zip'));
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="built.zip"', 'content-length': zip.length }).end(zip);
    });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const download = (out: string) => runCli(join(dist, 'cli.js'), ['download', '--base-url', server.baseUrl, '--url', 'https://cdn.example/a.png', '--out', out, '--json', '--no-manifest'], { EXPORT_MANAGER_USER_DATA: join(work, 'state') });

  it('takes the fast path, its worker started from the bundle beside the command line', async () => {
    const out = mkdtempSync(join(work, 'fast-'));
    const run = await download(out);
    expect(run.code, run.stderr).toBe(0);
    const { path, bodyPath } = JSON.parse(run.stdout) as { path: string; bodyPath?: string };
    expect(readFileSync(path).equals(zip)).toBe(true);
    // The JSON says which path read the body, as the job card does.
    expect(bodyPath).toBe('fast');
    expect(server.requests.at(-1)?.headers.connection).toBe('close');
  }, 60_000);

  it('takes the got path, saving the same zip, when the worker\'s bundle is missing', async () => {
    rmSync(join(dist, 'fast-body-worker.mjs'));
    const out = mkdtempSync(join(work, 'got-'));
    const run = await download(out);
    expect(run.code, run.stderr).toBe(0);
    const saved = JSON.parse(run.stdout) as { path: string; bodyPath?: string };
    expect(readFileSync(saved.path).equals(zip)).toBe(true);
    expect(saved.bodyPath).toBe('got');
    expect(server.requests.at(-1)?.headers.connection).toBe('keep-alive');
  }, 60_000);
});
