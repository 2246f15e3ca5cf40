import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, test as base } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import { electronBinary } from '../../../scripts/electron-binary.mjs';

/** The project root: the app Electron launches (its package.json points at dist-electron/main.js). */
export const appRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The Electron executable, or null where its binary could not be downloaded. */
export const binary = electronBinary();

/** Arguments every launch needs: no Chromium sandbox for root on Linux, then the app. */
export function launchArgs(...extra: string[]): string[] {
  return [...(process.platform === 'linux' ? ['--no-sandbox'] : []), appRoot, ...extra];
}

/** Launches the built app on a data folder. */
export function launchApp(userData: string, ...extra: string[]): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary ?? undefined,
    args: launchArgs(...extra),
    env: { ...process.env, EXPORT_MANAGER_USER_DATA: userData },
  });
}

/** The built app in Electron with its own data folder, and its first window. */
export const test = base.extend<{ userData: string; app: ElectronApplication; appWindow: Page }>({
  // eslint-disable-next-line no-empty-pattern
  userData: async ({}, use, testInfo) => {
    // The Electron binary is downloaded from the internet on first use; where it cannot be had,
    // these tests say so and skip (the bridge suite covers everything but the thin adapters).
    testInfo.skip(binary === null, 'The Electron binary is not installed (node_modules/electron/dist is missing).');
    const dir = mkdtempSync(join(tmpdir(), 'export-manager-electron-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  app: async ({ userData }, use) => {
    const app = await launchApp(userData);
    await use(app);
    await app.close();
  },
  appWindow: async ({ app }, use) => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await use(page);
  },
});

export { expect } from '@playwright/test';
