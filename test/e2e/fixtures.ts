import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import type { SampleBackendOptions } from '../../main/core/sample-backend';
import { packageIdentity } from '../bridge/identity';
import { secretStoreFor } from '../bridge/secrets';
import type { BridgeSecretBackend } from '../bridge/secrets';
import { startBridge } from '../bridge/server';
import type { Bridge } from '../bridge/server';
import { chromiumExecutable } from './browser-executable';

const staticDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/** How a file's tests want the bridge: `test.use({ secretBackend: 'session' })`, `test.use({ sampleBackend: { … } })`. */
export interface BridgeChoices {
  /** Where keys live: the OS keychain where there is one (default), or this session only, as where the keychain cannot be used. */
  secretBackend: BridgeSecretBackend;
  /** How the built-in sample backend behaves; its defaults when absent. */
  sampleBackend: SampleBackendOptions | undefined;
}

/** A page on a fresh bridge: its own state folder, the real core, the built renderer. */
export const test = base.extend<{ bridge: Bridge } & BridgeChoices>({
  secretBackend: ['keychain', { option: true }],
  sampleBackend: [undefined, { option: true }],
  bridge: async ({ secretBackend, sampleBackend }, use, testInfo) => {
    testInfo.skip(chromiumExecutable() === null, 'No Chromium on this machine (install Debian\'s "chromium").');
    if (!existsSync(join(staticDir, 'index.html'))) throw new Error('The renderer is not built: run `npm run build`.');
    const root = mkdtempSync(join(tmpdir(), 'export-manager-e2e-'));
    const bridge = await startBridge({ staticDir, root, secrets: await secretStoreFor(secretBackend), identity: packageIdentity(), testRoutes: true, sampleBackend });
    await use(bridge);
    await bridge.close();
    rmSync(root, { recursive: true, force: true });
  },
  page: async ({ page, bridge }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      // Svelte's runtime warnings (derived_inert, ownership, …) name their code by a svelte.dev/e/ link,
      // the only part a production build keeps: each is a bug in the page, so it fails the test too.
      else if (message.text().includes('svelte.dev/e/')) problems.push(`Svelte ${message.type()}: ${message.text()}`);
    });
    await openApp(page, bridge.openLink());
    await use(page);
    // A CSP violation, an uncaught error or a Svelte warning fails the test that caused it.
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
