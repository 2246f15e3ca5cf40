import type { Page } from '@playwright/test';
import { expect, openApp, test } from '../fixtures';
import { recordRows } from '../history-rows';
import { goTo } from '../screens';

/** Nothing on the History screen scrolls sideways, and every row's buttons are on screen at a sensible height. */
async function expectHistoryFits(page: Page, size: string): Promise<void> {
  await goTo(page, 'History');
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(4);
  const spill = await page.evaluate(() => {
    const main = document.querySelector('main')!;
    const wrap = document.querySelector('.table-wrap');
    return {
      page: document.documentElement.scrollWidth - window.innerWidth,
      main: main.scrollWidth - main.clientWidth,
      table: wrap ? wrap.scrollWidth - wrap.clientWidth : 0,
    };
  });
  expect(spill, `History at ${size} scrolls sideways`).toEqual({ page: 0, main: 0, table: 0 });

  const viewport = page.viewportSize()!;
  for (let index = 0; index < 4; index++) {
    const row = rows.nth(index);
    await row.scrollIntoViewIfNeeded();
    const box = (await row.boundingBox())!;
    // Two short lines at most: the file's path never stacks the buttons one per line.
    expect(box.height, `row ${index + 1} at ${size}`).toBeLessThanOrEqual(96);
    const buttons = row.getByRole('button');
    for (let b = 0; b < (await buttons.count()); b++) {
      const button = (await buttons.nth(b).boundingBox())!;
      expect(button.x, `button ${b + 1} of row ${index + 1} at ${size}`).toBeGreaterThanOrEqual(0);
      expect(button.x + button.width, `button ${b + 1} of row ${index + 1} at ${size}`).toBeLessThanOrEqual(viewport.width);
    }
  }
  // A failed job without a file says why in words, where its file would be.
  await expect(rows.filter({ hasText: 'Failed' }).getByTestId('history-why')).toHaveText(/^The (connection to the backend failed|backend could not be reached)$/);
  await page.screenshot({ path: `test-results/screens/history-${size}.png` });
  // A finished zip's row keeps every action.
  const zip = rows.filter({ hasText: 'Zip' }).filter({ hasText: 'Done' }).first();
  for (const name of ['Re-run', 'Reveal', 'Inspect', 'Remove from history']) await expect(zip.getByRole('button', { name, exact: true })).toBeInViewport();
}

test('History fits 800×600 and 200% zoom: no sideways scrolling, every action on screen, rows two lines high', async ({ page, browser, bridge }) => {
  test.setTimeout(120_000);
  await recordRows(bridge, ['failed', 'cancelled', 'urls', 'zip']);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectHistoryFits(page, '1280x800');
  await page.setViewportSize({ width: 800, height: 600 });
  await expectHistoryFits(page, '800x600');

  // 200% zoom: a 1280×800 window at twice the scale lays out like 640×400 CSS pixels.
  const zoomed = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  const small = await zoomed.newPage();
  await openApp(small, bridge.openLink());
  await expectHistoryFits(small, 'zoom200');
  await zoomed.close();
});
