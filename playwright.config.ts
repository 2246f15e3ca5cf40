import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './test/e2e/browser-executable';

const executable = chromiumExecutable();
if (executable === null && process.env.CI === 'true') {
  throw new Error('No Chromium found for the browser tests. Install Debian\'s "chromium" or set PLAYWRIGHT_CHROMIUM_EXECUTABLE.');
}

/**
 * Two projects: the renderer in Chromium through the test bridge (the real core, real
 * files, real HTTP), and the Electron smoke test (skipped where the Electron binary is
 * missing). `npm test` builds first; these tests run the build.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'bridge',
      testMatch: /bridge\/.*\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: executable ?? undefined, args: CHROMIUM_ARGS },
      },
    },
    // `npm run dev`'s renderer under the app's development CSP (starts Vite; Chromium as above).
    { name: 'dev', testMatch: /dev\/.*\.spec\.ts$/ },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts$/ },
    // `npm run screens`: refreshes the README's screenshots in docs/screens/ (never part of `npm test`).
    ...(process.env.DOCS_SCREENS === '1'
      ? [
          {
            name: 'docs',
            testMatch: /docs\/.*\.spec\.ts$/,
            use: { browserName: 'chromium' as const, launchOptions: { executablePath: executable ?? undefined, args: CHROMIUM_ARGS } },
          },
        ]
      : []),
  ],
});
