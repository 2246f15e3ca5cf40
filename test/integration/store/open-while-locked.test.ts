import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BUSY_POLICY } from '../../../main/core/store/busy-retry';
import { openStore } from '../../../main/core/store/store';
import { holdWriteLock } from './write-lock';
import type { HeldWriteLock } from './write-lock';

/**
 * Opening the store, and the command line's commands that only read, while another process
 * (lock-holder-process.ts) holds the database's write lock: none of them needs it, so none waits.
 * The command line runs from source, as `npm run build` bundles it.
 */

const CLI = fileURLToPath(new URL('../../../main/cli.ts', import.meta.url));
const ROOT_DIR = fileURLToPath(new URL('../../..', import.meta.url));
/** Far longer than a command needs, far shorter than waiting out another process's write. */
const DEADLINE_MS = 8_000;

interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
  tookMs: number;
}

let root: string;
let dataDir: string;
let lock: HeldWriteLock | undefined;
const commands: ChildProcess[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'open-while-locked-'));
  dataDir = join(root, 'data');
  const store = openStore(dataDir);
  const profile = store.profiles.create('Listed', 'https://backend.example.com/api');
  store.tracked.add(profile.id, [{ line: 1, value: 'https://cdn.example.com/listed/export-1.png' }]);
  store.close();
});

afterEach(async () => {
  for (const child of commands.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  lock?.kill();
  await lock?.ended;
  lock = undefined;
  rmSync(root, { recursive: true, force: true });
});

/** Runs `export-manager ARGS` on `dataDir`; a command still running at the deadline is killed and fails the test. */
function exportManager(args: string[]): Promise<CommandRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT_DIR,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, EXPORT_MANAGER_USER_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  commands.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`export-manager ${args.join(' ')} had not answered after ${DEADLINE_MS} ms`));
    }, DEADLINE_MS);
    child.on('close', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr, tookMs: performance.now() - started });
    });
  });
}

describe('while another process holds the write lock', () => {
  it('export-manager profiles list answers at once', async () => {
    lock = await holdWriteLock(dataDir, 60_000);
    const run = await exportManager(['profiles', 'list', '--json']);
    console.log(`profiles list behind a held lock answered after ${run.tookMs.toFixed(0)} ms`);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, profiles: [{ name: 'Listed', trackedCount: 1 }] });
  });

  it('export-manager track list answers at once', async () => {
    lock = await holdWriteLock(dataDir, 60_000);
    const run = await exportManager(['track', 'list', '--profile', 'Listed', '--json']);
    console.log(`track list behind a held lock answered after ${run.tookMs.toFixed(0)} ms`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('https://cdn.example.com/listed/export-1.png');
  });

  it("opens the store, the app's way and the command line's, without waiting", async () => {
    lock = await holdWriteLock(dataDir, 3_000);
    for (const options of [{}, { waitWhenBusy: DEFAULT_BUSY_POLICY }]) {
      const started = performance.now();
      const store = openStore(dataDir, options);
      const tookMs = performance.now() - started;
      expect(store.profiles.byName('Listed')?.trackedCount).toBe(1);
      store.close();
      expect(tookMs).toBeLessThan(500);
    }
  });

  it('an export-manager command that writes still waits for the lock, then saves', async () => {
    const holdMs = 1_500;
    lock = await holdWriteLock(dataDir, holdMs);
    const run = await exportManager(['profiles', 'add', 'Later', '--base-url', 'https://later.example.com/api', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(await lock.ended).toBe(0);
    expect(run.tookMs).toBeGreaterThanOrEqual(holdMs / 2);
    const store = openStore(dataDir);
    expect(store.profiles.byName('Later')).not.toBeNull();
    store.close();
  });
});
