import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { proxyLoginAccount } from '../../../main/core/http/network/remembered-logins';
import { startSampleBackend } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import type { Result } from '../../../shared/errors';
import { bridgeSecretStore } from '../../bridge/secrets';
import type { Bridge } from '../../bridge/server';
import { hasOpenssl, makeTestPki } from '../../integration/network/test-pki';
import type { TestPki } from '../../integration/network/test-pki';
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
const KEY = `key-${Math.random().toString(36).slice(2)}`;
const LOGIN = { user: 'alice', password: `pw-${Math.random().toString(36).slice(2, 10)}` };

async function value<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

test.describe('a proxy that asks for a login, in the window', () => {
  test.skip(!hasTinyproxy || !hasOpenssl, 'Needs Debian’s tinyproxy and openssl.');
  let pki: TestPki;
  let proxy: Tinyproxy;
  let secure: SampleBackend;
  test.beforeAll(async () => {
    pki = makeTestPki();
    proxy = await startTinyproxy({ basicAuth: LOGIN });
    secure = await startSampleBackend({ apiKey: KEY, tls: pki.server });
  });
  const forgetRememberedLogin = async () => (await bridgeSecretStore()).store.delete(proxyLoginAccount(`127.0.0.1:${proxy.port}`)).catch(() => false);
  test.afterAll(async () => {
    // The bridge keeps keys in the real keychain where there is one: leave nothing behind.
    await forgetRememberedLogin();
    await proxy?.stop();
    await secure?.close();
    pki?.cleanup();
  });

  /** Settings → Network → Manual through the proxy, the test authority trusted, and a profile of the https backend with its key. */
  async function behindTheProxy(page: Page, bridge: Bridge): Promise<{ card: Locator; profileId: string }> {
    // Where the bridge keeps keys in the real keychain, an earlier test's remembered login would answer instead of the window.
    await forgetRememberedLogin();
    await value(bridge.core.api['settings.set']({ proxyMode: 'manual', proxyUrl: proxy.url }));
    await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { openFiles: [[pki.caFile]] } });
    await value(bridge.core.api['settings.chooseExtraCaFile'](undefined));
    const profile = await value(bridge.core.api['profiles.create']({ name: 'Behind the proxy', baseUrl: secure.url }));
    await value(bridge.core.api['keys.set']({ profileId: profile.id, key: KEY }));
    await goTo(page, 'Profiles');
    return { card: page.locator(`[data-profile-id="${profile.id}"]`), profileId: profile.id };
  }

  test('the login question with the keyboard only: Tab order, Escape, a refusal, Enter, focus back', async ({ page, bridge }) => {
    test.setTimeout(120_000);
    const { card } = await behindTheProxy(page, bridge);
    const check = card.getByRole('button', { name: 'Check connection' });
    const dialog = page.getByTestId('proxy-login-dialog');
    const username = dialog.getByLabel('User name');
    const password = dialog.getByLabel('Password');
    const remember = dialog.getByRole('checkbox', { name: /^Remember/ });

    await check.focus();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading')).toHaveText('The proxy asks for a login');
    await expect(dialog.getByTestId('proxy-login-proxy')).toHaveText(`127.0.0.1:${proxy.port}`);
    await expect(dialog).toContainText('(set in Settings → Network)');
    await expect(dialog.getByTestId('proxy-login-refused')).toHaveCount(0);
    // Typing starts in the user name; Tab goes through the fields, Remember, Cancel, Sign in, and back.
    await expect(username).toBeFocused();
    const order = [password, remember, dialog.getByRole('button', { name: 'Cancel' }), dialog.getByRole('button', { name: 'Sign in' })];
    for (const next of order) {
      await page.keyboard.press('Tab');
      await expect(next).toBeFocused();
    }
    for (const previous of [...order.slice(0, -1)].reverse()) {
      await page.keyboard.press('Shift+Tab');
      await expect(previous).toBeFocused();
    }
    await page.keyboard.press('Shift+Tab');
    await expect(username).toBeFocused();

    // Escape is Cancel: the check fails with the proxy's own 407, and focus is back where it was.
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(card.getByTestId('connection-check')).toHaveAttribute('data-outcome', 'proxy-refused');
    await expect(card.getByTestId('connection-check')).toContainText(`The proxy 127.0.0.1:${proxy.port} (set in Settings → Network) asks for a user name and password (407)`);
    await expect(check).toBeFocused();

    // A wrong password: asked again, saying so, with the user name offered and focus on the password.
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await page.keyboard.type(LOGIN.user);
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('proxy-login-refused')).toHaveText(/The proxy refused that user name and password/);
    await expect(username).toHaveValue(LOGIN.user);
    await expect(password).toHaveValue('');
    await expect(password).toBeFocused();

    // The right one, remembered: Space ticks Remember, Enter in the password sends.
    await page.keyboard.type(LOGIN.password);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(remember).toBeChecked();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(card.getByTestId('connection-check')).toHaveAttribute('data-outcome', 'reachable');
    await expect(check).toBeFocused();

    // Asked once for this run; after the network is rebuilt (a setting changed) the keychain answers, not the window.
    await value(bridge.core.api['settings.set']({ proxyBypass: 'intranet.example' }));
    await page.keyboard.press('Enter');
    await expect(card.getByTestId('connection-check')).toHaveAttribute('data-outcome', 'reachable');
    await expect(dialog).toHaveCount(0);

    // The proxy only ever tunnelled: it saw no route and no key. The page never holds the password again.
    expect(proxy.requests()).toContain(`CONNECT 127.0.0.1:${new URL(secure.url).port}`);
    expect(proxy.log()).not.toContain(KEY);
    expect(await page.content()).not.toContain(LOGIN.password);
    expect(JSON.stringify(await value(bridge.core.api['settings.get'](undefined)))).not.toContain(LOGIN.password);
  });

  test('the login question at 1280×800, 800×600 and 200% zoom, light and dark, asked and refused', async ({ page, bridge, browser }) => {
    test.setTimeout(120_000);
    mkdirSync(SCREENS, { recursive: true });
    const { profileId } = await behindTheProxy(page, bridge);
    const zoomed = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    const small = await zoomed.newPage();
    await openApp(small, bridge.openLink());
    const found: string[] = [];
    const shoot = async (state: string) => {
      for (const [target, size, viewport] of [
        [page, '1280x800', { width: 1280, height: 800 }],
        [page, '800x600', { width: 800, height: 600 }],
        [small, 'zoom200', null],
      ] as const) {
        if (viewport) await target.setViewportSize(viewport);
        const dialog = target.getByTestId('proxy-login-dialog');
        await expect(dialog).toBeVisible();
        // Nothing of the dialog is cut off or scrolls sideways, at any size.
        const fits = await dialog.evaluate((element) => element.scrollWidth <= element.clientWidth && element.getBoundingClientRect().right <= window.innerWidth);
        expect(fits, `${state} at ${size}`).toBe(true);
        for (const colorScheme of ['light', 'dark'] as const) {
          await target.emulateMedia({ colorScheme });
          if (size !== '800x600') found.push(...(await axeViolations(target, `${state} ${size} ${colorScheme}`)));
          await target.screenshot({ path: `${SCREENS}/proxy-login-${state}-${size}-${colorScheme}.png` });
        }
      }
    };
    // A check waits on the question while the pictures are taken; each page shows it (the small one loaded after it opened).
    const waiting = bridge.core.api['profiles.checkConnection']({ id: profileId });
    await shoot('asked');
    const [asked] = await value(bridge.core.api['network.loginQuestions'](undefined));
    await value(bridge.core.api['network.answerLogin']({ questionId: asked!.questionId, login: { username: LOGIN.user, password: 'wrong', remember: false } }));
    await expect(page.getByTestId('proxy-login-refused')).toBeVisible();
    await shoot('refused');
    const [refused] = await value(bridge.core.api['network.loginQuestions'](undefined));
    await value(bridge.core.api['network.answerLogin']({ questionId: refused!.questionId, login: null }));
    expect(await value(waiting)).toMatchObject({ outcome: 'proxy-refused' });
    await expect(page.getByTestId('proxy-login-dialog')).toHaveCount(0);
    await expect(small.getByTestId('proxy-login-dialog')).toHaveCount(0);
    expect(found, found.join('\n')).toEqual([]);
    await zoomed.close();
  });
});
