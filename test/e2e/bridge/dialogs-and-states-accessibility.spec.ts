import { AxeBuilder } from '@axe-core/playwright';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { writeZip } from '../../helpers/zip-fixtures';
import { recordRows } from '../history-rows';
import { downloadReadme, saveToDefaultFolder } from '../name-conflict';
import { goTo } from '../screens';

/** The axe violations of the page as it is now, in light and dark themes, each named after `what`. */
async function violations(page: Page, what: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const violation of (await new AxeBuilder({ page }).analyze()).violations) {
      const targets = violation.nodes.slice(0, 3).map((node) => `${node.target.join(' ')} ${node.failureSummary ?? ''}`.replace(/\s+/g, ' '));
      found.push(`${what} (${colorScheme}): ${violation.id} — ${violation.help}\n    ${targets.join('\n    ')}`);
    }
  }
  return found;
}

test('the app’s own confirmations (remove key, delete profile, clear history, zip bomb) have no axe violations in light and dark themes', async ({ page, bridge }) => {
  test.setTimeout(120_000);
  const found: string[] = [];
  await recordRows(bridge, ['failed']);
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();

  await goTo(page, 'Profiles');
  const sample = page.getByTestId('profile-card').filter({ hasText: 'Sample backend' });
  await sample.getByRole('button', { name: 'Set key' }).click();
  await sample.getByLabel('API key').fill('a-key-for-the-sample-1234');
  await page.keyboard.press('Enter');
  await expect(sample.getByTestId('key-status')).toContainText('1234');
  await sample.getByRole('button', { name: 'Remove key' }).click();
  await expect(page.getByRole('dialog', { name: /^Remove the API key of/ })).toBeVisible();
  found.push(...(await violations(page, 'Remove key dialog')));
  await page.keyboard.press('Escape');

  await page.getByTestId('profile-card').filter({ hasText: 'Unreachable backend' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete the profile “Unreachable backend”?' })).toBeVisible();
  found.push(...(await violations(page, 'Delete profile dialog')));
  await page.keyboard.press('Escape');

  await goTo(page, 'History');
  await page.getByRole('button', { name: /^Clear history/ }).click();
  await expect(page.getByRole('dialog', { name: 'Clear the download history?' })).toBeVisible();
  found.push(...(await violations(page, 'Clear history dialog')));
  await page.keyboard.press('Escape');

  // One 64 MiB entry of zeros packs to a few dozen KiB: far past the 100:1 ratio limit.
  const zip = join(bridge.root, 'bomb.zip');
  writeZip(zip, [{ name: 'zeros.bin', data: Buffer.alloc(64 * 1024 * 1024), deflate: true }]);
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { openFiles: [[zip]], chooseFolder: [join(bridge.root, 'out')] } });
  await goTo(page, 'Inspect');
  await page.getByRole('button', { name: /Open zip/ }).click();
  await expect(page.getByTestId('archive-totals')).toBeVisible();
  await page.getByRole('button', { name: /Extract all/ }).click();
  await expect(page.getByRole('dialog', { name: 'Extract this archive anyway?' })).toBeVisible();
  found.push(...(await violations(page, 'Zip-bomb dialog')));
  await page.keyboard.press('Escape');
  expect(found, found.join('\n')).toEqual([]);
});

test('the shortcuts list, "No exports match — Clear filter" and an inline base-URL error have no axe violations in light and dark themes', async ({ page }) => {
  test.setTimeout(120_000);
  const found: string[] = [];
  const selectPage = page.getByRole('checkbox', { name: 'Select this page' });
  await selectPage.focus();
  await page.keyboard.press('Shift+?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  found.push(...(await violations(page, 'Keyboard shortcuts dialog')));
  await page.keyboard.press('Escape');

  await page.getByLabel('Filter exports').fill('nothing-is-named-like-this');
  const none = page.getByTestId('no-match');
  await expect(none).toContainText('No exports match “nothing-is-named-like-this”');
  await expect(none.getByRole('button', { name: 'Clear filter' })).toBeVisible();
  found.push(...(await violations(page, 'Exports matching nothing')));

  await goTo(page, 'Profiles');
  await page.getByLabel('Profile name').fill('Typo');
  await page.getByLabel('Base URL').fill('ftp://db-backend-domain/api');
  await page.getByLabel('Base URL').press('Enter');
  await expect(page.getByTestId('new-profile-error')).toContainText('A base URL starts with https://');
  found.push(...(await violations(page, 'Inline base-URL error')));
  expect(found, found.join('\n')).toEqual([]);
});

test('Downloads with a failed job (Retry all failed, Clear failed too), a card naming what it covered and one whose file was replaced have no axe violations in light and dark themes', async ({ page, bridge }) => {
  test.setTimeout(120_000);
  await recordRows(bridge, ['failed']);
  await saveToDefaultFolder(bridge);
  const replace = await bridge.core.api['settings.set']({ nameConflict: 'replace' });
  expect(replace.ok).toBe(true);
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  const older = await downloadReadme(page, bridge);
  await expect(older.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  const olderId = (await older.getAttribute('data-job-id'))!;
  await goTo(page, 'Exports');
  const newer = await downloadReadme(page, bridge);
  await expect(newer.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });

  await expect(page.locator(`[data-job-id="${olderId}"]`).getByTestId('replaced')).toHaveText('Replaced by a later download');
  const failed = page.getByTestId('download-job').filter({ has: page.getByTestId('job-covered') });
  await expect(failed.getByTestId('job-state')).toHaveText('Failed');
  await expect(failed.getByTestId('job-covered')).toContainText('Covered');
  await expect(page.getByRole('button', { name: 'Retry all failed' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Clear failed too' })).toBeEnabled();
  const found = await violations(page, 'Downloads with failed, covered and replaced cards');
  expect(found, found.join('\n')).toEqual([]);
});
