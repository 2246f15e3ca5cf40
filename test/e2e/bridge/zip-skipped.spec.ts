import { expect, test } from '../fixtures';

test('a zip card says how many exports the backend left out, and shows which and why', async ({ page, bridge }) => {
  const base = bridge.core.sampleBackendUrl!;
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  // A URL the sample backend does not know, next to a real sample export with the same stem.
  await page.getByLabel('Add exports').fill(`${base}/sample-exports/export-1.json.gone`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('add-report')).toContainText('1 added');
  await page.getByLabel('Filter exports').fill('export-1.json');
  await expect(page.getByTestId('tracked-row')).toHaveCount(2);

  await page.getByRole('button', { name: /^Download zip/ }).click();
  const job = page.getByTestId('download-job').first();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(job.getByTestId('zip-contained')).toContainText('Asked for 2 exports; the zip holds 1 file.');
  await expect(job.getByTestId('zip-contained')).toContainText('1 export left out by the backend.');

  await job.getByRole('button', { name: 'Show which and why' }).click();
  const check = page.getByTestId('download-job').first();
  await expect(check.getByTestId('url-results')).toContainText('export-1.json.gone');
});
