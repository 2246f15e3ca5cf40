import { join } from 'node:path';
import { expect, test } from '../fixtures';
import { writeZip } from '../../helpers/zip-fixtures';

/** Shows as "invoiceexe.pdf" where the override is obeyed: the disguise the window must not fall for. */
const DISGUISED = 'invoice\u202efdp.exe';

test('names from outside are isolated and show their hidden characters, as the command line does', async ({ page, bridge }) => {
  const zip = join(bridge.root, 'disguised.zip');
  writeZip(zip, [
    { name: DISGUISED, data: Buffer.from('MZ') },
    { name: 'notes\u200b.txt', data: Buffer.from('hidden space') },
    { name: 'report.txt', data: Buffer.from('fine') },
  ]);
  const folder = join(bridge.root, 'out');
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { openFiles: [[zip]], chooseFolder: [folder] } });
  await page.getByRole('button', { name: /Inspect/ }).first().click();
  await page.getByRole('button', { name: /Open zip/ }).click();

  const disguisedRow = page.getByTestId('archive-entry').filter({ hasText: 'invoice' });
  const name = disguisedRow.locator('td.name bdi').first();
  // The override is shown as its escape, not obeyed, and nothing of it is left in the page's text.
  await expect(name).toHaveText('invoice\\u202efdp.exe');
  await expect(name).toHaveAttribute('title', 'invoice\\u202efdp.exe');
  // The badge after the name reads in order: the name's direction does not leak into it.
  await expect(disguisedRow.locator('.tag.danger')).toHaveText(/^unsafe: name contains an invisible or text-direction character \(U\+202E\)/);
  await expect(page.getByTestId('archive-entry').filter({ hasText: 'notes' }).locator('td.name bdi').first()).toHaveText('notes\\u200b.txt');
  const rawOverrides = await page.evaluate(() => document.body.innerText.includes('\u202e') || document.body.innerText.includes('\u200b'));
  expect(rawOverrides).toBe(false);

  await page.getByRole('button', { name: /Extract all/ }).click();
  const report = page.getByTestId('extract-report');
  await expect(report).toContainText('Extracted 1 entry');
  await expect(report.getByRole('listitem').filter({ hasText: 'invoice' })).toHaveText(/^invoice\\u202efdp\.exe — name contains an invisible/);
});
