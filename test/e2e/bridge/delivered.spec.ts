import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from '../fixtures';
import { goTo } from '../screens';

/** Waits for the newest download card to say it is done, then goes back to the Exports screen. */
async function doneThenBack(page: Page): Promise<void> {
  await expect(page.getByTestId('download-job').first().getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await goTo(page, 'Exports');
}

/** The Delivered cell of the row whose URL ends with `name`. */
function deliveredOf(page: Page, name: string) {
  return page.getByTestId('tracked-row').filter({ hasText: name }).getByTestId('delivery');
}

test('the Delivered column, "Not delivered yet" and Download new, with the keyboard', async ({ page, bridge }) => {
  const total = await page.getByTestId('tracked-row').count();
  await expect(page.getByRole('columnheader', { name: 'Delivered' })).toBeVisible();
  await expect(deliveredOf(page, 'report-q1.pdf')).toHaveText('Not yet');
  const downloadNew = page.getByRole('button', { name: /^Download new/ });
  await expect(downloadNew).toHaveText('Download new (36)');

  // A zip of the four quarterly reports: each one shows when, and that a verified zip knows it.
  await page.getByLabel('Filter exports').fill('report-q');
  await page.getByRole('button', { name: /^Download zip/ }).click();
  await doneThenBack(page);
  await page.getByLabel('Filter exports').fill('');
  const report = deliveredOf(page, 'report-q1.pdf');
  await expect(report).toContainText('· zip');
  await expect(report).toHaveAttribute('title', /^Delivered .* in a verified zip that held every export asked of it: .*Canvas exports – sample\.zip$/);
  await expect(deliveredOf(page, 'photo-01.jpg')).toHaveText('Not yet');
  await expect(downloadNew).toHaveText('Download new (32)');

  // "Not delivered yet", from the keyboard: the reports leave the list, the footer says what is left.
  const undelivered = page.getByRole('checkbox', { name: 'Not delivered yet' });
  await page.getByLabel('Filter exports').focus();
  await page.keyboard.press('Tab');
  await expect(undelivered).toBeFocused();
  await page.keyboard.press('Space');
  await expect(undelivered).toBeChecked();
  await expect(page.getByTestId('scope')).toHaveText('32 exports not delivered yet');
  await expect(page.getByTestId('tracked-row').filter({ hasText: 'report-q' })).toHaveCount(0);

  // Download new, from the keyboard: one job of the 32, and then nothing is new.
  await downloadNew.focus();
  await page.keyboard.press('Enter');
  const job = page.getByTestId('download-job').first();
  await expect(job).toBeFocused();
  await expect(job).toContainText('32 exports');
  await doneThenBack(page);
  await expect(downloadNew).toBeDisabled();
  await expect(downloadNew).toHaveText('Download new');
  await expect(page.getByTestId('nothing-new')).toHaveText('Nothing new');
  await expect(downloadNew).toHaveAccessibleDescription('Nothing new');
  await expect(page.getByTestId('no-match')).toContainText('Every export was delivered since it was added.');
  await expect(page.getByTestId('scope')).toHaveText('Every export was delivered since it was added');
  const history = await bridge.core.api['history.list']({ offset: 0, limit: 10 });
  expect(history.ok && history.value.items.map((item) => item.itemCount)).toEqual([32, 4]);

  // A URL the backend does not know, asked for in URL mode beside a known one: it shows "Skipped", with the backend's reason.
  await page.getByLabel('Add exports').fill(`${bridge.core.sampleBackendUrl}/sample-exports/export-1.json.gone`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(downloadNew).toHaveText('Download new (1)');
  await expect(page.getByTestId('scope')).toHaveText('1 export not delivered yet');
  // "Not delivered yet" off again from the keyboard; the filter then names the known export and the unknown one.
  await undelivered.focus();
  await page.keyboard.press('Space');
  await expect(undelivered).not.toBeChecked();
  await page.getByLabel('Filter exports').fill('export-1.json');
  await expect(page.getByTestId('tracked-row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Get URLs' }).click();
  await doneThenBack(page);
  const skipped = deliveredOf(page, 'export-1.json.gone');
  await expect(skipped).toHaveText('Skipped: Export not found'); // the reason is there for screen readers, hidden on screen
  await expect(skipped).toHaveAttribute('title', /^Skipped .*: Export not found$/);
  await expect(skipped).toBeVisible();
  await expect(skipped.locator('.visually-hidden')).toHaveText(': Export not found');
  // The known one was delivered twice; its last delivery is URL mode's.
  const known = page.getByTestId('tracked-row').filter({ hasNotText: '.gone' }).getByTestId('delivery');
  await expect(known).toContainText('· URL');
  await expect(known).toHaveAttribute('title', /listed by URL mode: http:\/\/127\.0\.0\.1:\d+\/api\/files\/data\/export-1\.json$/);
  // Still not delivered: Download new would take it.
  await expect(downloadNew).toHaveText('Download new (1)');
  // A skipped, a delivered-by-URL and a zip row, and the footer: nothing axe finds, in either theme.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${colorScheme}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  await page.getByLabel('Filter exports').fill('');
  await expect(page.getByTestId('scope')).toHaveText(`All ${total + 1} exports`);
});

test('the Delivered column and Download new fit at 800×600 and at 200% zoom, in light and dark', async ({ page, browser, bridge }) => {
  await page.getByLabel('Filter exports').fill('report-q');
  await page.getByRole('button', { name: /^Download zip/ }).click();
  await doneThenBack(page);
  await page.getByLabel('Filter exports').fill('');

  const check = async (view: Page, size: string) => {
    await expect(view.getByRole('columnheader', { name: 'Delivered' })).toBeVisible();
    const spill = await view.evaluate(() => {
      // main scrolls, or a docked screen's body inside it (the Exports screen, above its action bar).
      const scrollers = [...document.querySelectorAll<HTMLElement>('main, main .dock-body')];
      return { page: document.documentElement.scrollWidth - window.innerWidth, main: Math.max(0, ...scrollers.map((each) => each.scrollWidth - each.clientWidth)) };
    });
    expect(spill, `the Exports screen at ${size} scrolls sideways`).toEqual({ page: 0, main: 0 });
    // The cell shows its date and proof whole, inside the table.
    const cell = deliveredOf(view, 'report-q1.pdf');
    await cell.scrollIntoViewIfNeeded();
    const fits = await cell.evaluate((element) => {
      const td = element.closest('td')!;
      return td.scrollWidth <= td.clientWidth + 1 && td.getBoundingClientRect().right <= (td.closest('.table-wrap')!.getBoundingClientRect().right + 1);
    });
    expect(fits, `the Delivered cell at ${size} is cut`).toBe(true);
    for (const button of [/^Download new/, /^Download zip/]) {
      const box = await view.getByRole('button', { name: button }).boundingBox();
      expect(box && box.x + box.width <= (view.viewportSize()?.width ?? 0), `${button} at ${size} leaves the window`).toBe(true);
    }
    await view.getByRole('checkbox', { name: 'Not delivered yet' }).scrollIntoViewIfNeeded();
    await expect(view.getByRole('checkbox', { name: 'Not delivered yet' })).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await view.emulateMedia({ colorScheme });
      await view.screenshot({ path: `test-results/screens/delivered-${size}-${colorScheme}.png` });
    }
  };

  await page.setViewportSize({ width: 800, height: 600 });
  await check(page, '800x600');

  // 200% zoom: a 1280×800 window at twice the scale lays out like 640×400 CSS pixels.
  const zoomed = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  const small = await zoomed.newPage();
  await openApp(small, bridge.openLink());
  await expect(small.getByTestId('tracked-row').first()).toBeVisible();
  await check(small, 'zoom200');
  await zoomed.close();
});
