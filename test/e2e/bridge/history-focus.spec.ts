import { expect, test } from '../fixtures';
import { recordRows } from '../history-rows';
import { goTo } from '../screens';

const REMOVE = 'Remove from history';

test('removing a History row with the keyboard keeps focus: the row that took its place, then the one above, then the heading', async ({ page, bridge }) => {
  test.setTimeout(90_000);
  await recordRows(bridge, ['cancelled', 'cancelled', 'cancelled']);
  await goTo(page, 'History');
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(3);

  // Tab from the heading to row 2's ×, past Clear history, the filters and row 1.
  await page.getByRole('heading', { level: 1, name: 'History' }).focus();
  const remove2 = rows.nth(1).getByRole('button', { name: REMOVE });
  for (let presses = 0; presses < 20 && !(await remove2.evaluate((el) => el === document.activeElement)); presses++) await page.keyboard.press('Tab');
  await expect(remove2).toBeFocused();
  const third = await rows.nth(2).textContent();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(2);
  // The row below moved up into place: its × has focus.
  await expect(rows.nth(1)).toHaveText(third!);
  await expect(rows.nth(1).getByRole('button', { name: REMOVE })).toBeFocused();

  // The last row removed: the × of the row above.
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0).getByRole('button', { name: REMOVE })).toBeFocused();

  // None left: the screen's heading.
  await page.keyboard.press('Enter');
  await expect(page.getByText('No downloads yet.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeFocused();
});
