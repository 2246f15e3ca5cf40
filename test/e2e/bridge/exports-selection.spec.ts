import type { Page } from '@playwright/test';
import { value } from '../../helpers/result-value';
import { expect, test } from '../fixtures';
import type { Bridge } from '../../bridge/server';

/** The built-in sample profile's id. */
async function sampleProfileId(bridge: Bridge): Promise<string> {
  return (await value(bridge.core.api['profiles.list'](undefined))).find((profile) => profile.builtIn)!.id;
}

/** Tracks `count` more exports whose URLs hold `bulk-item`, and shows the list again. */
async function trackMany(page: Page, bridge: Bridge, count: number): Promise<void> {
  const text = Array.from({ length: count }, (_, i) => `https://cdn.example.com/bulk-item-${i}.pdf`).join('\n');
  await value(bridge.core.api['tracked.add']({ profileId: await sampleProfileId(bridge), text }));
  await page.reload();
  await expect(page.getByTestId('scope')).toHaveText(`All ${36 + count} exports`);
}

test('a selection outlives a filter change: the window says what the filter hides, and a download takes it all', async ({ page }) => {
  const filter = page.getByLabel('Filter exports');
  await filter.fill('report-q');
  await expect(page.getByTestId('tracked-row')).toHaveCount(4);
  await page.getByTestId('tracked-row').nth(0).getByRole('checkbox').check();
  await page.getByTestId('tracked-row').nth(1).getByRole('checkbox').check();

  // Filtering is how the next row is found: the two selected stay selected, and the window says where they are.
  await filter.fill('photo');
  await expect(page.getByTestId('tracked-row')).toHaveCount(6);
  await expect(page.getByTestId('selection-text')).toHaveText('2 exports selected (2 hidden by the filter)');
  await page.getByTestId('tracked-row').nth(0).getByRole('checkbox').check();
  await expect(page.getByTestId('selection-text')).toHaveText('3 exports selected (2 hidden by the filter)');
  // The footer names the same places: it acts on all of them.
  await expect(page.getByTestId('scope')).toHaveText('3 exports selected (2 hidden by the filter)');
  await expect(page.getByTestId('scope')).toContainText('3 exports selected');

  // A filter that matches nothing still says the selection is there.
  await filter.fill('zzz-no-match');
  await expect(page.getByTestId('no-match')).toBeVisible();
  await expect(page.getByTestId('selection-text')).toHaveText('3 exports selected (3 hidden by the filter)');
  await filter.fill('photo');

  await page.getByRole('button', { name: 'Get URLs' }).click();
  const job = page.getByTestId('download-job').first();
  await expect(job).toContainText('3 exports');
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(job.getByTestId('url-results')).toContainText('3 exported URLs');
});

test('Clear selection unselects rows the filter hides too, and focus goes back to the filter', async ({ page }) => {
  await page.getByTestId('tracked-row').first().getByRole('checkbox').check();
  await page.getByLabel('Filter exports').fill('zzz-no-match');
  await expect(page.getByTestId('selection-text')).toHaveText('1 export selected (1 hidden by the filter)');
  await page.getByRole('button', { name: 'Clear selection' }).press('Enter');
  await expect(page.getByTestId('selection')).toHaveCount(0);
  await expect(page.getByLabel('Filter exports')).toBeFocused();
  await expect(page.getByTestId('scope')).toHaveText('No exports match the filter');
});

test('after selecting a page, "Select all 120 matching" selects every match on every page; Remove takes them all and Undo brings them back', async ({ page, bridge }) => {
  await trackMany(page, bridge, 120);
  await page.getByLabel('Filter exports').fill('bulk-item');
  await expect(page.getByTestId('tracked-range')).toHaveText('1–50 of 120');
  await page.getByRole('checkbox', { name: 'Select this page' }).check();
  await expect(page.getByTestId('selection-text')).toHaveText('50 exports selected');
  const selectAll = page.getByRole('button', { name: 'Select all 120 matching' });
  await selectAll.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('selection-text')).toHaveText('120 exports selected (70 on other pages)');
  await expect(page.getByTestId('scope')).toContainText('120 exports selected');
  await expect(selectAll).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Clear selection' })).toBeFocused();

  await page.getByRole('button', { name: 'Remove selected' }).click();
  await expect(page.getByTestId('removed-notice')).toContainText('Removed 120 exports');
  await page.getByTestId('undo-remove').click();
  await page.getByLabel('Filter exports').fill('');
  await expect(page.getByTestId('scope')).toHaveText('All 156 exports');
});

test('with no filter the offer is every export', async ({ page, bridge }) => {
  await trackMany(page, bridge, 20);
  await page.getByRole('checkbox', { name: 'Select this page' }).check();
  await page.getByRole('button', { name: 'Select all 56 exports' }).click();
  await expect(page.getByTestId('scope')).toContainText('56 exports selected');
});
