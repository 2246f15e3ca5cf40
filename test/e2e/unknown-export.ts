import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Tracks `export-1.json.gone`, a URL the sample backend does not know (it skips it: "Export not
 * found"), beside the real `export-1.json`, and filters the Exports screen to both.
 */
export async function trackOneUnknown(page: Page, sampleBackendUrl: string): Promise<void> {
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  await page.getByLabel('Add exports').fill(`${sampleBackendUrl}/sample-exports/export-1.json.gone`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('add-report')).toContainText('1 added');
  await page.getByLabel('Filter exports').fill('export-1.json');
  await expect(page.getByTestId('tracked-row')).toHaveCount(2);
}
