import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../fixtures';
import { conflictDialog, downloadReadme, MOD, openConflictDialog, SAMPLE_ZIP, withManifests } from '../name-conflict';

const KEPT = 'Canvas exports – sample (1).zip';

/** Saves a screenshot of what is shown now in both themes at the two window sizes people use most. */
async function screenshots(page: import('@playwright/test').Page, name: string): Promise<void> {
  for (const [width, height] of [[1280, 800], [800, 600]] as const) {
    await page.setViewportSize({ width, height });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `test-results/screens/${name}-${width}x${height}-${colorScheme}.png` });
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a taken name asks, with the keyboard: Keep both, then Replace remembered in Settings', async ({ page, bridge }) => {
  test.setTimeout(120_000);
  const folder = join(bridge.root, 'downloads');
  const dialog = await openConflictDialog(page, bridge);
  await expect(dialog).toContainText(SAMPLE_ZIP);
  await expect(dialog).toContainText(folder);
  // Focus starts on the answer that loses nothing.
  await expect(dialog.getByRole('button', { name: 'Keep both' })).toBeFocused();
  await expect(page.getByTestId('download-job').first().getByTestId('job-asking')).toContainText('Waiting for your answer');
  await screenshots(page, 'conflict-dialog');
  const original = readFileSync(join(folder, SAMPLE_ZIP));

  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  const kept = page.getByTestId('download-job').first();
  await expect(kept.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(kept.getByRole('heading', { level: 2 })).toHaveText(KEPT);
  // Focus went back to the job whose question it was.
  await expect(kept).toBeFocused();
  expect(readdirSync(folder).sort()).toEqual(withManifests([KEPT, SAMPLE_ZIP]));
  expect(readFileSync(join(folder, SAMPLE_ZIP)).equals(original)).toBe(true);

  // Again, now Replace with "Remember my choice": Shift+Tab from Keep both to the checkbox, Space, Tab to Replace.
  const inode = statSync(join(folder, SAMPLE_ZIP)).ino;
  await downloadReadme(page, bridge);
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole('button', { name: 'Keep both' })).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('checkbox', { name: 'Remember my choice' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(dialog.getByRole('checkbox', { name: 'Remember my choice' })).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Replace' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  const replaced = page.getByTestId('download-job').first();
  await expect(replaced.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(replaced.getByRole('heading', { level: 2 })).toHaveText(SAMPLE_ZIP);
  expect(readdirSync(folder).sort()).toEqual(withManifests([KEPT, SAMPLE_ZIP]));
  expect(statSync(join(folder, SAMPLE_ZIP)).ino).not.toBe(inode);
  // The first job's history row no longer points at the replaced file.
  const history = await bridge.core.api['history.list']({ offset: 0, limit: 10 });
  expect(history.ok && history.value.items.map((item) => item.path && item.path.split('/').pop())).toEqual([SAMPLE_ZIP, KEPT, null]);

  // Settings shows the remembered answer.
  await page.keyboard.press(`${MOD}+Comma`);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings and about' })).toBeFocused();
  const setting = page.getByLabel('When a file with that name exists');
  await expect(setting).toHaveValue('replace');
  await setting.scrollIntoViewIfNeeded();
  await screenshots(page, 'settings-name-conflict');

  // And the next download replaces without asking.
  await downloadReadme(page, bridge);
  await expect(page.getByTestId('download-job').first().getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(conflictDialog(page)).toHaveCount(0);
  expect(readdirSync(folder).sort()).toEqual(withManifests([KEPT, SAMPLE_ZIP]));
});

test('the question survives a reload, and Escape cancels the download leaving the file as it was', async ({ page, bridge }) => {
  const folder = join(bridge.root, 'downloads');
  const dialog = await openConflictDialog(page, bridge);
  const original = readFileSync(join(folder, SAMPLE_ZIP));
  await page.reload();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Keep both' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Downloads', exact: true }).click();
  await expect(page.getByTestId('download-job').first().getByTestId('job-state')).toHaveText('Cancelled', { timeout: 30_000 });
  expect(readdirSync(folder).sort()).toEqual(withManifests([SAMPLE_ZIP]));
  expect(readFileSync(join(folder, SAMPLE_ZIP)).equals(original)).toBe(true);
});
