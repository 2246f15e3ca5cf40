import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../fixtures';
import { recordRows } from '../history-rows';
import { goTo } from '../screens';

test('a URL-mode History row shows its URLs again, with Copy and Save', async ({ page, bridge }) => {
  test.setTimeout(90_000);
  await recordRows(bridge, ['urls']);
  await goTo(page, 'History');
  const row = page.getByTestId('history-row').first();
  await row.getByRole('button', { name: 'Show 36 URLs' }).focus();
  await page.keyboard.press('Enter');
  await expect(row.getByRole('button', { name: 'Hide URLs' })).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByTestId('history-urls');
  await expect(panel).toContainText('36 exported URLs');
  await expect(panel.getByRole('listitem')).toHaveCount(36);
  await expect(panel.getByRole('button', { name: /^Copy http/ }).first()).toBeVisible();

  const saved = join(bridge.root, 'kept-urls.txt');
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { saveAs: [saved] } });
  await panel.getByRole('button', { name: 'Save .txt' }).click();
  await expect(panel.getByRole('status')).toHaveText(`Saved ${saved}.`);
});

test('a URL-mode History row offers "Download each…": a files job on the Downloads screen, focused', async ({ page, bridge }) => {
  test.setTimeout(90_000);
  await recordRows(bridge, ['urls']);
  await goTo(page, 'History');
  await page.getByTestId('history-row').first().getByRole('button', { name: /^Show .*URLs$/ }).click();
  await expect(page.getByTestId('history-urls')).toBeVisible();
  // The opened row, with its filters and toolbar, in both themes: no axe violations.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect((await new AxeBuilder({ page }).analyze()).violations.map((violation) => violation.id)).toEqual([]);
  }
  const folder = join(bridge.root, 'each');
  mkdirSync(folder);
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { chooseFolder: [folder] } });
  await page.getByTestId('history-urls').getByRole('button', { name: 'Download each…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Downloads' })).toBeVisible();
  const job = page.getByTestId('download-job').first();
  await expect(job).toBeFocused();
  await expect(job.getByTestId('job-state')).toHaveText(/Done|Finished/, { timeout: 30_000 });
  expect(readdirSync(folder).length).toBeGreaterThan(0);
});

test('a URL-mode History row is saved from what history kept once its job has left Downloads', async ({ page, bridge }) => {
  test.setTimeout(90_000);
  await recordRows(bridge, ['urls']);
  // The job leaves the recent jobs, as after a restart: only history remembers its URLs.
  await goTo(page, 'Downloads');
  await page.getByRole('button', { name: 'Clear finished' }).click();
  await expect(page.getByTestId('download-job')).toHaveCount(0);
  await goTo(page, 'History');
  await page.getByTestId('history-row').first().getByRole('button', { name: /^Show .*URLs$/ }).click();
  const panel = page.getByTestId('history-urls');
  const saved = join(bridge.root, 'kept-after-clear.txt');
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { saveAs: [saved] } });
  await panel.getByRole('button', { name: 'Save .txt' }).click();
  await expect(panel.getByRole('status')).toHaveText(`Saved ${saved}.`);
  expect(readFileSync(saved, 'utf8').trim().split('\n')).toHaveLength(36);
});
