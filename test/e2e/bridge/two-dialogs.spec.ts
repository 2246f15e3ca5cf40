import { expect, test } from '../fixtures';
import { openConflictDialog } from '../name-conflict';

test('a deep link arriving while a name question is open is answered first, then the question is back with focus', async ({ page, bridge }) => {
  const question = await openConflictDialog(page, bridge);
  bridge.emit('app.opened', { kind: 'deep-link', value: `export-manager://track?url=${encodeURIComponent('https://cdn.example.com/while-asking.png')}` });
  const link = page.getByTestId('deep-link-dialog');
  await expect(link.getByRole('heading', { name: 'Track this export?' })).toBeVisible();
  await expect(link.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(link).toHaveCount(0);
  await expect(question).toBeVisible();
  await expect(question.getByRole('button', { name: 'Keep both' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
});
