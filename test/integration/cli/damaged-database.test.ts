import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/store/database';
import { runBuiltCli } from '../../helpers/run-cli';

describe('export-manager after the database was damaged', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'export-manager-cli-damaged-'));
    mkdirSync(join(root, 'state'));
    writeFileSync(join(root, 'state', DATABASE_FILE), 'not a database at all '.repeat(1000));
    env = { EXPORT_MANAGER_USER_DATA: join(root, 'state') };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('says once, on stderr, that the data was damaged, where the copy is and that a fresh one was started', async () => {
    const first = await runBuiltCli(['profiles', 'list'], { env });
    expect(first.code).toBe(0);
    const lines = first.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^export-manager: warning: .*damaged.*fresh database was started.* kept at .*export-manager\.db\.damaged-/);
    const second = await runBuiltCli(['profiles', 'list'], { env });
    expect(second.stderr).toBe('');
  });

  it('says it as "warning" in the JSON, also when the command then fails, and only once', async () => {
    const first = await runBuiltCli(['track', 'list', '--profile', 'Gone', '--json'], { env });
    expect(first.code).toBe(1);
    const result = first.json<{ ok: boolean; warning: string; error: { kind: string } }>();
    // The profile named went with the damaged database: a name no profile has.
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(result.warning).toMatch(/damaged.*kept at .*\.damaged-/);
    expect(first.stderr).toBe('');
    const second = await runBuiltCli(['profiles', 'list', '--json'], { env });
    expect(second.json()).not.toHaveProperty('warning');
  });
});
