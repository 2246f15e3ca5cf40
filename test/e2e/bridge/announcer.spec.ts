import { join } from 'node:path';
import { writeZip } from '../../helpers/zip-fixtures';
import { expect, test } from '../fixtures';

test('one polite live region says when a job finishes or fails, whatever screen is shown', async ({ page, bridge }) => {
  const region = page.getByTestId('announcer');
  await expect(region).toHaveAttribute('aria-live', 'polite');
  await expect(region).toHaveText('');

  // Started on Exports, finished while the person is elsewhere.
  await page.getByRole('button', { name: 'Get URLs' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(region).toHaveText(/^The URL download of 36 exports finished: 36 exported URLs\.\s?$/, { timeout: 30_000 });

  // A failure says what went wrong, in the words of its card's title.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Exports' }).click();
  await page.getByLabel('Add exports').fill('https://cdn.example.com/not-a-sample.png');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByLabel('Filter exports').fill('not-a-sample');
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);
  await page.getByRole('button', { name: /^Download zip/ }).click();
  await expect(region).toHaveText(/^The zip download of 1 export failed: .+\.\s?$/, { timeout: 30_000 });

  // Archive jobs too; the progress ticks before are not announced (nothing else on the page is live while it runs).
  const zip = join(bridge.root, 'small.zip');
  writeZip(zip, [{ name: 'a.txt', data: Buffer.from('a') }, { name: 'b.txt', data: Buffer.from('b') }]);
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { openFiles: [[zip]] } });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Inspect' }).click();
  await page.getByRole('button', { name: /Open zip/ }).click();
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(region).toHaveText(/^Verifying small\.zip: every entry read back intact\.\s?$/);
  await expect(page.getByTestId('verify-report')).not.toHaveAttribute('role', 'status');
  expect(await page.locator('[aria-live]:not([data-testid="announcer"]), [role="status"]').evaluateAll((live) => live.map((element) => element.textContent ?? ''))).not.toContainEqual(
    expect.stringMatching(/Verifying \d/),
  );
});

test('a preview (Check first) is not announced as a download', async ({ page }) => {
  const region = page.getByTestId('announcer');
  await page.getByLabel('Filter exports').fill('report-q');
  await page.getByRole('button', { name: 'Check first' }).click();
  await expect(page.getByTestId('check-result')).toContainText('4 exports will be exported', { timeout: 30_000 });
  await page.waitForTimeout(300);
  await expect(region).toHaveText('');
});
