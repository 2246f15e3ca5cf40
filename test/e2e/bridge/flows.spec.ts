import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, screenshotThemes, test } from '../fixtures';

test('the sample profile opens with its tracked exports, filter and paging', async ({ page }) => {
  await expect(page.getByRole('heading', { name: 'Exports' })).toBeVisible();
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  await expect(page.getByTestId('tracked-range')).toHaveText(/^1–\d+ of \d+$/);
  await page.getByLabel('Filter exports').fill('.pdf');
  await expect(page.getByTestId('tracked-row').first()).toContainText('.pdf');
  const rows = await page.getByTestId('tracked-row').count();
  for (let index = 0; index < rows; index++) await expect(page.getByTestId('tracked-row').nth(index)).toContainText(/\.pdf/i);
  await page.getByLabel('Filter exports').fill('');
  await screenshotThemes(page, 'tracked');
});

test('pasting exports reports added, duplicate and invalid lines', async ({ page }) => {
  await page.getByLabel('Add exports').fill('https://cdn.example.com/new-one.png\nhttps://cdn.example.com/new-one.png\nnot a url');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const report = page.getByTestId('add-report');
  await expect(report).toContainText('1 added');
  await expect(report).toContainText('1 already tracked');
  await expect(report).toContainText('1 invalid');
  await expect(report).toContainText('Line 3');
  await expect(page.getByLabel('Add exports')).toHaveValue('not a url');
});

test('a zip download streams to disk with progress and can be inspected', async ({ page, bridge }) => {
  await page.getByRole('checkbox', { name: 'Select this page' }).check();
  await page.getByRole('button', { name: 'Download zip' }).click();
  await expect(page.getByRole('heading', { name: 'Downloads' })).toBeVisible();
  const job = page.getByTestId('download-job').first();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  const downloads = join(bridge.root, 'downloads');
  const saved = readdirSync(downloads).filter((name) => name.endsWith('.zip'));
  expect(saved).toEqual(['Canvas exports – sample.zip']);
  expect(readdirSync(downloads).filter((name) => name.endsWith('.part'))).toEqual([]);
  await screenshotThemes(page, 'downloads');

  await job.getByRole('button', { name: 'Show in folder' }).click();
  await expect.poll(() => bridge.desktop.revealed).toEqual([join(downloads, saved[0]!)]);

  await job.getByRole('button', { name: 'Inspect' }).click();
  await expect(page.getByRole('heading', { name: 'Inspect' })).toBeVisible();
  await expect(page.getByTestId('archive-totals')).toContainText('entries');
  expect(await page.getByTestId('archive-entry').count()).toBeGreaterThan(10);
  await screenshotThemes(page, 'archive');

  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('history-row').first()).toHaveAttribute('data-result', 'success');
  await screenshotThemes(page, 'history');
});

test('URL mode lists the exported URLs', async ({ page }) => {
  await page.getByRole('button', { name: 'Get URLs' }).click();
  const job = page.getByTestId('download-job').first();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(job.getByTestId('url-results')).toContainText('exported URL');
});

test('a new profile keeps its key hidden and the connection check tells a wrong URL apart', async ({ page, bridge }) => {
  await page.getByRole('button', { name: 'Profiles' }).click();
  await page.getByLabel('Profile name').fill('Unreachable');
  await page.getByLabel('Base URL').fill('http://127.0.0.1:9/api');
  await page.getByRole('button', { name: 'Add profile' }).click();
  const card = page.getByTestId('profile-card').filter({ hasText: 'Unreachable' });
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Check connection' }).click();
  await expect(card.getByTestId('connection-check')).toHaveAttribute('data-outcome', 'wrong-url');

  const sample = page.getByTestId('profile-card').filter({ hasText: 'Sample backend' });
  await sample.getByRole('button', { name: 'Check connection' }).click();
  await expect(sample.getByTestId('connection-check')).toHaveAttribute('data-outcome', 'reachable');

  const secret = 'e2e-secret-key-1234567890';
  await card.getByRole('button', { name: 'Set key' }).click();
  await card.getByLabel('API key').fill(secret);
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByTestId('key-status')).toContainText('7890');
  await expect(page.locator('body')).not.toContainText(secret);
  expect(await page.content()).not.toContain(secret);
  await screenshotThemes(page, 'profiles');
  expect(existsSync(bridge.root)).toBe(true);
});
