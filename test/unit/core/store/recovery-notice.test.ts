import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../../main/core/store/database';
import { createSettingsFeature } from '../../../../main/core/store/settings-feature';
import { openStore } from '../../../../main/core/store/store';

describe('a damaged database, told once', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function settingsStatus(dataDir: string) {
    const store = openStore(dataDir);
    const feature = createSettingsFeature({
      store,
      secretsStatus: { backend: 'keychain' },
      events: { emit: () => {} },
      dialogs: { chooseFolder: async () => null },
      downloadsDir: dataDir,
    });
    const status = feature.handlers['settings.status'](undefined);
    store.close();
    return status;
  }

  it("tells the app in settings.status where the damaged copy is, in the session after the damage, and not again", async () => {
    root = mkdtempSync(join(tmpdir(), 'recovery-'));
    writeFileSync(join(root, DATABASE_FILE), 'this is not a database '.repeat(500));
    const first = await settingsStatus(root);
    expect(first.recoveredFrom).toMatch(/export-manager\.db\.damaged-/);
    expect(existsSync(first.recoveredFrom!)).toBe(true);
    expect(first.recoveryNotice).toBe(
      `Export Manager's data was damaged, so a fresh database was started: profiles, tracked exports and history start empty. The damaged copy is kept at ${first.recoveredFrom}.`,
    );
    const second = await settingsStatus(root);
    expect(second).toMatchObject({ recoveredFrom: null, recoveryNotice: null });
  });

  it('keeps the notice for the app when the command line found the damage first, and the other way round', async () => {
    root = mkdtempSync(join(tmpdir(), 'recovery-'));
    writeFileSync(join(root, DATABASE_FILE), 'garbage '.repeat(500));
    const cli = openStore(root);
    const aside = cli.takeRecoveryNotice('cli');
    expect(aside).toMatch(/\.damaged-/);
    expect(cli.takeRecoveryNotice('cli')).toBeNull();
    cli.close();
    expect((await settingsStatus(root)).recoveredFrom).toBe(aside);
    const again = openStore(root);
    expect(again.takeRecoveryNotice('cli')).toBeNull();
    expect(again.takeRecoveryNotice('app')).toBeNull();
    again.close();
  });
});
