import { expect, test } from '../fixtures';

test('the large sample export is one click from Settings, ready to download and cancel', async ({ page }) => {
  await page.getByRole('link', { name: /Settings/ }).or(page.getByRole('button', { name: /Settings/ })).first().click();
  await page.getByRole('button', { name: 'Track the large sample export' }).click();
  await expect(page.getByRole('heading', { name: 'Exports' })).toBeVisible();
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);
  await expect(page.getByTestId('tracked-row').first()).toContainText('512mib.bin');

  await page.getByRole('button', { name: /^Download zip/ }).click();
  const job = page.getByTestId('download-job').first();
  await expect(job.getByRole('progressbar')).toBeVisible();
  await job.getByRole('button', { name: 'Cancel' }).click();
  await expect(job.getByTestId('job-state')).toHaveText('Cancelled', { timeout: 30_000 });
});
