import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { value } from '../../helpers/result-value';
import { expect, test } from '../fixtures';

test('"Export list…" offers CSV and JSON with labels; the CSV imports back with them, its formulas defused', async ({ page, bridge }) => {
  const profileId = (await value(bridge.core.api['profiles.list'](undefined))).find((profile) => profile.builtIn)!.id;
  const [first, second] = (await value(bridge.core.api['tracked.list']({ profileId, limit: 2 }))).items;
  await value(bridge.core.api['tracked.setLabel']({ profileId, id: first!.id, label: 'Cover, "final" version' }));
  await value(bridge.core.api['tracked.setLabel']({ profileId, id: second!.id, label: '=HYPERLINK("http://evil")' }));
  const csv = join(bridge.root, 'list.csv');
  const json = join(bridge.root, 'list.json');
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { saveAs: [csv, json] } });

  const exportList = page.getByRole('button', { name: 'Export list…' });
  await exportList.click();
  await expect(exportList).toHaveAttribute('aria-expanded', 'true');
  const formats = page.getByRole('group', { name: 'Export the list as' });
  await expect(formats.getByRole('button', { name: /^CSV/ })).toBeFocused();
  await formats.getByRole('button', { name: /^CSV/ }).press('Enter');
  await expect(page.getByTestId('saved-list')).toContainText('list.csv');
  const lines = readFileSync(csv, 'utf8').split('\r\n');
  expect(lines[0]).toBe('sourceFileUrl,label,addedAt');
  expect(lines).toHaveLength(36 + 2);
  expect(lines.find((line) => line.includes('Cover'))).toContain('"Cover, ""final"" version"');
  // A spreadsheet shows this label instead of running it.
  expect(lines.find((line) => line.includes('HYPERLINK'))).toContain(`"'=HYPERLINK(""http://evil"")"`);
  const asked = bridge.desktop.dialogs.filter((dialog) => dialog.kind === 'saveAs').at(-1)!.options as { defaultPath: string };
  expect(asked.defaultPath).toMatch(/\.csv$/);

  await exportList.click();
  await formats.getByRole('button', { name: /^JSON/ }).click();
  await expect(page.getByTestId('saved-list')).toContainText('list.json');
  const rows = JSON.parse(readFileSync(json, 'utf8')) as Array<{ sourceFileUrl: string; label: string }>;
  expect(rows).toHaveLength(36);
  expect(rows.find((row) => row.sourceFileUrl === first!.sourceFileUrl)?.label).toBe('Cover, "final" version');

  // Back in through "Import file…", into another profile: every URL with its label.
  await value(bridge.core.api['profiles.create']({ name: 'Copy', baseUrl: 'http://127.0.0.1:9/api' }));
  await page.reload();
  await page.getByLabel('Active profile').selectOption({ label: 'Copy' });
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { openFiles: [[csv]] } });
  await page.getByRole('button', { name: 'Import file…' }).click();
  await expect(page.getByTestId('add-report')).toContainText('36 added');
  await expect(page.getByTestId('add-report')).toContainText('0 invalid');
  await page.getByLabel('Filter exports').fill('cover, "final"');
  await expect(page.getByTestId('tracked-row').locator('td.label')).toHaveText(['Cover, "final" version']);
});

test('the formats close with Escape, focus back on "Export list…", and nothing is saved', async ({ page, bridge }) => {
  const exportList = page.getByRole('button', { name: 'Export list…' });
  await exportList.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Export the list as' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Export the list as' })).toHaveCount(0);
  await expect(exportList).toBeFocused();
  await expect(exportList).toHaveAttribute('aria-expanded', 'false');
  expect(bridge.desktop.dialogs.filter((dialog) => dialog.kind === 'saveAs')).toHaveLength(0);
});
