import { expect, screenshotThemes, test } from '../fixtures';

const link = (...urls: string[]) => `export-manager://track?${urls.map((url) => `url=${encodeURIComponent(url)}`).join('&')}`;

test('a deep link shows its exports for confirmation before anything is added', async ({ page, bridge }) => {
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  const before = await page.getByTestId('tracked-range').textContent();

  bridge.emit('app.opened', { kind: 'deep-link', value: link('https://cdn.example.com/linked-a.png', 'https://cdn.example.com/linked-b.pdf') });
  const dialog = page.getByTestId('deep-link-dialog');
  await expect(dialog.getByRole('heading', { name: 'Track these 2 exports?' })).toBeVisible();
  await expect(dialog).toContainText('https://cdn.example.com/linked-a.png');
  await expect(dialog).toContainText('Sample backend');
  await screenshotThemes(page, 'deep-link');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('tracked-range')).toHaveText(before!);

  bridge.emit('app.opened', { kind: 'deep-link', value: link('https://cdn.example.com/linked-a.png', 'https://cdn.example.com/linked-b.pdf') });
  await dialog.getByRole('button', { name: 'Add 2 exports' }).click();
  await expect(page.getByTestId('add-report')).toContainText('2 added');
  await page.getByLabel('Filter exports').fill('linked-');
  await expect(page.getByTestId('tracked-row')).toHaveCount(2);
});

test('a damaged deep link is explained, never added, and Escape closes it', async ({ page, bridge }) => {
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  bridge.emit('app.opened', { kind: 'deep-link', value: 'export-manager://track?url=https%3A%2F%2Fa.example%2F%E0%A4%A' });
  const dialog = page.getByTestId('deep-link-dialog');
  await expect(dialog.getByRole('heading', { name: 'This link could not be used' })).toBeVisible();
  await expect(dialog).toContainText('malformed %-escape');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
