import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../../main/core/files/csv';
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

test('labels that start like a formula come back exactly from the exported CSV, imported or pasted, and the file keeps them as text', async ({ page, bridge }) => {
  const LABELS = ['=SUM(A1:A2)', '+49 30 1234', '-draft, v2', '@team "final"', "'=already quoted"];
  const profileId = (await value(bridge.core.api['profiles.list'](undefined))).find((profile) => profile.builtIn)!.id;
  const items = (await value(bridge.core.api['tracked.list']({ profileId, limit: LABELS.length }))).items;
  for (const [index, label] of LABELS.entries()) await value(bridge.core.api['tracked.setLabel']({ profileId, id: items[index]!.id, label }));
  const expected = new Map(items.map((item, index) => [item.sourceFileUrl, LABELS[index]]));
  const csv = join(bridge.root, 'formulas.csv');
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { saveAs: [csv] } });
  await page.reload();
  await page.getByRole('button', { name: 'Export list…' }).click();
  await page.getByRole('group', { name: 'Export the list as' }).getByRole('button', { name: /^CSV/ }).click();
  await expect(page.getByTestId('saved-list')).toContainText('formulas.csv');
  const text = readFileSync(csv, 'utf8');
  // Safe to open in a spreadsheet: no cell starts the way a formula does.
  for (const { cells } of parseCsv(text)) for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  expect(text).toContain("'=SUM(A1:A2)");
  expect(text).toContain("''=already quoted");

  /** The labels a profile now has for the exported URLs. */
  const labelsOf = async (id: string) => {
    const all = (await value(bridge.core.api['tracked.list']({ profileId: id, limit: 100 }))).items;
    return new Map(all.filter((item) => expected.has(item.sourceFileUrl)).map((item) => [item.sourceFileUrl, item.label]));
  };
  for (const way of ['Import file…', 'paste'] as const) {
    const copy = await value(bridge.core.api['profiles.create']({ name: `Copy by ${way}`, baseUrl: 'http://127.0.0.1:9/api' }));
    await page.reload();
    await page.getByLabel('Active profile').selectOption({ label: `Copy by ${way}` });
    if (way === 'paste') {
      await page.getByLabel('Add exports').fill(text);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
    } else {
      await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { openFiles: [[csv]] } });
      await page.getByRole('button', { name: 'Import file…' }).click();
    }
    await expect(page.getByTestId('add-report')).toContainText('36 added');
    expect(await labelsOf(copy.id), `labels after ${way}`).toEqual(expected);
    // The window shows them as they were, too.
    await page.getByLabel('Filter exports').fill('=SUM');
    await expect(page.getByTestId('tracked-row').locator('td.label')).toHaveText(['=SUM(A1:A2)']);
  }
});
