import { expect, test } from '../fixtures';

test('a label is renamed in place with F2 and the keyboard, and found by the filter', async ({ page }) => {
  const first = page.getByTestId('tracked-row').first();
  await expect(first).toBeVisible();
  await first.getByRole('checkbox').focus();
  await page.keyboard.press('F2');
  const field = first.getByRole('textbox');
  await expect(field).toBeFocused();
  await page.keyboard.type('Quarterly cover');
  await page.keyboard.press('Enter');
  await expect(first.getByRole('cell').nth(1)).toHaveText('Quarterly cover');

  await page.getByLabel('Filter exports').fill('quarterly');
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);

  // Escape leaves the label as it was and gives focus back to the row.
  const row = page.getByTestId('tracked-row').first();
  await row.getByRole('checkbox').focus();
  await page.keyboard.press('F2');
  await page.keyboard.type('Something else');
  await page.keyboard.press('Escape');
  await expect(row.getByRole('cell').nth(1)).toHaveText('Quarterly cover');
  await expect(row.getByRole('checkbox')).toBeFocused();
});
