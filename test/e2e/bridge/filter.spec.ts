import { expect, test } from '../fixtures';

test('a filter that matches nothing says so and offers to clear it', async ({ page }) => {
  const filter = page.getByLabel('Filter exports');
  await filter.fill('zzz-no-such-export');
  const none = page.getByTestId('no-match');
  await expect(none).toContainText('No exports match “zzz-no-such-export”.');
  await expect(page.getByTestId('tracked-range')).toHaveCount(0);
  await expect(page.getByTestId('scope')).toHaveText('No exports match the filter');
  await none.getByRole('button', { name: 'Clear filter' }).click();
  await expect(filter).toBeFocused();
  await expect(filter).toHaveValue('');
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  await expect(page.getByTestId('no-match')).toHaveCount(0);
});

test('each profile opens its list whole: the filter does not follow to another profile', async ({ page, bridge }) => {
  const other = await bridge.core.api['profiles.create']({ name: 'Second backend', baseUrl: 'http://127.0.0.1:9/api' });
  expect(other.ok).toBe(true);
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  const filter = page.getByLabel('Filter exports');
  await filter.fill('report-q');
  await expect(page.getByTestId('scope')).toHaveText('4 exports matching the filter');
  const profile = page.getByLabel('Active profile');
  const first = await profile.inputValue();
  await profile.selectOption({ label: 'Second backend' });
  await expect(filter).toHaveValue('');
  await profile.selectOption(first);
  await expect(filter).toHaveValue('');
  await expect(page.getByTestId('scope')).toHaveText('All 36 exports');
});

test('a profile with nothing tracked and no key says so plainly', async ({ page, bridge }) => {
  const empty = await bridge.core.api['profiles.create']({ name: 'Empty backend', baseUrl: 'http://127.0.0.1:9/api' });
  expect(empty.ok).toBe(true);
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.getByLabel('Active profile').selectOption({ label: 'Empty backend' });
  await expect(page.getByTestId('scope')).toHaveText('No exports tracked yet');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles' }).click();
  const card = page.getByTestId('profile-card').filter({ hasText: 'Empty backend' });
  await expect(card.getByTestId('key-status')).toHaveText(/^\s*API key:\s*none\s*$/);
});
