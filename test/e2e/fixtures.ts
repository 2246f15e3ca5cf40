import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { packageIdentity } from '../bridge/identity';
import { bridgeSecretStore } from '../bridge/secrets';
import { startBridge } from '../bridge/server';
import type { Bridge } from '../bridge/server';
import { chromiumExecutable } from './browser-executable';

const staticDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/** A page on a fresh bridge: its own state folder, the real core, the built renderer. */
export const test = base.extend<{ bridge: Bridge }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  bridge: async ({}, use, testInfo) => {
    testInfo.skip(chromiumExecutable() === null, 'No Chromium on this machine (install Debian\'s "chromium").');
    if (!existsSync(join(staticDir, 'index.html'))) throw new Error('The renderer is not built: run `npm run build`.');
    const root = mkdtempSync(join(tmpdir(), 'export-manager-e2e-'));
    const bridge = await startBridge({ staticDir, root, secrets: await bridgeSecretStore(), identity: packageIdentity(), testRoutes: true });
    await use(bridge);
    await bridge.close();
    rmSync(root, { recursive: true, force: true });
  },
  page: async ({ page, bridge }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await openApp(page, bridge.openLink());
    await use(page);
    // A CSP violation or an uncaught error fails the test that caused it.
    expect(problems, 'the page logged errors').toEqual([]);
  },
});

export { expect };

/**
 * Opens the app and waits until it is drawn: it mounts once its first data is in, a moment
 * after the page loaded, and a key pressed before that would reach no handler.
 */
export async function openApp(page: import('@playwright/test').Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Saves a screenshot in light and dark themes under test-results/screens/. */
export async function screenshotThemes(page: import('@playwright/test').Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screens/${name}-${scheme}.png`, fullPage: true });
  }
}
