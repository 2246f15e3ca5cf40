import { expect, test } from '../fixtures';
import { recordRows } from '../history-rows';
import { goTo } from '../screens';

test('History searches and filters in main, and a search that matches nothing offers Clear filters', async ({ page, bridge }) => {
  test.setTimeout(90_000);
  await recordRows(bridge, ['zip', 'urls', 'failed', 'cancelled']);
  await goTo(page, 'History');
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(4);

  // Text in the profile's name, or in the saved file's path.
  await page.getByLabel('Search history').fill('unreachable');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Unreachable backend');
  await page.getByLabel('Search history').fill('canvas exports');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('sample.zip');
  await page.getByLabel('Search history').fill('');
  await expect(rows).toHaveCount(4);

  await page.getByLabel('Mode').selectOption('urls');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('URLs');
  await page.getByLabel('Mode').selectOption('');
  await page.getByLabel('Result').selectOption('cancelled');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Cancelled');
  await page.getByLabel('Result').selectOption('');
  await page.getByLabel('Profile').selectOption({ label: '\u2068Unreachable backend\u2069' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-result', 'failed');

  // The filters add up: the failed row is no URL-mode row.
  await page.getByLabel('Mode').selectOption('urls');
  await expect(rows).toHaveCount(0);
  const noMatch = page.getByTestId('history-no-match');
  await expect(noMatch).toContainText('No downloads match');
  await expect(page.getByRole('button', { name: 'Clear history' })).toBeEnabled();
  await noMatch.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(4);
  await expect(page.getByLabel('Search history')).toBeFocused();
  await expect(page.getByLabel('Profile')).toHaveValue('');
  await expect(page.getByLabel('Mode')).toHaveValue('');

  // Main answered the filters: the same query through the core counts the same rows.
  const direct = await bridge.core.api['history.list']({ offset: 0, limit: 10, mode: 'zip', result: 'success' });
  expect(direct.ok && [direct.value.total, direct.value.recorded]).toEqual([1, 4]);
});
