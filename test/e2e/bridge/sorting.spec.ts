import { join } from 'node:path';
import { writeZip } from '../../helpers/zip-fixtures';
import { expect, test } from '../fixtures';

/** The label cells of the page, top to bottom. */
async function labels(page: import('@playwright/test').Page): Promise<string[]> {
  return (await page.getByTestId('tracked-row').locator('td.label').allTextContents()).map((text) => text.trim());
}

/** Whether the page shows more than one row and its labels run in `direction`, as a person reads them. */
async function labelsRun(page: import('@playwright/test').Page, direction: 1 | -1): Promise<boolean> {
  const shown = await labels(page);
  return shown.length > 1 && shown.every((label, i) => i === 0 || shown[i - 1]!.localeCompare(label, undefined, { sensitivity: 'base' }) * direction <= 0);
}

test('Label and URL sort A to Z first, and the reverse button names the order it shows', async ({ page }) => {
  const reverse = page.getByRole('button', { name: /^Reverse order/ });
  await expect(reverse).toHaveAttribute('title', 'Newest first; reverse');

  await page.getByLabel('Sort by').selectOption('label');
  await expect(reverse).toHaveAttribute('title', 'A to Z; reverse');
  await expect(reverse).toHaveAccessibleName('Reverse order (now A to Z)');
  await expect.poll(() => labelsRun(page, 1)).toBe(true);

  await reverse.click();
  await expect(reverse).toHaveAttribute('title', 'Z to A; reverse');
  await expect.poll(() => labelsRun(page, -1)).toBe(true);

  await page.getByLabel('Sort by').selectOption('url');
  await expect(reverse).toHaveAttribute('title', 'A to Z; reverse');
  await page.getByLabel('Sort by').selectOption('added');
  await expect(reverse).toHaveAttribute('title', 'Newest first; reverse');
});

test('Inspect sorts names as a person reads them, not by code point', async ({ page, bridge }) => {
  const zip = join(bridge.root, 'mixed.zip');
  writeZip(zip, ['Report.PDF', 'cover.png', '10.txt', '9.txt', 'Ärger.txt', 'apple.txt'].map((name) => ({ name, data: Buffer.from(name) })));
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { openFiles: [[zip]] } });
  await page.getByRole('button', { name: /Inspect/ }).first().click();
  await page.getByRole('button', { name: /Open zip/ }).click();
  const names = page.getByTestId('archive-entry').locator('td.name .name-line bdi');
  await expect(names).toHaveText(['9.txt', '10.txt', 'apple.txt', 'Ärger.txt', 'cover.png', 'Report.PDF']);
});
