import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DATABASE_FILE } from '../../../main/core/store/database';
import { openSqlite } from '../../../main/core/store/sqlite';
import { expect, test } from '../fixtures';

async function openProfiles(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles' }).click();
}

/** A second profile, created in main and shown after a reload. */
async function withSecondProfile(page: Page, bridge: import('../../bridge/server').Bridge, baseUrl = 'http://127.0.0.1:9/api'): Promise<string> {
  const created = await bridge.core.api['profiles.create']({ name: 'Second backend', baseUrl });
  if (!created.ok) throw new Error(created.error.message);
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return created.value.id;
}

test('deleting a profile asks in the app’s own dialog, Cancel first, and focus lands on the card left', async ({ page, bridge }) => {
  await withSecondProfile(page, bridge);
  await openProfiles(page);
  const second = page.getByTestId('profile-card').filter({ hasText: 'Second backend' });
  const remove = second.getByRole('button', { name: 'Delete' });
  await remove.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Delete the profile “Second backend”?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('tracked exports and its API key are deleted too');
  // Enter on the first focused button must not delete: focus starts on Cancel.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(remove).toBeFocused();
  await expect(second).toHaveCount(1);

  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Delete profile' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(second).toHaveCount(0);
  await expect(page.getByTestId('profile-card').first()).toBeFocused();
});

test('removing a key asks first, and focus goes to the button that sets a new one', async ({ page }) => {
  await openProfiles(page);
  const card = page.getByTestId('profile-card').first();
  await card.getByRole('button', { name: 'Set key' }).click();
  await card.getByLabel('API key').fill('a-key-for-the-sample-1234');
  await page.keyboard.press('Enter');
  await expect(card.getByTestId('key-status')).toContainText('1234');
  await card.getByRole('button', { name: 'Remove key' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /^Remove the API key of/ });
  await expect(dialog).toContainText('cannot be shown or restored');
  await dialog.getByRole('button', { name: 'Cancel' }).press('Enter');
  await expect(card.getByTestId('key-status')).toContainText('1234');
  await card.getByRole('button', { name: 'Remove key' }).press('Enter');
  await dialog.getByRole('button', { name: 'Remove key' }).press('Enter');
  await expect(card.getByTestId('key-status')).toContainText('none');
  await expect(card.getByRole('button', { name: 'Set key' })).toBeFocused();
});

test('clearing the history asks in the app’s own dialog', async ({ page }) => {
  await page.getByRole('button', { name: 'Get URLs' }).click();
  await expect(page.getByTestId('download-job').first().getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await page.getByRole('button', { name: /^Clear history/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear the download history?' });
  await expect(dialog).toContainText('Downloaded files are kept');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await page.getByRole('button', { name: /^Clear history/ }).click();
  await dialog.getByRole('button', { name: 'Clear history' }).click();
  await expect(page.getByTestId('history-row')).toHaveCount(0);
});

test('a new profile takes focus; a bad base URL is said beside its field, not in a banner', async ({ page }) => {
  await openProfiles(page);
  await page.getByLabel('Profile name').fill('Typo');
  await page.getByLabel('Base URL').fill('ftp://db-backend-domain/api');
  await page.getByLabel('Base URL').press('Enter');
  const error = page.getByTestId('new-profile-error');
  await expect(error).toContainText('A base URL starts with https://');
  await expect(page.getByLabel('Base URL')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Base URL')).toHaveAttribute('aria-describedby', 'new-profile-error');
  await expect(page.getByLabel('Base URL')).toBeFocused();
  await expect(page.locator('.banner')).toHaveCount(0);

  await page.getByLabel('Base URL').fill('https://db-backend-domain/api');
  await expect(error).toHaveCount(0);
  await page.getByLabel('Base URL').press('Enter');
  const card = page.getByTestId('profile-card').filter({ hasText: 'Typo' });
  await expect(card).toBeFocused();
  await expect(page.getByLabel('Profile name')).toHaveValue('');
});

test('a base URL a card refuses is said beside its field, and Save waits for an edit', async ({ page, bridge }) => {
  await withSecondProfile(page, bridge);
  await openProfiles(page);
  const card = page.getByTestId('profile-card').filter({ hasText: 'Second backend' });
  await card.getByRole('button', { name: 'Change URL' }).click();
  await card.getByLabel('Base URL').fill('ftp://nowhere/api');
  await page.keyboard.press('Enter');
  await expect(card.getByRole('alert')).toContainText('A base URL starts with https://');
  await expect(card.getByLabel('Base URL')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.banner')).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Save' })).toBeDisabled();
  await card.getByLabel('Base URL').fill('https://somewhere.example/api');
  await expect(card.getByRole('alert')).toHaveCount(0);
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card).toContainText('https://somewhere.example/api');
});

test('closing an error banner gives focus to the screen’s heading, not the page', async ({ page, bridge }) => {
  const id = await withSecondProfile(page, bridge);
  await openProfiles(page);
  // A banner the app shows: renaming a profile that another process (the command line) deleted
  // meanwhile, straight in the database, so the window heard nothing of it.
  const card = page.locator(`[data-profile-id="${id}"]`);
  await card.getByRole('button', { name: 'Rename' }).click();
  const db = openSqlite(join(bridge.root, 'data', DATABASE_FILE));
  db.prepare('DELETE FROM profiles WHERE id = ?').run(id);
  db.close();
  await card.getByLabel('Name').fill('Renamed backend');
  await card.getByLabel('Name').press('Enter');
  const banner = page.locator('.banner');
  await expect(banner).toContainText('That profile no longer exists');
  await banner.getByRole('button', { name: /Dismiss|Close/ }).press('Enter');
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Profiles' })).toBeFocused();
});

