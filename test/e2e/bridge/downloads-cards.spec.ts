import type { Page } from '@playwright/test';
import type { Bridge } from '../../bridge/server';
import { expect, test } from '../fixtures';
import { conflictDialog, downloadReadme, saveToDefaultFolder } from '../name-conflict';

/** A call to the real core, unwrapped. */
async function call<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

/** A profile whose base URL the sample backend does not serve (every download fails: not found), tracking `names`. */
async function brokenProfile(bridge: Bridge, names: string[]): Promise<string> {
  const base = bridge.core.sampleBackendUrl!;
  const profile = await call(bridge.core.api['profiles.create']({ name: 'Broken', baseUrl: `${base}/nowhere` }));
  await call(bridge.core.api['tracked.add']({ profileId: profile.id, text: names.map((name) => `${base}/sample-exports/${name}`).join('\n') }));
  return profile.id;
}

/** Starts a zip of every export of `profileId` through the core (the window hears of it as of any job) and waits for its end. */
async function failedZip(bridge: Bridge, profileId: string): Promise<string> {
  const { jobId } = await call(bridge.core.api['downloads.start']({ profileId, scope: { filter: '' }, mode: 'zip', saveTo: 'default' }));
  await expect.poll(async () => (await call(bridge.core.api['downloads.list'](undefined))).find((job) => job.jobId === jobId)?.state, { timeout: 30_000 }).toBe('failed');
  return jobId;
}

/** Presses Tab until `target` has focus (keyboard only; at most 40 presses). */
async function tabTo(page: Page, target: import('@playwright/test').Locator): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

const card = (page: Page, jobId: string) => page.locator(`[data-job-id="${jobId}"]`);

test('a failed card names the exports it covered: the first five labels and "and N more"', async ({ page, bridge }) => {
  const names = ['alpha.pdf', 'beta.pdf', 'gamma.pdf', 'delta.pdf', 'epsilon.pdf', 'zeta.pdf', 'eta.pdf'];
  const jobId = await failedZip(bridge, await brokenProfile(bridge, names));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Downloads' }).click();
  await expect(card(page, jobId).getByTestId('job-state')).toHaveText('Failed');
  await expect(card(page, jobId).getByTestId('job-covered')).toHaveText('Covered alpha.pdf, beta.pdf, gamma.pdf, delta.pdf, epsilon.pdf and 2 more.');
});

test('a cancelled card names what it covered too', async ({ page, bridge }) => {
  await saveToDefaultFolder(bridge);
  const first = await downloadReadme(page, bridge);
  await expect(first.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await downloadReadme(page, bridge);
  await expect(conflictDialog(page)).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape'); // Cancel download
  const cancelled = page.getByTestId('download-job').first();
  await expect(cancelled.getByTestId('job-state')).toHaveText('Cancelled');
  await expect(cancelled.getByTestId('job-covered')).toHaveText(/^Covered \S*readme\S* ?\.$/i);
});

test('an older card forgets a file a later download replaced: no Show in folder or Inspect, "Replaced by a later download"', async ({ page, bridge }) => {
  await saveToDefaultFolder(bridge);
  await call(bridge.core.api['settings.set']({ nameConflict: 'replace' }));
  const older = await downloadReadme(page, bridge);
  await expect(older.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  const olderId = (await older.getAttribute('data-job-id'))!;
  await expect(card(page, olderId).getByRole('button', { name: 'Show in folder' })).toBeVisible();
  const newer = await downloadReadme(page, bridge);
  await expect(newer.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(newer.getByRole('button', { name: 'Inspect' })).toBeVisible();
  await expect(card(page, olderId).getByTestId('replaced')).toHaveText('Replaced by a later download');
  await expect(card(page, olderId).getByRole('button', { name: 'Show in folder' })).toHaveCount(0);
  await expect(card(page, olderId).getByRole('button', { name: 'Inspect' })).toHaveCount(0);
  // After a reload too: main's list carries it.
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Downloads' }).click();
  await expect(card(page, olderId).getByTestId('replaced')).toBeVisible();
});

test('keyboard only: × removes one card and focus goes to the next; Retry all failed; Clear finished keeps failures unless asked', async ({ page, bridge }) => {
  const broken = await brokenProfile(bridge, ['alpha.pdf']);
  const failed = await failedZip(bridge, broken);
  const sample = (await call(bridge.core.api['profiles.list'](undefined))).find((profile) => profile.builtIn)!.id;
  const done: string[] = [];
  for (const filter of ['report-q1', 'report-q2']) {
    const { jobId } = await call(bridge.core.api['downloads.start']({ profileId: sample, scope: { filter }, mode: 'urls' }));
    done.push(jobId);
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Downloads' }).click();
  // Newest first: report-q2, report-q1, the failure.
  const cards = page.getByTestId('download-job');
  await expect(cards).toHaveCount(3);
  await expect(card(page, done[1]!).getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await expect(card(page, done[0]!).getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });

  await page.getByRole('heading', { level: 1, name: 'Downloads' }).focus();
  await tabTo(page, card(page, done[1]!).getByRole('button', { name: /^Remove from the list/ }));
  await page.keyboard.press('Enter');
  await expect(cards).toHaveCount(2);
  await expect(card(page, done[0]!)).toBeFocused();

  // Retry all failed: a new job for the failure, focused (it fails again: the profile is still broken).
  await tabTo(page, page.getByRole('button', { name: 'Retry all failed' }));
  await page.keyboard.press('Enter');
  await expect(cards).toHaveCount(3);
  const retried = cards.first();
  await expect(retried).toBeFocused();
  await expect(retried.getByTestId('job-state')).toHaveText('Failed', { timeout: 30_000 });
  await expect(retried).toContainText('Broken');

  // Clear finished: the succeeded one goes, both failures stay.
  await tabTo(page, page.getByRole('button', { name: 'Clear finished' }));
  await page.keyboard.press('Enter');
  await expect(cards).toHaveCount(2);
  await expect(card(page, failed)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Clear finished' })).toBeDisabled();
  // Clear failed too: the list is empty, focus on the heading.
  await tabTo(page, page.getByRole('button', { name: 'Clear failed too' }));
  await page.keyboard.press('Enter');
  await expect(cards).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Downloads' })).toBeFocused();
  expect(await call(bridge.core.api['downloads.list'](undefined))).toEqual([]);

  // The last card removed: focus goes to the heading.
  const { jobId } = await call(bridge.core.api['downloads.start']({ profileId: sample, scope: { filter: 'report-q3' }, mode: 'urls' }));
  await expect(card(page, jobId).getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await tabTo(page, card(page, jobId).getByRole('button', { name: /^Remove from the list/ }));
  await page.keyboard.press('Enter');
  await expect(cards).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Downloads' })).toBeFocused();
});
