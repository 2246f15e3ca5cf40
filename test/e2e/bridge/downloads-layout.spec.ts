import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { MOD } from '../name-conflict';

/** Where `locator` is, and the part of the scrolling main area one sees. */
async function boxes(page: Page, locator: Locator) {
  const box = await locator.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { top: rect.top, bottom: rect.bottom };
  });
  const view = await page.locator('main').evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { top: rect.top, bottom: rect.bottom };
  });
  return { box, view };
}

for (const [width, height] of [[1280, 800], [800, 600]] as const) {
  test(`at ${width}×${height} the action bar sits on the bottom edge and never covers the pager: Tab to "Next" shows it above the bar`, async ({ page, bridge }) => {
    await page.setViewportSize({ width, height });
    // More than a page of exports, so "Next" can be focused.
    const profileId = (await page.evaluate(() => document.querySelector<HTMLSelectElement>('select[aria-label="Active profile"]')?.value))!;
    const more = Array.from({ length: 30 }, (_, i) => `${bridge.core.sampleBackendUrl!}/sample-exports/more-${i}.pdf`).join('\n');
    expect((await bridge.core.api['tracked.add']({ profileId, text: more })).ok).toBe(true);
    const next = page.getByRole('button', { name: 'Next' });
    await expect(next).toBeEnabled();
    const bar = page.locator('footer.actions');
    // At the top of the list the bar is pinned: on the bottom edge of the window, no rows showing below it.
    const pinned = await boxes(page, bar);
    expect(Math.abs(pinned.box.bottom - pinned.view.bottom), 'the pinned bar meets the bottom edge').toBeLessThanOrEqual(1);
    // Keyboard only: from the filter, Tab past the table to the pager; the browser scrolls each stop into view.
    await page.getByLabel('Filter exports').focus();
    for (let i = 0; i < 60 && !(await next.evaluate((element) => element === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(next).toBeFocused();
    const { box, view } = await boxes(page, next);
    const barBox = (await boxes(page, bar)).box;
    expect(box.bottom, 'the pager ends above the action bar').toBeLessThanOrEqual(barBox.top);
    expect(box.top).toBeGreaterThanOrEqual(view.top);
    // Scrolled to the end, it still ends on the edge.
    expect(Math.abs(barBox.bottom - view.bottom), 'the bar meets the bottom edge').toBeLessThanOrEqual(1);
  });
}

test('at 800×600 a new job card focused from a scrolled Exports screen shows its heading whole', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.getByLabel('Filter exports').fill('readme');
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);
  // Three earlier downloads, so the new card is not alone on a screen that never scrolls.
  for (let i = 0; i < 3; i++) {
    await page.getByLabel('Filter exports').focus();
    await page.keyboard.press(`${MOD}+Enter`);
    await expect(page.getByTestId('download-job')).toHaveCount(i + 1);
    await expect(page.getByTestId('download-job').first().getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Exports' }).click();
  }
  // The Exports screen scrolls in its body, above the docked action bar.
  await page.locator('main, main .dock-body').evaluateAll((elements) => elements.forEach((element) => element.scrollTo(0, element.scrollHeight)));
  await page.getByLabel('Filter exports').focus();
  await page.keyboard.press(`${MOD}+Enter`);
  const job = page.getByTestId('download-job').first();
  await expect(job).toBeFocused();
  const { box, view } = await boxes(page, job.getByRole('heading', { level: 2 }));
  expect(box.top, 'the heading starts inside the window').toBeGreaterThanOrEqual(view.top);
  expect(box.bottom).toBeLessThanOrEqual(view.bottom);
});
