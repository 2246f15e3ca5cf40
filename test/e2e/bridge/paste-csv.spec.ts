import { expect, test } from '../fixtures';

test('pasted CSV is read as CSV, as an imported file is: labels kept, duplicates found', async ({ page, bridge }) => {
  const profiles = await bridge.core.api['profiles.list'](undefined);
  if (!profiles.ok) throw new Error(profiles.error.message);
  const listed = await bridge.core.api['tracked.list']({ profileId: profiles.value[0]!.id, limit: 1 });
  if (!listed.ok) throw new Error(listed.error.message);
  const existing = listed.value.items[0]!.sourceFileUrl;
  const fresh = `${bridge.core.sampleBackendUrl!}/sample-exports/pasted-new.png`;
  await page.getByLabel('Add exports').fill(`sourceFileUrl,label\n${existing},Dup of plain\n"${fresh}","Pasted, with a comma"\n`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const report = page.getByTestId('add-report');
  await expect(report).toContainText('1 added');
  await expect(report).toContainText('1 already tracked');
  await expect(report).toContainText('0 invalid');
  await page.getByLabel('Filter exports').fill('pasted-new');
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);
  await expect(page.getByTestId('tracked-row').locator('td.label')).toHaveText('Pasted, with a comma');
});

test('a plain list line with a comma is refused as a CSV row without its header', async ({ page, bridge }) => {
  await page.getByLabel('Add exports').fill(`${bridge.core.sampleBackendUrl!}/sample-exports/x.png,A label`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('add-report')).toContainText('header row naming the sourceFileUrl column');
});
