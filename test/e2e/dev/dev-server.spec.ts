import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, expect, test } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy, withPolicy } from '../../../main/electron/content-security-policy';
import { CHROMIUM_ARGS, chromiumExecutable } from '../browser-executable';

/**
 * `npm run dev` for real: the project's Vite config serves the renderer, and Chromium loads it
 * with the Content-Security-Policy header main gives the dev server's pages (computed by the
 * same function main uses; Electron itself is not here). Vite injects the page's CSS as
 * `<style>` elements: with the strict policy they are refused and the page is unstyled; with
 * the per-run nonce they apply and nothing is refused.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const viteBin = fileURLToPath(new URL('../../../node_modules/vite/bin/vite.js', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPage(url: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return await response.text();
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`The dev server did not answer at ${url}.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test.describe('the dev server’s pages under the app’s CSP', () => {
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  let origin = '';
  let html = '';

  test.beforeAll(async () => {
    const executable = chromiumExecutable();
    test.skip(executable === null, 'No Chromium on this machine (install Debian\'s "chromium").');
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [viteBin, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
      cwd: root,
      env: { ...process.env, EXPORT_MANAGER_DEV_RENDERER_ONLY: '1' },
      stdio: 'ignore',
    });
    html = await waitForPage(`${origin}/`, 30_000);
    browser = await chromium.launch({ executablePath: executable ?? undefined, args: CHROMIUM_ARGS });
  });

  test.afterAll(async () => {
    await browser?.close();
    server?.kill();
  });

  /** Loads the page with `policy` as its CSP header; returns the body's background and what the CSP refused. */
  async function load(policy: string): Promise<{ background: string; refused: string[]; styles: number }> {
    const page = await browser!.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.route(`${origin}/**`, async (route) => {
      const response = await route.fetch();
      const headers = withPolicy(
        Object.fromEntries(Object.entries(response.headers()).map(([name, value]) => [name, [value]])),
        policy,
      );
      await route.fulfill({ response, headers: Object.fromEntries(Object.entries(headers).map(([name, values]) => [name, values.join(', ')])) });
    });
    await page.goto(`${origin}/`);
    // Vite's client adds one <style> per imported stylesheet once the modules have run.
    await page.waitForFunction(() => document.querySelectorAll('style[data-vite-dev-id]').length > 0);
    await page.waitForTimeout(300);
    const result = await page.evaluate(() => ({
      background: getComputedStyle(document.body).backgroundColor,
      styles: document.querySelectorAll('style[data-vite-dev-id]').length,
    }));
    await page.close();
    return { ...result, refused };
  }

  test('the page carries this run’s nonce in its meta policy and on Vite’s own tags', () => {
    const nonce = /<meta property="csp-nonce" nonce="([^"]+)"/.exec(html)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect(html).toContain(`<script type="module" src="/@vite/client" nonce="${nonce}"></script>`);
  });

  test('with the nonce in main’s header the styles apply and the CSP refuses nothing', async () => {
    const nonce = /<meta property="csp-nonce" nonce="([^"]+)"/.exec(html)![1]!;
    const outcome = await load(devContentSecurityPolicy(nonce, origin));
    expect(outcome.refused).toEqual([]);
    // app.css paints the body with --bg (light: #f6f7f9); an unstyled body is transparent.
    expect(outcome.background).toBe('rgb(246, 247, 249)');
  });

  test('the strict policy alone leaves the page unstyled (why development needs the nonce)', async () => {
    const outcome = await load(CONTENT_SECURITY_POLICY);
    expect(outcome.refused.length).toBeGreaterThan(0);
    expect(outcome.background).toBe('rgba(0, 0, 0, 0)');
  });
});
