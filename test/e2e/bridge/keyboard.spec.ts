import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../fixtures';

const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

test('the main flow with the keyboard only: track, download a zip, inspect, extract', async ({ page, bridge }) => {
  const folder = join(bridge.root, 'extracted');
  mkdirSync(folder);
  // The folder dialog of "Extract all…" answers with this folder (the bridge has no native dialogs).
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { chooseFolder: [folder] } });
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();

  // The skip link is the first stop and leads to the screen's heading.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Exports' })).toBeFocused();

  // First run: the explanation is dismissed, and focus goes to where exports are pasted.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Active profile')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Got it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Add exports')).toBeFocused();

  // Track: type a URL, Tab to Add; focus lands on the report.
  await page.keyboard.type('https://cdn.example.com/keyboard-only.png');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('add-report')).toBeFocused();
  await expect(page.getByTestId('add-report')).toContainText('1 added');

  // Filter to one export; the footer names it, and the download takes exactly that one.
  await page.keyboard.press(`${MOD}+F`);
  await expect(page.getByLabel('Filter exports')).toBeFocused();
  await page.keyboard.type('readme');
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);
  await expect(page.getByTestId('scope')).toHaveText('1 export matching the filter');
  await page.keyboard.press(`${MOD}+Enter`);
  const job = page.getByTestId('download-job').first();
  await expect(job).toBeFocused();
  await expect(job).toContainText('1 export');
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });

  // Inspect: from the job, Tab past its × (remove from the list) to its buttons; focus lands on the entry filter.
  await page.keyboard.press('Tab');
  await expect(job.getByRole('button', { name: /^Remove from the list/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(job.getByRole('button', { name: 'Show in folder' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(job.getByRole('button', { name: 'Inspect' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Filter entries')).toBeFocused();
  await expect(page.getByTestId('archive-entry')).toHaveCount(1);

  // Extract all: one Shift+Tab back from the filter; focus lands on the report.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Extract all…' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('extract-report')).toBeFocused();
  await expect(page.getByTestId('extract-report')).toContainText('Extracted 1 entry');
  // Into a new folder named after the zip inside the chosen one.
  const [made] = readdirSync(folder);
  expect(readdirSync(folder)).toHaveLength(1);
  expect(readdirSync(join(folder, made!))).toEqual(['readme.txt']);

  // The first-run explanation stays dismissed.
  await page.reload();
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  await expect(page.getByTestId('welcome')).toHaveCount(0);
});

test('the key form takes focus, Escape closes it and gives focus back', async ({ page }) => {
  await page.keyboard.press(`${MOD}+Comma`);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings and about' })).toBeFocused();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles' }).click();
  const card = page.getByTestId('profile-card').first();
  await card.getByRole('button', { name: 'Set key' }).click();
  await expect(card.getByLabel('API key')).toBeFocused();
  await page.keyboard.type('not-saved');
  await page.keyboard.press('Escape');
  await expect(card.getByLabel('API key')).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Set key' })).toBeFocused();
});
