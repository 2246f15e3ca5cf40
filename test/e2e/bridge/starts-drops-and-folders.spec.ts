import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { Bridge } from '../../bridge/server';
import { expect, test } from '../fixtures';
import { recordRows } from '../history-rows';
import { startRefusingBackend } from '../refusing-backend';
import type { RefusingBackend } from '../refusing-backend';
import { goTo } from '../screens';

/** A call to the real core, unwrapped. */
async function call<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

/** A profile on `baseUrl` tracking one export, made in main and shown after a reload, then made the active one. */
async function activeProfileOn(page: Page, bridge: Bridge, name: string, baseUrl: string): Promise<string> {
  const profile = await call(bridge.core.api['profiles.create']({ name, baseUrl }));
  await call(bridge.core.api['tracked.add']({ profileId: profile.id, text: 'https://files.example/a.png' }));
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.getByLabel('Active profile').selectOption({ label: name });
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);
  return profile.id;
}

/** Presses Tab until `target` has focus (keyboard only; at most 40 presses). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** Drops `files` on the Exports screen as a file manager would: a drop event whose DataTransfer holds them. */
async function dropFiles(page: Page, files: Array<{ name: string; text: string; type: string }>): Promise<void> {
  await page.locator('section.screen').evaluate((section, dropped) => {
    const data = new DataTransfer();
    for (const file of dropped) data.items.add(new File([file.text], file.name, { type: file.type }));
    section.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    section.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
}

test('a .csv dropped in the browser is read as CSV: labels kept, duplicates found, nothing glued to a URL', async ({ page, bridge }) => {
  const profileId = (await call(bridge.core.api['profiles.list'](undefined)))[0]!.id;
  const existing = (await call(bridge.core.api['tracked.list']({ profileId, limit: 1 }))).items[0]!.sourceFileUrl;
  const fresh = `${bridge.core.sampleBackendUrl!}/sample-exports/dropped-new.png`;
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  await dropFiles(page, [{ name: 'exports.csv', type: 'text/csv', text: `sourceFileUrl,label\n${existing},Dup of plain\n${fresh},Dropped label\n` }]);
  const report = page.getByTestId('add-report');
  await expect(report).toContainText('1 added');
  await expect(report).toContainText('1 already tracked');
  await expect(report).toContainText('0 invalid');
  await page.getByLabel('Filter exports').fill('dropped-new');
  const row = page.getByTestId('tracked-row');
  await expect(row).toHaveCount(1);
  await expect(row.locator('td.label')).toHaveText('Dropped label');
  await expect(row.locator('td.url bdi.middle')).toHaveAttribute('title', fresh);
  // Main holds the URL as written, without the label after it.
  const tracked = await call(bridge.core.api['tracked.list']({ profileId, filter: 'dropped-new', limit: 5 }));
  expect(tracked.items.map((item) => [item.sourceFileUrl, item.label])).toEqual([[fresh, 'Dropped label']]);
});

test('a pasted URL with a space in it is refused as invalid, said in the add report', async ({ page, bridge }) => {
  const spaced = `${bridge.core.sampleBackendUrl!}/sample-exports/with space.png`;
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  await page.getByLabel('Add exports').fill(spaced);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const report = page.getByTestId('add-report');
  await expect(report).toContainText('0 added');
  await expect(report).toContainText('1 invalid');
  const line = report.getByTestId('invalid-line');
  await expect(line).toHaveCount(1);
  await expect(line.locator('.value bdi.middle')).toHaveAttribute('title', spaced);
  await expect(line).toContainText('contains a space (a URL writes it as %20)');
});

test.describe('a backend that refuses the key (401)', () => {
  let refusing: RefusingBackend;
  let url = '';
  test.beforeAll(async () => {
    refusing = await startRefusingBackend(401, 'missing or invalid x-api-key');
    url = refusing.url;
  });
  test.afterAll(() => refusing.close());

  test('"Open profile" reached with Tab and pressed with Enter focuses that profile’s key field', async ({ page, bridge }) => {
    const id = await activeProfileOn(page, bridge, 'Refusing backend', url);
    await page.getByRole('button', { name: /^Download zip/ }).focus();
    await page.keyboard.press('Enter');
    const job = page.getByTestId('download-job').first();
    await expect(job).toBeFocused();
    await expect(job.getByTestId('job-state')).toHaveText('Failed', { timeout: 30_000 });
    const open = job.getByRole('button', { name: 'Open profile' });
    await tabTo(page, open);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Profiles' })).toBeVisible();
    await expect(page.locator(`[data-profile-id="${id}"]`).getByLabel('API key')).toBeFocused();
  });
});

test('"Download zip" is disabled while its start is on its way, and enabled again once the job is there', async ({ page }) => {
  // A slow answer to the start (a busy main process), long enough to see the button while it waits.
  await page.route('**/__bridge/call/downloads.start', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await page.getByLabel('Filter exports').fill('readme');
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);
  const button = page.getByRole('button', { name: 'Download zip', exact: true });
  await expect(button).toBeEnabled();
  await button.click();
  await expect(button).toBeDisabled();
  const job = page.getByTestId('download-job').first();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await goTo(page, 'Exports');
  await expect(button).toBeEnabled();
});

test.describe('a backend that takes its time', () => {
  let slow: Server;
  let url = '';
  const waiting = new Set<ServerResponse>();
  test.beforeAll(async () => {
    // Holds every request open: a download from it runs until it is cancelled.
    slow = createServer((request, response) => {
      request.resume();
      waiting.add(response);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(slow.address() as { port: number }).port}/api`;
  });
  test.afterAll(async () => {
    for (const response of waiting) response.destroy();
    slow.closeAllConnections();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
  });

  test('main refuses a second start of a download that is running: one job, and the answer says why', async ({ page, bridge }) => {
    const profileId = await activeProfileOn(page, bridge, 'Slow backend', url);
    const answers = await page.evaluate(async (id) => {
      const request = { profileId: id, scope: { filter: '' }, mode: 'zip' as const, saveTo: 'default' as const };
      const first = await window.exportManager.downloads.start(request);
      const second = await window.exportManager.downloads.start(request);
      return { first, second };
    }, profileId);
    expect(answers.first.ok).toBe(true);
    expect(answers.second).toEqual({ ok: false, error: expect.objectContaining({ kind: 'state', message: 'That download is already running: wait for it, or cancel it first.' }) });
    const jobs = await call(bridge.core.api['downloads.list'](undefined));
    expect(jobs.map((job) => [job.profileId, job.state])).toEqual([[profileId, 'running']]);
    if (answers.first.ok) await call(bridge.core.api['downloads.cancel']({ jobId: answers.first.value.jobId }));
  });
});

/** What `folder` holds: its one subfolder's name and the files in it, and anything loose beside it. */
function contents(folder: string): { folders: string[]; loose: string[]; files: string[] } {
  const names = readdirSync(folder);
  const folders = names.filter((name) => statSync(join(folder, name)).isDirectory());
  const loose = names.filter((name) => !folders.includes(name));
  const files = folders.length === 1 ? readdirSync(join(folder, folders[0]!)) : [];
  return { folders, loose, files };
}

test('"Download each…" from History puts the files in one new folder named after the job, nothing loose', async ({ page, bridge }) => {
  test.setTimeout(90_000);
  await recordRows(bridge, ['urls']);
  await goTo(page, 'History');
  await page.getByTestId('history-row').first().getByRole('button', { name: /^Show .*URLs$/ }).click();
  const folder = join(bridge.root, 'each-from-history');
  mkdirSync(folder);
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { chooseFolder: [folder] } });
  await page.getByTestId('history-urls').getByRole('button', { name: 'Download each…' }).click();
  const job = page.getByTestId('download-job').first();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  const saved = contents(folder);
  expect(saved.folders).toEqual(['Exported files – Sample backend']);
  expect(saved.loose).toEqual([]);
  expect(saved.files.length).toBeGreaterThan(0);
});

test('"Download each…" on a Downloads card does the same: one folder named after the job', async ({ page, bridge }) => {
  test.setTimeout(90_000);
  await page.getByRole('button', { name: 'Get URLs' }).click();
  const urls = page.getByTestId('download-job').first();
  await expect(urls.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  const folder = join(bridge.root, 'each-from-card');
  mkdirSync(folder);
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { chooseFolder: [folder, folder] } });
  await urls.getByTestId('url-results').getByRole('button', { name: 'Download each…' }).click();
  await expect(page.getByTestId('download-job')).toHaveCount(2);
  const files = page.getByTestId('download-job').first();
  await expect(files.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  const saved = contents(folder);
  expect(saved.folders).toEqual(['Exported files – Sample backend']);
  expect(saved.loose).toEqual([]);
  expect(saved.files.length).toBeGreaterThan(0);

  // Again into the same folder: a second folder beside the first, never files mixed into it.
  const before = saved.files.length;
  await page.getByTestId('download-job').nth(1).getByTestId('url-results').getByRole('button', { name: 'Download each…' }).click();
  await expect(page.getByTestId('download-job')).toHaveCount(3);
  await expect(page.getByTestId('download-job').first().getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  const names = readdirSync(folder).sort();
  expect(names).toHaveLength(2);
  expect(names.every((name) => statSync(join(folder, name)).isDirectory() && name.startsWith('Exported files – Sample backend'))).toBe(true);
  expect(readdirSync(join(folder, 'Exported files – Sample backend'))).toHaveLength(before);
});
