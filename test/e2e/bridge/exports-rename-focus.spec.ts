import type { Locator, Page } from '@playwright/test';
import { value } from '../../helpers/result-value';
import { expect, test } from '../fixtures';

/** Presses Tab until `target` has focus, as a keyboard user gets there; fails after `most` presses. */
async function tabTo(page: Page, target: Locator, most = 30): Promise<void> {
  for (let press = 0; press < most; press++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** The label the sample profile's first row shows, read before the keyboard takes over. */
async function firstLabel(page: Page): Promise<string> {
  const cell = page.getByTestId('tracked-row').first().locator('td.label');
  await expect(cell).not.toBeEmpty();
  return ((await cell.textContent()) ?? '').trim();
}

test('F2, a new label and Enter save it and leave focus on that row’s checkbox', async ({ page, bridge }) => {
  await firstLabel(page);
  await page.keyboard.press('Control+f');
  await tabTo(page, page.getByTestId('tracked-row').first().getByRole('checkbox'));
  await page.keyboard.press('F2');
  await expect(page.getByRole('textbox', { name: /^Label of / })).toBeFocused();
  await page.keyboard.type('Quarterly cover');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('checkbox', { name: 'Select Quarterly cover' })).toBeFocused();
  const profileId = (await value(bridge.core.api['profiles.list'](undefined))).find((profile) => profile.builtIn)!.id;
  const saved = await value(bridge.core.api['tracked.list']({ profileId, filter: 'Quarterly cover' }));
  expect(saved.items.map((item) => item.label)).toEqual(['Quarterly cover']);
  // Still in the table's keyboard model: the arrow keys go on from the renamed row.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('tracked-row').nth(1).getByRole('checkbox')).toBeFocused();
});

test('a rename that moves the row in a label sort leaves focus on that row, wherever it went', async ({ page }) => {
  await page.getByLabel('Sort by').selectOption('label');
  await firstLabel(page);
  await page.keyboard.press('Control+f');
  await tabTo(page, page.getByTestId('tracked-row').first().getByRole('checkbox'));
  await page.keyboard.press('F2');
  await page.keyboard.type('zz last of all');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tracked-row').last()).toContainText('zz last of all');
  await expect(page.getByRole('checkbox', { name: 'Select zz last of all' })).toBeFocused();
});

test('F2 then Escape keeps the label and leaves focus on the row’s checkbox', async ({ page }) => {
  const label = await firstLabel(page);
  await page.keyboard.press('Control+f');
  const checkbox = page.getByTestId('tracked-row').first().getByRole('checkbox');
  await tabTo(page, checkbox);
  await page.keyboard.press('F2');
  await page.keyboard.type('Something else');
  await page.keyboard.press('Escape');
  await expect(checkbox).toBeFocused();
  await expect(page.getByTestId('tracked-row').first().locator('td.label')).toHaveText(label);
});
