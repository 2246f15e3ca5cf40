import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/store/database';
import { openSqlite } from '../../../main/core/store/sqlite';
import { runBuiltCli } from '../../helpers/run-cli';

describe('export-manager while another process holds the database', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'export-manager-cli-busy-'));
    env = { EXPORT_MANAGER_USER_DATA: join(root, 'state') };
    expect((await runBuiltCli(['profiles', 'add', 'Busy', '--base-url', 'https://backend.example.com/api'], { env })).code).toBe(0);
    writeFileSync(join(root, 'urls.txt'), Array.from({ length: 5_000 }, (_, i) => `https://cdn.example.com/busy/${i}.png`).join('\n'));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('waits out a write lock held longer than the busy timeout (12 s), then imports', async () => {
    // Another process's long write, as the app or seven other importers would hold it.
    const holder = openSqlite(join(root, 'state', DATABASE_FILE));
    holder.exec('BEGIN IMMEDIATE');
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        holder.exec('COMMIT');
        holder.close();
        resolve();
      }, 12_000),
    );
    const started = performance.now();
    const run = await runBuiltCli(['track', 'import', join(root, 'urls.txt'), '--profile', 'Busy', '--json'], { env });
    await released;
    console.log(`import behind a 12 s lock finished after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ ok: true, added: 5_000 });
  }, 60_000);
});
