import type { Page } from '@playwright/test';
import { expect, openApp, test } from '../fixtures';

/** What covers what at one scroll position: the rows and the pager the person can see that the action bar overlaps. */
interface Overlap {
  at: string;
  covered: string[];
  pagerShown: boolean;
}

/**
 * Scrolls the area that holds the exports' table through several positions, and at each says
 * which visible rows (and whether the pager) the action bar's box overlaps. A box is visible
 * where it meets the part of its scrolling area inside the window, and only that part counts.
 */
function overlapsWhileScrolling(page: Page): Promise<Overlap[]> {
  return page.evaluate(async () => {
    const table = document.querySelector('table')!;
    let scroller: HTMLElement | null = table.parentElement;
    while (scroller && !(/(auto|scroll)/.test(getComputedStyle(scroller).overflowY) && scroller.scrollHeight > scroller.clientHeight)) scroller = scroller.parentElement;
    if (!scroller) throw new Error('Nothing scrolls: the test needs a list longer than the window.');
    const bar = document.querySelector('footer.actions')!;
    const pager = document.querySelector('nav[aria-label="Pages of exports"]')!;
    type Box = { top: number; bottom: number; left: number; right: number };
    const meet = (a: Box, b: Box) => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5 && Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5;
    // The part of a box one sees: what its scrolling area clips away is not covered by anything.
    const clip = (a: Box, b: Box): Box => ({ top: Math.max(a.top, b.top), bottom: Math.min(a.bottom, b.bottom), left: Math.max(a.left, b.left), right: Math.min(a.right, b.right) });
    const found: Array<{ at: string; covered: string[]; pagerShown: boolean }> = [];
    const end = scroller.scrollHeight - scroller.clientHeight;
    for (const fraction of [0, 0.2, 0.37, 0.5, 0.63, 0.8, 0.95, 1]) {
      scroller.scrollTop = Math.round(end * fraction);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const port = scroller.getBoundingClientRect();
      const view = { top: Math.max(port.top, 0), bottom: Math.min(port.bottom, window.innerHeight), left: Math.max(port.left, 0), right: Math.min(port.right, window.innerWidth) };
      const barBox = bar.getBoundingClientRect();
      const covered: string[] = [];
      for (const row of document.querySelectorAll<HTMLTableRowElement>('[data-testid="tracked-row"]')) {
        const box = row.getBoundingClientRect();
        if (meet(box, view) && meet(clip(box, view), barBox)) covered.push(`row ${row.rowIndex}`);
      }
      const pagerBox = pager.getBoundingClientRect();
      if (meet(pagerBox, view) && meet(clip(pagerBox, view), barBox)) covered.push('the pager');
      // Scrolled to the end, the pager shows whole, above the bar.
      const pagerShown = pagerBox.top >= view.top - 0.5 && pagerBox.bottom <= Math.min(view.bottom, barBox.top) + 0.5;
      found.push({ at: `${Math.round(fraction * 100)}%`, covered, pagerShown });
    }
    return found;
  });
}

/** Selects two rows (so the selection bar shows too), then checks every scroll position. */
async function expectNothingCovered(page: Page, size: string): Promise<void> {
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  await page.getByTestId('tracked-row').nth(0).getByRole('checkbox').check();
  await page.getByTestId('tracked-row').nth(3).getByRole('checkbox').check();
  await expect(page.getByTestId('selection-text')).toHaveText('2 exports selected');
  const positions = await overlapsWhileScrolling(page);
  for (const { at, covered } of positions) expect(covered, `at ${size}, scrolled ${at}, the action bar covers`).toEqual([]);
  expect(positions.at(-1)?.pagerShown, `at ${size}, scrolled to the end, the pager shows whole above the bar`).toBe(true);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `test-results/screens/action-bar-${size}-${colorScheme}.png` });
  }
}

test.beforeEach(async ({ page, bridge }) => {
  // A full page of rows and more, so the pager has somewhere to go and the list scrolls.
  const profileId = (await page.evaluate(() => document.querySelector<HTMLSelectElement>('select[aria-label="Active profile"]')?.value))!;
  const more = Array.from({ length: 40 }, (_, i) => `${bridge.core.sampleBackendUrl!}/sample-exports/more-${i}.pdf`).join('\n');
  expect((await bridge.core.api['tracked.add']({ profileId, text: more })).ok).toBe(true);
});

for (const [width, height] of [[1280, 800], [800, 600]] as const) {
  test(`at ${width}×${height} the action bar covers no row and not the pager, at any scroll position`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await expectNothingCovered(page, `${width}x${height}`);
  });
}

test('at 200% zoom the action bar covers no row and not the pager, at any scroll position', async ({ browser, bridge }) => {
  // A 1280×800 window at twice the scale lays out like 640×400 CSS pixels.
  const zoomed = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  const page = await zoomed.newPage();
  await openApp(page, bridge.openLink());
  await expectNothingCovered(page, 'zoom200');
  await zoomed.close();
});
