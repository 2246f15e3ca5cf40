import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '../fixtures';
import { openConflictDialog } from '../name-conflict';
import { goTo, populate, SCREEN_NAMES } from '../screens';

test('every screen has no axe violations in light and dark themes', async ({ page }) => {
  test.setTimeout(120_000);
  await populate(page);
  const found: string[] = [];
  for (const name of SCREEN_NAMES) {
    await goTo(page, name);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const results = await new AxeBuilder({ page }).analyze();
      for (const violation of results.violations) {
        const targets = violation.nodes.slice(0, 3).map((node) => `${node.target.join(' ')} ${node.failureSummary ?? ''}`.replace(/\s+/g, ' '));
        found.push(`${name} (${colorScheme}): ${violation.id} — ${violation.help}\n    ${targets.join('\n    ')}`);
      }
    }
  }
  expect(found, found.join('\n')).toEqual([]);
});

test('notices, reports and errors have no axe violations in light and dark themes', async ({ page }) => {
  test.setTimeout(120_000);
  const check = async (what: string): Promise<string[]> => {
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const violation of (await new AxeBuilder({ page }).analyze()).violations) {
        found.push(`${what} (${colorScheme}): ${violation.id} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      }
    }
    return found;
  };
  const found: string[] = [];
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  // Exports: an add report with an invalid line, the check's result, a removal's Undo.
  await page.getByLabel('Add exports').fill('not a url');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByLabel('Filter exports').fill('report-q');
  await page.getByRole('button', { name: 'Check first' }).click();
  await expect(page.getByTestId('check-result')).toContainText('will be exported', { timeout: 30_000 });
  await page.getByRole('checkbox').nth(1).check();
  await page.getByRole('button', { name: 'Remove selected' }).click();
  await expect(page.getByTestId('removed-notice')).toBeVisible();
  found.push(...(await check('Exports with notices')));

  // Downloads: a failed job with its error and Retry.
  await page.getByLabel('Add exports').fill('https://cdn.example.com/unknown-to-the-sample.png');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByLabel('Filter exports').fill('unknown-to-the-sample');
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Download zip', exact: true }).click();
  await expect(page.getByTestId('download-job').first().getByTestId('job-state')).toHaveText('Failed', { timeout: 30_000 });
  found.push(...(await check('Downloads with a failed job')));

  // Inspect: a verify report and an extraction report.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Exports' }).click();
  await page.getByLabel('Filter exports').fill('readme');
  await page.getByRole('button', { name: 'Download zip', exact: true }).click();
  const zip = page.getByTestId('download-job').first();
  await expect(zip.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await zip.getByRole('button', { name: 'Inspect' }).click();
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('verify-report')).toBeVisible();
  await page.getByRole('button', { name: 'Extract all…' }).click();
  await expect(page.getByTestId('extract-report')).toBeVisible();
  found.push(...(await check('Inspect with reports')));
  expect(found, found.join('\n')).toEqual([]);
});

test('the question about a taken name has no axe violations in light and dark themes', async ({ page, bridge }) => {
  await openConflictDialog(page, bridge);
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const violation of (await new AxeBuilder({ page }).analyze()).violations) {
      found.push(`conflict dialog (${colorScheme}): ${violation.id} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    }
  }
  expect(found, found.join('\n')).toEqual([]);
});

test('the batch size form, the split confirmation and a card of parts have no axe violations in light and dark themes', async ({ page }) => {
  test.setTimeout(120_000);
  const found: string[] = [];
  const check = async (what: string): Promise<void> => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const violation of (await new AxeBuilder({ page }).analyze()).violations) {
        found.push(`${what} (${colorScheme}): ${violation.id} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      }
    }
  };
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  await goTo(page, 'Profiles');
  const card = page.getByTestId('profile-card').first();
  await card.getByRole('button', { name: 'Batch size' }).click();
  await card.getByLabel('Maximum exports per request').fill('many');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByRole('alert')).toBeVisible();
  await check('Batch size form with an error');
  await card.getByLabel('Maximum exports per request').fill('20');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByTestId('batch-limit')).toContainText('at most 20');

  await goTo(page, 'Exports');
  await page.getByRole('button', { name: 'Download zip', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Download as 2 zip files?' });
  await expect(dialog).toBeVisible();
  await check('Split confirmation');
  await dialog.getByRole('button', { name: 'Download 2 parts' }).click();
  await expect(page.getByTestId('download-job').first().getByTestId('zip-parts')).toBeVisible({ timeout: 30_000 });
  await check('Downloads with a card of parts');
  expect(found, found.join('\n')).toEqual([]);
});
