import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Settings } from '../../../shared/api/settings';
import type { Bridge } from '../../bridge/server';
import { hasTinyproxy, startTinyproxy } from '../../integration/network/tinyproxy';
import type { Tinyproxy } from '../../integration/network/tinyproxy';
import { expect, openApp, test } from '../fixtures';
import { goTo } from '../screens';

/** What axe finds wrong on the page now, one line a violation. */
async function axeViolations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((violation) => `${label}: ${violation.id} — ${violation.help} (${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')})`);
}

/** Where screenshots go (`SCREENS_DIR=/tmp/screens-C` keeps a review's pictures apart). */
const SCREENS = process.env.SCREENS_DIR ?? 'test-results/screens';

/** The settings as main has them now. */
async function mainSettings(bridge: Bridge): Promise<Settings> {
  const result = await bridge.core.api['settings.get'](undefined);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Runs Check connection on the built-in sample profile and waits for its outcome. */
async function checkSampleProfile(page: Page): Promise<void> {
  await goTo(page, 'Profiles');
  const card = page.getByTestId('profile-card').filter({ hasText: 'Sample backend' });
  await card.getByRole('button', { name: 'Check connection' }).click();
  await expect(card.getByTestId('connection-check')).toHaveAttribute('data-outcome', 'reachable');
}

test.describe('Settings → Network', () => {
  test.skip(!hasTinyproxy, 'Needs Debian’s tinyproxy.');
  let proxy: Tinyproxy;
  test.beforeAll(async () => {
    proxy = await startTinyproxy();
  });
  test.afterAll(async () => {
    await proxy?.stop();
  });

  test('with the keyboard: No proxy, then Manual with a "No proxy for" list that is checked and then applied to requests', async ({ page, bridge }) => {
    test.setTimeout(90_000);
    await goTo(page, 'Settings');
    const network = page.getByTestId('network-settings');
    const system = network.getByRole('radio', { name: /Use the system’s proxy settings/ });
    await expect(system).toBeChecked();

    // Arrow keys move through the choices: No proxy applies at once, Manual opens its form.
    await system.focus();
    await page.keyboard.press('ArrowDown');
    await expect(network.getByRole('radio', { name: /^No proxy/ })).toBeChecked();
    await expect.poll(async () => (await mainSettings(bridge)).proxyMode).toBe('none');
    await page.keyboard.press('ArrowDown');
    await expect(network.getByRole('radio', { name: /Manual proxy/ })).toBeChecked();
    const url = network.getByLabel('Proxy URL');
    const bypass = network.getByLabel('No proxy for');
    await page.keyboard.press('Tab');
    await expect(url).toBeFocused();
    await page.keyboard.type(proxy.url);
    await page.keyboard.press('Tab');
    await expect(bypass).toBeFocused();
    await page.keyboard.type('intranet.example; localhost');
    await page.keyboard.press('Enter');

    // Refused beside its field, which keeps focus; nothing is saved.
    const error = network.getByTestId('proxy-bypass-error');
    await expect(error).toHaveText(/^“intranet\.example;” is not a host name, IP address or range\. Separate hosts with commas/);
    await expect(bypass).toBeFocused();
    await expect(bypass).toHaveAttribute('aria-invalid', 'true');
    await expect(bypass).toHaveAttribute('aria-describedby', /proxy-bypass-error/);
    expect((await mainSettings(bridge)).proxyMode).toBe('none');

    // Emptied: Manual is saved with nothing but this computer's own addresses going straight.
    await bypass.fill('');
    await expect(error).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(network.getByTestId('proxy-url')).toHaveText(proxy.url);
    await expect(network.getByTestId('proxy-bypass')).toHaveText(/No proxy for:\s*only this computer’s own addresses/);
    expect(await mainSettings(bridge)).toMatchObject({ proxyMode: 'manual', proxyUrl: proxy.url, proxyBypass: null });

    // The built-in backend is on this computer, and so is the proxy: its requests go through it...
    const seen = proxy.requests().length;
    const sample = (await bridge.core.api['app.info'](undefined)) as { ok: true; value: { sampleBackendUrl: string } };
    await checkSampleProfile(page);
    expect(proxy.requests().slice(seen)).toEqual([`POST ${sample.value.sampleBackendUrl}/viewer/exports/download-batch?responseType=urls`]);

    // ...until the list names it.
    await goTo(page, 'Settings');
    await network.getByRole('button', { name: 'Change…' }).click();
    await expect(url).toHaveValue(proxy.url);
    await bypass.fill(' 127.0.0.1, .intranet.example ');
    await bypass.press('Enter');
    await expect(network.getByTestId('proxy-bypass')).toHaveText(/No proxy for:\s*127\.0\.0\.1, \.intranet\.example/);
    expect((await mainSettings(bridge)).proxyBypass).toBe('127.0.0.1, .intranet.example');
    const before = proxy.requests().length;
    await checkSampleProfile(page);
    expect(proxy.requests()).toHaveLength(before);
  });

  test('main refuses a list that cannot be read, naming its field, whoever sends it', async ({ bridge }) => {
    const refused = await bridge.core.api['settings.set']({ proxyMode: 'manual', proxyUrl: 'proxy.example:3128', proxyBypass: 'https://intranet.example/' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation', field: 'proxyBypass' } });
    expect(refused.ok === false && refused.error.message).toMatch(/“https:\/\/intranet\.example\/” is not a host name/);
    expect((await mainSettings(bridge)).proxyMode).toBe('system');
  });

  test('at 1280×800, 800×600 and 200% zoom, light and dark: System, No proxy, Manual with a list, and a refused list', async ({ page, bridge, browser }) => {
    test.setTimeout(120_000);
    mkdirSync(SCREENS, { recursive: true });
    const zoomed = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    const small = await zoomed.newPage();
    await openApp(small, bridge.openLink());
    const pages = [
      { target: page, size: '1280x800', viewport: { width: 1280, height: 800 } },
      { target: page, size: '800x600', viewport: { width: 800, height: 600 } },
      { target: small, size: 'zoom200', viewport: null },
    ] as const;
    for (const target of [page, small]) await goTo(target, 'Settings');

    const found: string[] = [];
    const shoot = async (state: string, focusOn: (target: Page) => Promise<void>) => {
      for (const { target, size, viewport } of pages) {
        if (viewport) await target.setViewportSize(viewport);
        await focusOn(target);
        // Nothing spills sideways: the section fits the window at every size.
        const spill = await target.evaluate(() => {
          const main = document.querySelector('main');
          return { page: document.documentElement.scrollWidth - window.innerWidth, main: main ? main.scrollWidth - main.clientWidth : 0 };
        });
        expect(spill, `${state} at ${size} scrolls sideways`).toEqual({ page: 0, main: 0 });
        for (const colorScheme of ['light', 'dark'] as const) {
          await target.emulateMedia({ colorScheme });
          if (size !== '800x600') found.push(...(await axeViolations(target, `${state} ${size} ${colorScheme}`)));
          await target.screenshot({ path: `${SCREENS}/network-${state}-${size}-${colorScheme}.png` });
        }
      }
    };
    // The section at the top of the window, as someone who scrolled to it sees it.
    const heading = (target: Page) => target.getByTestId('network-settings').evaluate((section) => section.scrollIntoView({ block: 'start' }));

    await shoot('system', heading);
    await bridge.core.api['settings.set']({ proxyMode: 'none' });
    for (const target of [page, small]) await expect(target.getByRole('radio', { name: /^No proxy/ })).toBeChecked();
    await shoot('none', heading);
    await bridge.core.api['settings.set']({ proxyMode: 'manual', proxyUrl: proxy.url, proxyBypass: 'intranet.example.com, .corp.example, 10.0.0.0/8, localhost:8080' });
    for (const target of [page, small]) await expect(target.getByTestId('proxy-bypass')).toContainText('10.0.0.0/8');
    await shoot('manual', heading);
    for (const target of [page, small]) {
      await target.getByTestId('network-settings').getByRole('button', { name: 'Change…' }).click();
      await target.getByLabel('No proxy for').fill('intranet.example.com; https://corp.example');
      await target.getByLabel('No proxy for').press('Enter');
      await expect(target.getByTestId('proxy-bypass-error')).toBeVisible();
    }
    await shoot('manual-error', (target) => target.getByTestId('proxy-bypass-error').scrollIntoViewIfNeeded());
    expect(found, found.join('\n')).toEqual([]);
    await zoomed.close();
  });
});
