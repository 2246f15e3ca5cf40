import { expect, test } from '../fixtures';
import { goTo, populate, SCREEN_NAMES } from '../screens';

/** The file each screen's picture is saved as, as the README names them. */
const FILES = { Exports: 'exports', Downloads: 'downloads', Inspect: 'inspect', History: 'history', Profiles: 'profiles', Settings: 'settings' } as const;

test.use({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });

test('the README’s screenshots, from a window that has been used a while', async ({ page }) => {
  await populate(page);
  for (const name of SCREEN_NAMES) {
    await goTo(page, name);
    // Nothing in motion: a finished job's card, not a progress bar half-way.
    await expect(page.locator('[role="progressbar"]')).toHaveCount(0);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `docs/screens/${FILES[name]}.png` });
  }
});
