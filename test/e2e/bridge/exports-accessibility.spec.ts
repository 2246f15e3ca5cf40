import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { value } from '../../helpers/result-value';
import { writeZip } from '../../helpers/zip-fixtures';
import { expect, test } from '../fixtures';

/** Axe's violations on the page as it is now, in light and dark themes, one line each. */
async function violations(page: Page, what: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const violation of (await new AxeBuilder({ page }).analyze()).violations) {
      found.push(`${what} (${colorScheme}): ${violation.id} — ${violation.help} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    }
  }
  return found;
}

test('the selection bar, the page field, sortable headers and the export formats have no axe violations', async ({ page, bridge }) => {
  test.setTimeout(120_000);
  const profileId = (await value(bridge.core.api['profiles.list'](undefined))).find((profile) => profile.builtIn)!.id;
  const text = Array.from({ length: 120 }, (_, i) => `https://cdn.example.com/bulk-item-${i}.pdf`).join('\n');
  await value(bridge.core.api['tracked.add']({ profileId, text }));
  await page.reload();
  await page.getByRole('checkbox', { name: 'Select this page' }).check();
  await expect(page.getByRole('button', { name: 'Select all 156 exports' })).toBeVisible();
  await expect(page.getByLabel('Page number, 1 to 4')).toBeVisible();
  await page.getByRole('button', { name: 'Export list…' }).click();
  await expect(page.getByRole('group', { name: 'Export the list as' })).toBeVisible();
  const found = await violations(page, 'Exports, a page selected');
  await page.keyboard.press('Escape');
  await page.getByLabel('Filter exports').fill('report');
  await expect(page.getByTestId('selection-text')).toHaveText('50 exports selected (50 hidden by the filter)');
  found.push(...(await violations(page, 'Exports, the selection hidden')));
  expect(found, found.join('\n')).toEqual([]);
});

test('Inspect’s select-all checkbox, match count and cut names have no axe violations', async ({ page, bridge }) => {
  const zip = join(bridge.root, 'names.zip');
  writeZip(zip, [`reports/${'quarterly-figures-'.repeat(8)}final.pdf`, 'notes.txt', 'cover.png'].map((name) => ({ name, data: Buffer.from(name) })));
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { openFiles: [[zip]] } });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Inspect' }).click();
  await page.getByRole('button', { name: 'Open zip…' }).click();
  await page.getByLabel('Filter entries').fill('.');
  await expect(page.getByTestId('archive-matches')).toHaveText('3 of 3 match');
  await page.getByRole('checkbox', { name: 'Select every matching file' }).check();
  const found = await violations(page, 'Inspect');
  expect(found, found.join('\n')).toEqual([]);
});
