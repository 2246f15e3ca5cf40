import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBuiltCli } from '../../helpers/run-cli';

/** A mistyped action is named first: nothing else about the command line matters until it is known. */
describe('export-manager track and profiles with an unknown action', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'export-manager-cli-action-'));
    env = { EXPORT_MANAGER_USER_DATA: join(root, 'state') };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('track bogus names the action and the ones there are, as a usage error, before asking for --profile', async () => {
    const run = await runBuiltCli(['track', 'bogus'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown action "bogus" for track: use add, list, remove or import.');
    expect(run.stderr).not.toContain('--profile NAME is required');
  });

  it('track with no action says which there are', async () => {
    const run = await runBuiltCli(['track', '--profile', 'P'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Say which action for track: add, list, remove or import.');
  });

  it('a known action without --profile still asks for it', async () => {
    const run = await runBuiltCli(['track', 'list'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--profile NAME is required');
  });

  it('profiles bogus names the action, without opening the data folder', async () => {
    const run = await runBuiltCli(['profiles', 'bogus'], { env: { EXPORT_MANAGER_USER_DATA: '/proc/self/no-such-data' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown action "bogus" for profiles: use list, add or remove.');
  });
});
