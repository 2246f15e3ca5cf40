import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { goTo } from '../screens';

const PARTS = [1, 2, 3].map((n) => `Canvas exports – sample (part ${n} of 3).zip`);

/** Sets the sample profile's maximum batch size on the Profiles screen, then goes back to the exports. */
async function setBatchSize(page: Page, value: string): Promise<void> {
  await goTo(page, 'Profiles');
  const card = page.getByTestId('profile-card').first();
  await card.getByRole('button', { name: 'Batch size' }).click();
  const field = card.getByLabel('Maximum exports per request');
  await expect(field).toBeFocused();
  await field.fill(value);
  await field.press('Enter');
}

/** Saves the page in light and dark themes at the app's two reference window sizes (for looking at, not comparing). */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const size of [{ width: 1280, height: 800 }, { width: 800, height: 600 }]) {
    await page.setViewportSize(size);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `test-results/screens/${name}-${size.width}x${size.height}-${colorScheme}.png` });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a profile maximum batch size is validated, and a larger zip is confirmed, saved in named parts and listed part by part', async ({ page, bridge }) => {
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  await setBatchSize(page, '0');
  const card = page.getByTestId('profile-card').first();
  const field = card.getByLabel('Maximum exports per request');
  await expect(card.getByRole('alert')).toHaveText('Enter a whole number from 1 to 100,000, or leave the field empty for no limit.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(card.getByTestId('batch-limit')).toContainText('no limit');
  await screenshots(page, 'batch-size-form');
  await field.fill('12');
  await field.press('Enter');
  await expect(card.getByTestId('batch-limit')).toHaveText('Batch size: at most 12 exports a request');
  await expect(card.getByRole('button', { name: 'Batch size' })).toBeFocused();

  // Escape declines: no job starts, focus is back on the button that asked.
  await goTo(page, 'Exports');
  const download = page.getByRole('button', { name: 'Download zip', exact: true });
  await download.click();
  const dialog = page.getByRole('dialog', { name: 'Download as 3 zip files?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('at most 12 exports a request');
  await expect(dialog.getByTestId('split-part-names').getByRole('listitem')).toHaveText(['name (part 1 of 3).zip', 'name (part 2 of 3).zip', 'name (part 3 of 3).zip']);
  await expect(dialog.getByRole('button', { name: 'Download 3 parts' })).toBeFocused();
  await screenshots(page, 'split-confirm');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(download).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Exports' })).toBeVisible();
  expect(bridge.desktop.dialogs).toEqual([]);

  await download.click();
  await dialog.getByRole('button', { name: 'Download 3 parts' }).click();
  await expect(page.getByRole('heading', { name: 'Downloads' })).toBeVisible();
  const job = page.getByTestId('download-job').first();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(job.getByTestId('zip-parts-summary')).toContainText('Saved as 3 parts');
  await expect(job.getByTestId('zip-part')).toHaveCount(3);
  for (const [i, name] of PARTS.entries()) await expect(job.getByTestId('zip-part').nth(i)).toContainText(`${name}`.slice(-24));
  await expect(job.getByTestId('zip-contained')).toHaveText(/Asked for 36 exports; the 3 parts hold 36 files\./);
  const downloads = join(bridge.root, 'downloads');
  // One manifest for the set, beside its parts.
  expect(readdirSync(downloads).sort()).toEqual(['Canvas exports – sample (3 parts).manifest.json', ...PARTS]);
  // The save dialog asked once, for part 1; the other parts went beside it.
  expect(bridge.desktop.dialogs.filter((d) => d.kind === 'saveAs')).toHaveLength(1);
  await screenshots(page, 'split-parts-card');

  await job.getByRole('button', { name: 'Show in folder: part 2 of 3' }).click();
  await expect.poll(() => bridge.desktop.revealed).toEqual([join(downloads, PARTS[1]!)]);
  await job.getByRole('button', { name: 'Inspect part 3 of 3' }).click();
  await expect(page.getByRole('heading', { name: 'Inspect' })).toBeVisible();
  await expect(page.getByTestId('archive-entry')).toHaveCount(12);
});

test('URL mode above the maximum batch size merges every batch into one list', async ({ page }) => {
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  await setBatchSize(page, '10');
  await expect(page.getByTestId('profile-card').first().getByTestId('batch-limit')).toContainText('at most 10 exports');
  await goTo(page, 'Exports');
  await page.getByRole('button', { name: 'Get URLs' }).click();
  // URL mode is not saved as parts, so nothing needs confirming.
  await expect(page.getByTestId('split-confirm')).toHaveCount(0);
  const job = page.getByTestId('download-job').first();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  // 4 requests of at most 10 (the core's tests count them at the backend): one list of all 36, in order.
  await expect(job.getByTestId('url-results')).toContainText('36 exported URLs');
});

test('through the save dialog, a later part already there is asked about once, and Keep both numbers the whole set', async ({ page, bridge }) => {
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  await setBatchSize(page, '12');
  await expect(page.getByTestId('profile-card').first().getByTestId('batch-limit')).toContainText('at most 12 exports');
  const downloads = join(bridge.root, 'downloads');
  // Part 2 of an earlier set is there; the save dialog shows part 1's name only, which is free.
  writeFileSync(join(downloads, PARTS[1]!), 'not mine');
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { saveAs: [join(downloads, PARTS[0]!)] } });
  await goTo(page, 'Exports');
  await page.getByRole('button', { name: 'Download zip', exact: true }).click();
  await page.getByRole('dialog', { name: 'Download as 3 zip files?' }).getByRole('button', { name: 'Download 3 parts' }).click();
  const question = page.getByRole('alertdialog', { name: `A file named “${PARTS[1]!}” already exists` });
  await expect(question).toBeVisible({ timeout: 30_000 });
  await expect(question.getByRole('button', { name: 'Keep both' })).toBeFocused();
  await page.keyboard.press('Enter');
  const job = page.getByTestId('download-job').first();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  const numbered = [1, 2, 3].map((n) => `Canvas exports – sample (1) (part ${n} of 3).zip`);
  for (const [i, name] of numbered.entries()) await expect(job.getByTestId('zip-part').nth(i)).toContainText(name.slice(-28));
  expect(readdirSync(downloads).filter((name) => name.endsWith('.zip')).sort()).toEqual([...numbered, PARTS[1]!].sort());
  expect(readFileSync(join(downloads, PARTS[1]!), 'utf8')).toBe('not mine');
  // One question for the set, and one save dialog.
  expect(bridge.desktop.dialogs.filter((d) => d.kind === 'saveAs')).toHaveLength(1);
});
