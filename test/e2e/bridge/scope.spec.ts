import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeZip } from '../../helpers/zip-fixtures';
import { expect, test } from '../fixtures';

test('with a filter on, Get URLs asks for the filtered exports only, as the footer says', async ({ page }) => {
  await expect(page.getByTestId('scope')).toHaveText('All 36 exports');
  await page.getByLabel('Filter exports').fill('.pdf');
  await expect(page.getByTestId('scope')).toHaveText('5 exports matching the filter');
  await page.getByRole('button', { name: 'Get URLs' }).click();
  const job = page.getByTestId('download-job').first();
  await expect(job).toContainText('5 exports');
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(job.getByTestId('url-results')).toContainText('5 exported URLs');
});

test('a selection stays when a filter hides it, and says so; removal can be undone', async ({ page }) => {
  const first = page.getByTestId('tracked-row').first();
  const label = (await first.locator('td.label').textContent()) ?? '';
  await first.getByRole('checkbox').check();
  await expect(page.getByTestId('scope')).toHaveText('1 export selected');
  await page.getByLabel('Filter exports').fill('zzz-no-match');
  await expect(page.getByTestId('selection-text')).toHaveText('1 export selected (1 hidden by the filter)');
  await expect(page.getByRole('button', { name: 'Remove selected' })).toBeEnabled();
  await page.getByLabel('Filter exports').fill('');

  await expect(page.getByRole('checkbox', { name: `Select ${label}` })).toBeChecked();
  await page.getByRole('checkbox', { name: `Select ${label}` }).focus();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('removed-notice')).toContainText('Removed 1 export');
  await expect(page.getByTestId('undo-remove')).toBeFocused();
  await expect(page.getByTestId('scope')).toHaveText('All 35 exports');
  await page.getByTestId('undo-remove').click();
  await expect(page.getByTestId('scope')).toHaveText('All 36 exports');
  await expect(page.getByRole('checkbox', { name: `Select ${label}` })).toBeVisible();
});

test('Check first shows what would be exported, then downloads a zip of them', async ({ page }) => {
  await page.getByLabel('Filter exports').fill('report-q');
  await page.getByRole('button', { name: 'Check first' }).click();
  const check = page.getByTestId('check-result');
  await expect(check).toContainText('4 exports will be exported', { timeout: 30_000 });
  await check.getByRole('button', { name: 'Download zip of 4 exports' }).click();
  const job = page.getByTestId('download-job').first();
  await expect(job).toBeFocused();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(job).toContainText('4 files');
});

test('a zip with two entries of one name lists both, flagged, and verifies', async ({ page, bridge }) => {
  const path = join(bridge.root, 'twice.zip');
  writeZip(path, [
    { name: 'same.txt', data: Buffer.from('first') },
    { name: 'same.txt', data: Buffer.from('second') },
    { name: 'other.txt', data: Buffer.from('other') },
  ]);
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { openFiles: [[path]] } });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Inspect' }).click();
  await page.getByRole('button', { name: 'Open zip…' }).click();
  await expect(page.getByTestId('archive-entry')).toHaveCount(3);
  await expect(page.getByTestId('archive-entry').filter({ hasText: 'duplicate name' })).toHaveCount(2);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('verify-report')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('verify-report')).toContainText('All 3 entries read back intact');

  // Extract all: into a new folder named after the zip; the second same.txt is renamed, and said so.
  const folder = join(bridge.root, 'extract-here');
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { chooseFolder: [folder] } });
  await page.getByRole('button', { name: 'Extract all…' }).click();
  const report = page.getByTestId('extract-report');
  await expect(report).toContainText('Extracted 3 entries');
  await expect(report.getByTestId('renamed')).toContainText('same.txt → same (1).txt');
  expect(readFileSync(join(folder, 'twice', 'same.txt'), 'utf8')).toBe('first');
  expect(readFileSync(join(folder, 'twice', 'same (1).txt'), 'utf8')).toBe('second');
  await report.getByRole('button', { name: 'Open folder' }).click();
  await expect.poll(() => bridge.desktop.openedPaths.at(-1)).toBe(join(folder, 'twice'));
});

test('removing a key clears what the last connection check said about it', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles' }).click();
  const card = page.getByTestId('profile-card').first();
  await card.getByRole('button', { name: 'Set key' }).click();
  await card.getByLabel('API key').fill('a-key-for-the-sample-1234');
  await card.getByRole('button', { name: 'Save' }).click();
  await card.getByRole('button', { name: 'Check connection' }).click();
  await expect(card.getByTestId('connection-check')).toBeVisible();
  await card.getByRole('button', { name: 'Remove key' }).click();
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Remove key' }).click();
  await expect(card.getByTestId('key-status')).toContainText('none');
  await expect(card.getByTestId('connection-check')).toHaveCount(0);
});

test('a failed download says what went wrong in words and offers Retry', async ({ page }) => {
  await page.getByLabel('Add exports').fill('https://cdn.example.com/not-a-sample.png');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByLabel('Filter exports').fill('not-a-sample');
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Download zip' }).click();
  const job = page.getByTestId('download-job').first();
  // The sample backend knows no such export: 404.
  await expect(job.getByTestId('job-state')).toHaveText('Failed', { timeout: 30_000 });
  const alert = job.getByRole('alert');
  await expect(alert).toContainText('The backend could not find it');
  await expect(alert).toContainText('HTTP status 404');
  await expect(alert).not.toContainText(/not-found|·/);
  await expect(job.getByRole('button', { name: 'Open profile' })).toHaveCount(0);
  await job.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('download-job')).toHaveCount(2);
  const retried = page.getByTestId('download-job').first();
  await expect(retried).toBeFocused();
  await expect(retried).toContainText('1 export');
  await expect(retried.getByTestId('job-state')).toHaveText('Failed', { timeout: 30_000 });
});
