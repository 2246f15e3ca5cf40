import { expect, test } from '../fixtures';
import { trackOneUnknown } from '../unknown-export';

test('a zip card says how many exports the backend left out, and shows which and why', async ({ page, bridge }) => {
  // A URL the sample backend does not know, next to a real sample export with the same stem.
  await trackOneUnknown(page, bridge.core.sampleBackendUrl!);

  await page.getByRole('button', { name: /^Download zip/ }).click();
  const job = page.getByTestId('download-job').first();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(job.getByTestId('zip-contained')).toContainText('Asked for 2 exports; the zip holds 1 file.');
  await expect(job.getByTestId('zip-contained')).toContainText('1 export left out by the backend.');

  // The answer shows on the zip's own card: a check, not a URL-mode download of its own.
  await job.getByRole('button', { name: 'Show which and why' }).click();
  await expect(job.getByTestId('skipped-explanation')).toContainText('export-1.json.gone');
  await expect(page.getByTestId('download-job')).toHaveCount(1);
});
