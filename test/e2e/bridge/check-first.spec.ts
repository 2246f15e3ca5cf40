import { expect, test } from '../fixtures';
import { trackOneUnknown } from '../unknown-export';

test('a check downloads exactly the exports it found, not the one it said would be skipped', async ({ page, bridge }) => {
  await trackOneUnknown(page, bridge.core.sampleBackendUrl!);
  await page.getByRole('button', { name: 'Check first' }).click();
  const check = page.getByTestId('check-result');
  await expect(check).toContainText('1 export will be exported, 1 export skipped', { timeout: 30_000 });
  await expect(check).toContainText('export-1.json.gone');
  await check.getByRole('button', { name: 'Download zip of 1 export' }).click();
  const job = page.getByTestId('download-job').first();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  // Asked for the one export the check found, and the zip holds it: nothing left out.
  await expect(job.getByTestId('zip-contained')).toHaveText(/Asked for 1 export; the zip holds 1 file\.\s*$/);
});

test('a check goes when its subject changes: another filter hides it, an added export drops it', async ({ page, bridge }) => {
  await trackOneUnknown(page, bridge.core.sampleBackendUrl!);
  await page.getByRole('button', { name: 'Check first' }).click();
  const check = page.getByTestId('check-result');
  await expect(check).toContainText('1 export will be exported', { timeout: 30_000 });
  // Another scope on screen: the answer about the first one is not shown for it.
  await page.getByLabel('Filter exports').fill('export-1');
  await expect(check).toHaveCount(0);
  await page.getByLabel('Filter exports').fill('export-1.json');
  await expect(check).toContainText('1 export will be exported');
  // The list changed: the check's answer is out of date, and main would refuse its download.
  await page.getByLabel('Add exports').fill(`${bridge.core.sampleBackendUrl!}/sample-exports/export-1.json.also-gone`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('add-report')).toContainText('1 added');
  await expect(check).toHaveCount(0);
});

test("a profile's count of tracked exports follows adds and removals made elsewhere", async ({ page, bridge }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles' }).click();
  const card = page.getByTestId('profile-card').first();
  await expect(card).toContainText('36 tracked exports');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Exports' }).click();
  await page.getByLabel('Add exports').fill(`${bridge.core.sampleBackendUrl!}/sample-exports/one-more.png`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('add-report')).toContainText('1 added');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles' }).click();
  await expect(card).toContainText('37 tracked exports');
});
