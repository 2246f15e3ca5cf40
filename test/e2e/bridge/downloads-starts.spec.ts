import { expect, test } from '../fixtures';
import { trackOneUnknown } from '../unknown-export';

/** How many downloads main lists (checks are previews, not downloads), and how many history rows it keeps. */
async function counts(bridge: import('../../bridge/server').Bridge): Promise<{ jobs: number; history: number }> {
  const jobs = await bridge.core.api['downloads.list'](undefined);
  const history = await bridge.core.api['history.list']({ offset: 0, limit: 50 });
  return { jobs: jobs.ok ? jobs.value.length : -1, history: history.ok ? history.value.total : -1 };
}

test('a double click on "Download zip" starts one job: the button is disabled while the start is on its way', async ({ page, bridge }) => {
  await page.getByLabel('Filter exports').fill('readme');
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Download zip' }).dblclick();
  const job = page.getByTestId('download-job').first();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(page.getByTestId('download-job')).toHaveCount(1);
  expect(await counts(bridge)).toEqual({ jobs: 1, history: 1 });
  // Nothing was refused either: the second click never reached main.
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('Space pressed four times on "Download zip" starts one job, and focus lands on it', async ({ page, bridge }) => {
  // A slow answer to the start (a busy main process): every press arrives while the first start is on its way.
  await page.route('**/__bridge/call/downloads.start', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    await route.continue();
  });
  await page.getByLabel('Filter exports').fill('readme');
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Download zip' }).focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Space');
  const job = page.getByTestId('download-job').first();
  await expect(job).toBeFocused();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(page.getByTestId('download-job')).toHaveCount(1);
  expect(await counts(bridge)).toEqual({ jobs: 1, history: 1 });
});

test('"Check first" is a preview: no card in Downloads, no row in History', async ({ page, bridge }) => {
  await page.getByLabel('Filter exports').fill('report-q');
  await page.getByRole('button', { name: 'Check first' }).click();
  await expect(page.getByTestId('check-result')).toContainText('4 exports will be exported', { timeout: 30_000 });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Downloads' }).click();
  await expect(page.getByText('No downloads yet.')).toBeVisible();
  await expect(page.getByTestId('download-job')).toHaveCount(0);
  await nav.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('history-row')).toHaveCount(0);
  expect(await counts(bridge)).toEqual({ jobs: 0, history: 0 });
});

test('"Show which and why" answers on the zip\'s own card: no "Exported URLs" card, no history row', async ({ page, bridge }) => {
  await trackOneUnknown(page, bridge.core.sampleBackendUrl!);
  await page.getByRole('button', { name: 'Download zip' }).click();
  const job = page.getByTestId('download-job').first();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(job.getByTestId('zip-contained')).toContainText('1 export left out by the backend');
  await job.getByRole('button', { name: 'Show which and why' }).click();
  const explanation = job.getByTestId('skipped-explanation');
  await expect(explanation).toContainText('export-1.json.gone', { timeout: 30_000 });
  await expect(explanation).toContainText('Export not found');
  await expect(explanation).toBeFocused();
  await expect(page.getByTestId('download-job')).toHaveCount(1);
  expect(await counts(bridge)).toEqual({ jobs: 1, history: 1 });
});
