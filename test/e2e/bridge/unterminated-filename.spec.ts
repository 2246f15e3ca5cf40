import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test } from '../fixtures';

// A backend that forgets the closing quote of its file name.
test.use({ sampleBackend: { contentDisposition: 'attachment; filename="unterminated.zip' } });

test('a zip whose Content-Disposition name lacks its closing quote is saved and titled "unterminated.zip"', async ({ page, bridge }) => {
  const folder = join(bridge.root, 'downloads');
  await page.getByLabel('Filter exports').fill('readme');
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);
  await page.getByRole('button', { name: /^Download zip/ }).click();
  const job = page.getByTestId('download-job').first();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });

  await expect(job.getByRole('heading', { level: 2 })).toHaveText('unterminated.zip');
  // The save dialog offered the same name, and the file on disk has it: no quote turned into "_".
  const asked = bridge.desktop.dialogs.filter((dialog) => dialog.kind === 'saveAs').at(-1)!.options as { defaultPath: string };
  expect(basename(asked.defaultPath)).toBe('unterminated.zip');
  expect(existsSync(join(folder, 'unterminated.zip'))).toBe(true);
  expect(readdirSync(folder).filter((name) => name.endsWith('.zip'))).toEqual(['unterminated.zip']);
});
