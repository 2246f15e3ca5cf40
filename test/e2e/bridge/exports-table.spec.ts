import type { Page } from '@playwright/test';
import { value } from '../../helpers/result-value';
import { expect, test } from '../fixtures';

/** The label cells of the page, top to bottom. */
async function labels(page: Page): Promise<string[]> {
  return (await page.getByTestId('tracked-row').locator('td.label').allTextContents()).map((text) => text.trim());
}

/** Whether the page's labels run in `direction`, as a person reads them. */
async function labelsRun(page: Page, direction: 1 | -1): Promise<boolean> {
  const shown = await labels(page);
  return shown.length > 1 && shown.every((label, i) => i === 0 || shown[i - 1]!.localeCompare(label, undefined, { sensitivity: 'base' }) * direction <= 0);
}

test('a click on a column header sorts by it, a second click reverses it, and the toolbar shows the same sort', async ({ page }) => {
  const header = (name: string) => page.getByRole('columnheader', { name });
  const sortBy = page.getByLabel('Sort by');
  const reverse = page.getByRole('button', { name: /^Reverse order/ });
  await expect(header('Added')).toHaveAttribute('aria-sort', 'descending');
  await expect(header('Label')).toHaveAttribute('aria-sort', 'none');

  await header('Label').getByRole('button').click();
  await expect(header('Label')).toHaveAttribute('aria-sort', 'ascending');
  await expect(header('Added')).toHaveAttribute('aria-sort', 'none');
  await expect(sortBy).toHaveValue('label');
  await expect(reverse).toHaveAttribute('title', 'A to Z; reverse');
  await expect.poll(() => labelsRun(page, 1)).toBe(true);

  // The keyboard works the header too: Enter on its button reverses the order.
  await header('Label').getByRole('button').press('Enter');
  await expect(header('Label')).toHaveAttribute('aria-sort', 'descending');
  await expect(reverse).toHaveAttribute('title', 'Z to A; reverse');
  await expect.poll(() => labelsRun(page, -1)).toBe(true);

  await header('Source file URL').getByRole('button').click();
  await expect(sortBy).toHaveValue('url');
  await expect(header('Source file URL')).toHaveAttribute('aria-sort', 'ascending');

  // And the other way: the toolbar's select moves the header's mark.
  await sortBy.selectOption('added');
  await expect(header('Added')).toHaveAttribute('aria-sort', 'descending');
  await reverse.click();
  await expect(header('Added')).toHaveAttribute('aria-sort', 'ascending');
});

test('a page number jumps to that page; First and Last go to the ends', async ({ page, bridge }) => {
  const profileId = (await value(bridge.core.api['profiles.list'](undefined))).find((profile) => profile.builtIn)!.id;
  const text = Array.from({ length: 120 }, (_, i) => `https://cdn.example.com/bulk-item-${i}.pdf`).join('\n');
  await value(bridge.core.api['tracked.add']({ profileId, text }));
  await page.reload();
  const range = page.getByTestId('tracked-range');
  await expect(range).toHaveText('1–50 of 156');

  const field = page.getByLabel('Page number, 1 to 4');
  await field.fill('3');
  await field.press('Enter');
  await expect(range).toHaveText('101–150 of 156');
  await expect(field).toBeFocused();

  // Past the end: the last page, and the field says which.
  await field.fill('99');
  await field.press('Enter');
  await expect(range).toHaveText('151–156 of 156');
  await expect(field).toHaveValue('4');
  await expect(page.getByRole('button', { name: 'Last', exact: true })).toBeDisabled();

  await page.getByRole('button', { name: 'First', exact: true }).click();
  await expect(range).toHaveText('1–50 of 156');
  await expect(field).toHaveValue('1');
  await page.getByRole('button', { name: 'Last', exact: true }).click();
  await expect(range).toHaveText('151–156 of 156');
});
