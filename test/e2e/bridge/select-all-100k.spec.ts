import type { Page } from '@playwright/test';
import { value } from '../../helpers/result-value';
import { expect, test } from '../fixtures';

/** Tracked on top of the sample's 36: the size of list the window must stay quick with. */
const MANY = 100_000;
const TOTAL = (MANY + 36).toLocaleString('en-US');

/** Every call the page makes to main, by method, with the size of what it sent. */
function recordCalls(page: Page): Array<{ method: string; bytes: number; body: string }> {
  const calls: Array<{ method: string; bytes: number; body: string }> = [];
  page.on('request', (request) => {
    const match = /\/__bridge\/call\/([^/?]+)/.exec(request.url());
    if (!match) return;
    const body = request.postData() ?? '';
    calls.push({ method: decodeURIComponent(match[1]!), bytes: body.length, body });
  });
  return calls;
}

/**
 * Clicks `selector` in the page and resolves to the milliseconds until `testId`'s text starts
 * with `text` (measured in the page: the renderer's work and its calls to main, nothing of
 * Playwright's); Infinity when it has not after 30 s.
 */
function timeUntilText(page: Page, selector: string, testId: string, text: string): Promise<number> {
  return page.evaluate(
    ({ selector, testId, text }) =>
      new Promise<number>((resolve) => {
        const done = () => document.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim().startsWith(text) === true;
        const started = performance.now();
        setTimeout(() => resolve(Infinity), 30_000);
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          resolve(performance.now() - started);
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        document.querySelector<HTMLElement>(selector)!.click();
      }),
    { selector, testId, text },
  );
}

test(`"Select all" of ${TOTAL} exports is instant and downloads by the filter, not by ${MANY.toLocaleString('en-US')} ids`, async ({ page, bridge }) => {
  test.setTimeout(180_000);
  const profileId = (await value(bridge.core.api['profiles.list'](undefined))).find((profile) => profile.builtIn)!.id;
  const text = Array.from({ length: MANY }, (_, i) => `https://cdn.example.com/bulk/${i}.pdf`).join('\n');
  expect((await value(bridge.core.api['tracked.add']({ profileId, text }))).added).toBe(MANY);
  await page.reload();
  await expect(page.getByTestId('scope')).toHaveText(`All ${TOTAL} exports`, { timeout: 30_000 });
  const calls = recordCalls(page);

  await page.getByRole('checkbox', { name: 'Select this page' }).check();
  await expect(page.getByTestId('select-all-matching')).toHaveText(`Select all ${TOTAL} exports`);
  const took = await timeUntilText(page, '[data-testid="select-all-matching"]', 'scope', `${TOTAL} exports selected`);
  console.log(`Select all ${TOTAL}: ${took.toFixed(0)} ms until the footer said so`);
  expect.soft(took, 'selecting every export takes the renderer well under a second').toBeLessThan(300);
  await expect(page.getByTestId('selection-text')).toHaveText(`${TOTAL} exports selected (${(MANY + 36 - 50).toLocaleString('en-US')} on other pages)`);
  // Every row on the page shows selected; no call carried the ids.
  await expect(page.getByTestId('tracked-row').getByRole('checkbox', { checked: true })).toHaveCount(50);
  expect.soft(calls.filter((call) => call.bytes > 10_000).map((call) => `${call.method}: ${call.bytes} bytes`)).toEqual([]);

  // The download names the filter (all of them): main resolves it.
  await page.getByRole('button', { name: 'Download zip', exact: true }).click();
  const job = page.getByTestId('download-job').first();
  await expect(job).toContainText(`${TOTAL} exports`, { timeout: 30_000 });
  const start = calls.find((call) => call.method === 'downloads.start');
  expect(start, 'a download was started').toBeDefined();
  expect((JSON.parse(start!.body) as { payload: { scope: unknown } }).payload.scope).toEqual({ filter: '' });
  expect.soft(calls.filter((call) => call.bytes > 10_000).map((call) => `${call.method}: ${call.bytes} bytes`)).toEqual([]);
  await expect(job.getByTestId('job-state')).not.toHaveText(/Starting|Downloading|Waiting/, { timeout: 60_000 });
});
