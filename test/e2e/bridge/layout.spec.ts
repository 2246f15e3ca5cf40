import type { Page } from '@playwright/test';
import { expect, openApp, test } from '../fixtures';
import { goTo, populate, SCREEN_NAMES } from '../screens';

/** Shows each screen in both themes, checks nothing spills sideways, and saves a screenshot of each. */
async function shootEveryScreen(page: Page, size: string): Promise<void> {
  for (const name of SCREEN_NAMES) {
    await goTo(page, name);
    const spill = await page.evaluate(() => {
      // main scrolls, or a docked screen's body inside it (the Exports screen, above its action bar).
      const scrollers = [...document.querySelectorAll<HTMLElement>('main, main .dock-body')];
      return { page: document.documentElement.scrollWidth - window.innerWidth, main: Math.max(0, ...scrollers.map((each) => each.scrollWidth - each.clientWidth)) };
    });
    expect(spill, `${name} at ${size} scrolls sideways`).toEqual({ page: 0, main: 0 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `test-results/screens/${name.toLowerCase()}-${size}-${colorScheme}.png` });
    }
  }
}

test('every screen stays usable at 1280×800, 800×600 and 200% zoom, in light and dark', async ({ page, browser, bridge }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await populate(page);
  await shootEveryScreen(page, '1280x800');

  await page.setViewportSize({ width: 800, height: 600 });
  // The sidebar narrows to icons that keep their names for assistive technology and tooltips.
  const nav = page.getByRole('navigation', { name: 'Main' });
  expect((await nav.boundingBox())?.width).toBeLessThan(80);
  await expect(nav.getByRole('button', { name: 'Downloads' })).toHaveAttribute('title', /^Downloads: /);
  await goTo(page, 'Exports');
  expect((await page.getByLabel('Filter exports').boundingBox())?.width).toBeGreaterThan(150);
  await shootEveryScreen(page, '800x600');

  // 200% zoom: a 1280×800 window at twice the scale lays out like 640×400 CSS pixels.
  const zoomed = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  const small = await zoomed.newPage();
  await openApp(small, bridge.openLink());
  await goTo(small, 'Downloads');
  await small.getByTestId('download-job').filter({ hasText: '.zip' }).first().getByRole('button', { name: 'Inspect' }).click();
  await expect(small.getByTestId('archive-entry').first()).toBeVisible();
  expect((await small.getByLabel('Filter entries').boundingBox())?.width).toBeGreaterThan(110);
  await shootEveryScreen(small, 'zoom200');
  await zoomed.close();
});
