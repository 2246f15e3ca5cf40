import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../fixtures';
import { writeZip } from '../../helpers/zip-fixtures';

test('a zip past the zip-bomb limits is extracted only after the person confirms', async ({ page, bridge }) => {
  // One 64 MiB entry of zeros packs to a few dozen KiB: far past the 100:1 ratio limit.
  const zip = join(bridge.root, 'bomb.zip');
  writeZip(zip, [{ name: 'zeros.bin', data: Buffer.alloc(64 * 1024 * 1024), deflate: true }]);
  const folder = join(bridge.root, 'out');

  // The bridge has no native dialogs: the open and folder dialogs answer with these.
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { openFiles: [[zip]], chooseFolder: [folder, folder] } });
  await page.getByRole('button', { name: /Inspect/ }).first().click();
  await page.getByRole('button', { name: /Open zip/ }).click();
  await expect(page.getByTestId('archive-totals')).toBeVisible();

  // Declined: nothing written, the limit explained.
  await page.getByRole('button', { name: /Extract all/ }).click();
  // Asked in the app's own dialog, with Cancel focused; the command line's flag is not a window user's to add.
  const asked = page.getByRole('dialog', { name: 'Extract this archive anyway?' });
  await expect(asked).toContainText('you can extract it anyway');
  await expect(asked).not.toContainText(/--allow-large|export-manager extract/);
  await expect(asked.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alert')).toContainText('safety limit');
  expect(existsSync(join(folder, 'bomb'))).toBe(false);

  // Confirmed: extracted.
  await page.getByRole('button', { name: /Extract all/ }).click();
  await asked.getByRole('button', { name: 'Extract anyway' }).click();
  // 64 MiB to inflate and write: seconds on a busy machine.
  await expect(page.getByTestId('extract-report')).toContainText('Extracted 1 entry', { timeout: 30_000 });
  expect(existsSync(join(folder, 'bomb', 'zeros.bin'))).toBe(true);
});
