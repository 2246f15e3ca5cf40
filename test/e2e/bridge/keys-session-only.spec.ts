import type { Page } from '@playwright/test';
import type { Bridge } from '../../bridge/server';
import { expect, test } from '../fixtures';
import { goTo } from '../screens';

// As on a desktop where the keychain cannot be used: the app's chain falls back to memory.
test.use({ secretBackend: 'session' });

const KEY = `session-key-${Math.random().toString(36).slice(2, 10)}-wxyz`;

/** The built-in sample profile's card on the Profiles screen. */
async function sampleCard(page: Page, bridge: Bridge) {
  const profiles = await bridge.core.api['profiles.list'](undefined);
  if (!profiles.ok) throw new Error(profiles.error.message);
  const sample = profiles.value.find((profile) => profile.builtIn)!;
  await goTo(page, 'Profiles');
  return { id: sample.id, card: page.locator(`[data-profile-id="${sample.id}"]`) };
}

test('with keys kept for this session only, a profile without a key says "none" and nothing about where, and a key set says it lasts this session', async ({ page, bridge }) => {
  const { id, card } = await sampleCard(page, bridge);
  // The situation of the bug: main says keys are in memory, and this profile has none.
  const before = await bridge.core.api['keys.status']({ profileId: id });
  expect(before.ok && before.value).toEqual({ hasKey: false, hint: null, backend: 'session' });
  const status = card.getByTestId('key-status');
  await expect(status).toHaveText(/^\s*API key:\s*none\s*$/);
  await expect(status.locator('.tag')).toHaveCount(0);

  await card.getByRole('button', { name: 'Set key' }).click();
  await card.getByLabel('API key').fill(KEY);
  await page.keyboard.press('Enter');
  await expect(status).toHaveText(new RegExp(`^\\s*API key:\\s*••••${KEY.slice(-4)}\\s*this session only\\s*$`));
  await expect(status.locator('.tag')).toHaveText('this session only');
  await expect(card.getByRole('button', { name: 'Replace key' })).toBeVisible();
  // Kept in memory, as the warning says: nothing reached the keychain.
  const after = await bridge.core.api['keys.status']({ profileId: id });
  expect(after.ok && after.value.backend).toBe('session');
});

test('the keychain warning is one sentence with one thing to do, and what failed stays folded under it', async ({ page, bridge }) => {
  await sampleCard(page, bridge);
  const warning = page.getByTestId('keychain-warning');
  await expect(warning).toBeVisible();
  const sentence = warning.locator(':scope > p');
  await expect(sentence).toHaveText(
    'The system keychain cannot be used, nor an encrypted file, so API keys are kept only until the app quits: to keep keys in the keychain, unlock it (on Linux, start a Secret Service such as GNOME Keyring) and restart Export Manager.',
  );
  const text = (await sentence.textContent())!;
  // One sentence (one full stop, at the end) and no parenthesis inside another.
  expect(text.trim().match(/\.(\s|$)/g)).toHaveLength(1);
  expect(text).not.toMatch(/\([^)]*\(/);
  // The thing to do is said, not a control: the only thing to act on is the folded detail.
  await expect(warning.getByRole('link')).toHaveCount(0);
  await expect(warning.getByRole('button')).toHaveCount(0);
  const folded = warning.locator('details');
  await expect(folded).toHaveCount(1);
  await expect(folded).not.toHaveAttribute('open');
  const detail = folded.locator('p');
  await expect(detail).toBeHidden();

  // With the keyboard: the disclosure is reachable and opens on Enter to show what failed, in its own words.
  const summary = folded.locator('summary');
  await expect(summary).toHaveText('What failed');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(folded).toHaveAttribute('open');
  await expect(detail).toBeVisible();
  await expect(detail).toContainText('The keychain: ');
  await expect(detail).toContainText('The name org.freedesktop.secrets was not provided by any .service files');
  await expect(detail).toContainText('The encrypted file: ');
});
