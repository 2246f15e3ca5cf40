import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../main/core/store/store';
import { openDatabase } from '../../../main/core/store/database';

const WRITER = fileURLToPath(new URL('./writer-process.ts', import.meta.url));
const ROOT_DIR = fileURLToPath(new URL('../../..', import.meta.url));

function startWriter(dataDir: string, profileId: string, prefix: string, batches: number, batchSize: number, wait = false) {
  const args = [WRITER, dataDir, profileId, prefix, String(batches), String(batchSize), wait ? 'wait' : 'go'];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT_DIR,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

/** Resolves once the writer has opened the store and waits for the go. */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.on('exit', () => reject(new Error('writer exited before it was ready')));
  });
}

/** Resolves with the committed count once the writer has reported at least `atLeast`. */
function committedAtLeast(child: ChildProcess, atLeast: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const counts = [...buffer.matchAll(/committed (\d+)/g)].map((m) => Number(m[1]));
      const last = counts.at(-1) ?? 0;
      if (last >= atLeast) resolve(last);
    });
    child.on('exit', () => reject(new Error(`writer exited before committing ${atLeast}`)));
  });
}

describe('the store under real processes', () => {
  let root: string;
  let dataDir: string;
  let profileId: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'store-processes-'));
    dataDir = join(root, 'data');
    const store = openStore(dataDir);
    profileId = store.profiles.create('Shared', 'https://backend.example.com/api').id;
    store.close();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('loses nothing when two processes add exports at the same time', async () => {
    // Many small transactions, started together once both processes are up, so they contend.
    // Enough of them that each writer runs for a while: a bulk insert of 10 rows is quick, and
    // two short runs could finish one after the other without ever meeting.
    const a = startWriter(dataDir, profileId, 'a', 2000, 10, true);
    const b = startWriter(dataDir, profileId, 'b', 2000, 10, true);
    await Promise.all([ready(a.child), ready(b.child)]);
    a.child.stdin!.end('go\n');
    b.child.stdin!.end('go\n');
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect(ea).toMatchObject({ code: 0 });
    expect(eb).toMatchObject({ code: 0 });
    const store = openStore(dataDir);
    expect(store.tracked.count(profileId)).toBe(40_000);
    expect(store.tracked.list(profileId, { filter: '/a/' }).total).toBe(20_000);
    // The writers really overlapped: their batches interleave in insertion order.
    const order = store.tracked.selection(profileId, { filter: '' }).map((item) => item.sourceFileUrl.split('/')[3]);
    const switches = order.filter((w, i) => i > 0 && w !== order[i - 1]).length;
    expect(switches).toBeGreaterThan(1);
    store.close();
  });

  it('keeps every committed batch, and no partial one, when a writer is killed mid-way', async () => {
    const batchSize = 200;
    const writer = startWriter(dataDir, profileId, 'k', 100_000, batchSize);
    const reported = await committedAtLeast(writer.child, 20 * batchSize);
    writer.child.kill('SIGKILL');
    writer.child.stdin!.destroy();
    expect((await writer.exited).signal).toBe('SIGKILL');
    // Opens (and quick-checks) cleanly: no recovery was needed.
    const { db, recoveredFrom } = openDatabase(dataDir);
    expect(recoveredFrom).toBeNull();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const count = db.prepare('SELECT COUNT(*) FROM tracked_exports').pluck().get() as number;
    db.close();
    expect(count).toBeGreaterThanOrEqual(reported);
    expect(count % batchSize).toBe(0);
  });
});
