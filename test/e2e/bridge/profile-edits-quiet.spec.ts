import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

/**
 * Every Svelte runtime warning names its page under https://svelte.dev/e/ (in a production build
 * that address is the whole message): collected from the page's console, whatever its level.
 */
function svelteWarnings(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (text.includes('derived_inert') || text.includes('https://svelte.dev/e/')) seen.push(`${message.type()}: ${text}`);
  });
  return seen;
}

test('saving a profile card’s Rename, Replace key and Change URL logs no Svelte warning', async ({ page, bridge }) => {
  const warnings = svelteWarnings(page);
  const created = await bridge.core.api['profiles.create']({ name: 'Staging', baseUrl: 'http://127.0.0.1:9/api' });
  if (!created.ok) throw new Error(created.error.message);
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles' }).click();
  const card = page.locator(`[data-profile-id="${created.value.id}"]`);

  // Set key first, so that the next save is a Replace key.
  await card.getByRole('button', { name: 'Set key' }).click();
  await card.getByLabel('API key').fill('first-key-for-staging-0001');
  await card.getByLabel('API key').press('Enter');
  await expect(card.getByTestId('key-status')).toContainText('0001');

  await card.getByRole('button', { name: 'Replace key' }).click();
  await card.getByLabel('API key').fill('second-key-for-staging-0002');
  await card.getByLabel('API key').press('Enter');
  await expect(card.getByTestId('key-status')).toContainText('0002');
  await expect(card.getByRole('button', { name: 'Replace key' })).toBeFocused();

  await card.getByRole('button', { name: 'Rename' }).click();
  await card.getByLabel('Name').fill('Staging two');
  await card.getByLabel('Name').press('Enter');
  await expect(card.getByRole('heading', { level: 2 })).toHaveText('Staging two');
  await expect(card.getByRole('button', { name: 'Rename' })).toBeFocused();

  // Same origin: the key stays, and the form closes on a plain save.
  await card.getByRole('button', { name: 'Change URL' }).click();
  await card.getByLabel('Base URL').fill('http://127.0.0.1:9/api/v2');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card).toContainText('http://127.0.0.1:9/api/v2');
  await expect(card.getByRole('button', { name: 'Change URL' })).toBeFocused();

  // A warning is logged as the form closes, after the save resolved: give it that moment.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  expect(warnings, warnings.join('\n')).toEqual([]);
});
