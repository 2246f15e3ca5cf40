import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../../scripts/electron-binary.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const binary = electronBinary();

// The Electron binary is downloaded from the internet on first use; where it cannot be had,
// this suite says so and skips (the bridge suite covers everything but the thin adapters).
test.skip(binary === null, 'The Electron binary is not installed (node_modules/electron/dist is missing).');

test('the built app opens a secure window with window.exportManager and no Node', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'export-manager-electron-'));
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [...(process.platform === 'linux' ? ['--no-sandbox'] : []), root],
    env: { ...process.env, EXPORT_MANAGER_USER_DATA: userData },
  });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle('Export Manager');
    const exposed = await page.evaluate(async () => ({
      info: await window.exportManager.app.info(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      module: typeof (window as unknown as { module?: unknown }).module,
    }));
    expect(exposed.require).toBe('undefined');
    expect(exposed.process).toBe('undefined');
    expect(exposed.module).toBe('undefined');
    expect(exposed.info).toMatchObject({ ok: true, value: { name: 'Export Manager', dataDir: userData } });

    // Navigation away from the app is refused: the page stays where it is.
    const before = page.url();
    await page.evaluate(() => {
      location.href = 'https://example.invalid/';
    });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);

    const opened = await page.evaluate(() => window.open('https://example.invalid/') === null);
    expect(opened).toBe(true);
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
});
