import { expect, test } from '../fixtures';

test('? opens the keyboard-shortcuts list, which names every key and closes with Escape back where it was', async ({ page }) => {
  const filter = page.getByLabel('Filter exports');
  // In a field, ? is a character.
  await filter.focus();
  await page.keyboard.type('?');
  await expect(filter).toHaveValue('?');
  await expect(page.getByTestId('shortcuts')).toHaveCount(0);
  await filter.fill('');

  const selectPage = page.getByRole('checkbox', { name: 'Select this page' });
  await selectPage.focus();
  await page.keyboard.press('Shift+?');
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(list).toBeVisible();
  for (const [keys, what] of [
    ['Ctrl+F', 'Filter the exports'],
    ['Ctrl+O', 'Open a zip to inspect'],
    ['Ctrl+Enter', 'Download a zip of what the footer names'],
    ['F2', 'Rename the row’s label'],
    ['Del', 'Remove the selected exports'],
  ]) {
    await expect(list.locator('.row').filter({ hasText: what })).toContainText(keys!);
  }
  await expect(list.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(selectPage).toBeFocused();
});

test('below 900 px, the sidebar shows the name of the screen a keyboard user is on, not only on hover', async ({ browser, bridge }) => {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const page = await context.newPage();
  await page.goto(bridge.openLink());
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Main' });
  const history = nav.getByRole('button', { name: 'History' });
  const name = history.locator('.text');
  // Not shown to a mouse that is not on it.
  expect((await name.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
  await nav.getByRole('button', { name: 'Downloads' }).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(history).toBeFocused();
  const box = await name.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(30);
  const button = (await history.boundingBox())!;
  // Beside the button, inside the window, over the content.
  expect(box!.x).toBeGreaterThanOrEqual(button.x + button.width);
  expect(box!.x + box!.width).toBeLessThanOrEqual(800);
  await expect(name).toHaveText('History');
  await context.close();
});

test('Help → Keyboard Shortcuts in the app menu opens the same list, with focus in it, and Escape gives focus back', async ({ page, bridge }) => {
  const chooseInMenu = (path: string[]) => page.request.post(new URL('__bridge/test/menu', bridge.url).href, { data: { path } });
  // Chosen while typing in a field, where the ? key is a character: the menu works anyway.
  const filter = page.getByLabel('Filter exports');
  await filter.focus();
  await filter.fill('report');
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(list).toHaveCount(0);

  const chosen = await chooseInMenu(['Help', 'Keyboard Shortcuts']);
  expect(chosen.status()).toBe(200);
  await expect(list).toBeVisible();
  await expect(list.locator('.row').filter({ hasText: 'Filter the exports' })).toContainText('Ctrl+F');
  await expect(list.getByRole('button', { name: 'Close' })).toBeFocused();
  // The page behind is out of reach: Tab stays in the list or goes to the browser's own controls, never to the page.
  await page.keyboard.press('Tab');
  expect(await list.evaluate((dialog) => dialog.contains(document.activeElement) || document.activeElement === document.body)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(filter).toBeFocused();
  await expect(filter).toHaveValue('report');

  // The route acts out only the menu's own items.
  expect((await chooseInMenu(['Help', 'No Such Item'])).status()).toBe(404);
  await expect(list).toHaveCount(0);
});
