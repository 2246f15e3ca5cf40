import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/store/database';
import { runBuiltCli } from '../../helpers/run-cli';

/** A data folder that cannot be used is said in words (kind `disk`), not as an errno or SQLite's code 14. */
describe('export-manager with a data folder it cannot use', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'export-manager-cli-data-'));
  });
  afterEach(() => {
    chmodSync(root, 0o700);
    rmSync(root, { recursive: true, force: true });
  });

  const list = (dataDir: string) => runBuiltCli(['profiles', 'list', '--json'], { env: { EXPORT_MANAGER_USER_DATA: dataDir } });
  const errorOf = async (dataDir: string) => {
    const run = await list(dataDir);
    expect(run.code, run.stderr).toBe(1);
    return run.json<{ ok: boolean; error: { kind: string; message: string } }>().error;
  };

  it('says the data folder is a file, and what to do', async () => {
    const file = join(root, 'state');
    writeFileSync(file, 'not a folder');
    expect(await errorOf(file)).toEqual(
      expect.objectContaining({ kind: 'disk', message: `The data folder ${file} is a file, not a folder: set EXPORT_MANAGER_USER_DATA to a folder, or move the file away.` }),
    );
  });

  it('says a folder on its way is a file', async () => {
    writeFileSync(join(root, 'parent'), '');
    const dataDir = join(root, 'parent', 'state');
    expect(await errorOf(dataDir)).toMatchObject({ kind: 'disk', message: `The data folder ${dataDir} cannot be created: ${join(root, 'parent')} is a file, not a folder; set EXPORT_MANAGER_USER_DATA to a folder you can write to.` });
  });

  it('says the database is a folder, not a file', async () => {
    mkdirSync(join(root, 'state', DATABASE_FILE), { recursive: true });
    const db = join(root, 'state', DATABASE_FILE);
    expect(await errorOf(join(root, 'state'))).toMatchObject({ kind: 'disk', message: `The database ${db} is a folder, not a file: move it away and Export Manager starts a fresh one.` });
  });

  // /proc refuses new entries even to root, so this runs whoever runs the tests. Before the check,
  // Node's recursive mkdir looped there for ever: the timeout fails the test instead.
  it('says a folder it cannot create there cannot be written', { timeout: 10_000 }, async () => {
    const dataDir = '/proc/self/export-manager-test';
    expect(await errorOf(dataDir)).toMatchObject({ kind: 'disk', message: expect.stringMatching(/^The data folder \/proc\/self\/export-manager-test cannot be created: \/proc\/self cannot be written/) });
  });

  it('says an existing folder it cannot write to cannot be written', { timeout: 10_000 }, async () => {
    // /proc/self exists and takes no new file, not even from root.
    expect(await errorOf('/proc/self')).toMatchObject({ kind: 'disk', message: expect.stringMatching(/^The data folder \/proc\/self cannot be written/) });
  });

  it.skipIf(process.getuid?.() === 0)('says a read-only data folder cannot be written (skipped as root: root writes through chmod)', async () => {
    const dataDir = join(root, 'state');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o500);
    expect(await errorOf(dataDir)).toMatchObject({ kind: 'disk', message: expect.stringMatching(/^The data folder .* cannot be written/) });
  });
});
