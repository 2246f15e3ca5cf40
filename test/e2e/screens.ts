import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** The screens a user visits, by their sidebar names, in sidebar order. */
export const SCREEN_NAMES = ['Exports', 'Downloads', 'Inspect', 'History', 'Profiles', 'Settings'] as const;

/** One screen's sidebar name. */
export type ScreenName = (typeof SCREEN_NAMES)[number];

/** Shows a screen through the sidebar and waits for its heading. */
export async function goTo(page: Page, name: ScreenName): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${name}`) })).toBeVisible();
}

/**
 * Fills every screen with what a user sees after a while: a finished zip and URL download,
 * the zip open in the inspector, history rows. Ends on the Exports screen.
 */
export async function populate(page: Page): Promise<void> {
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  await page.getByRole('button', { name: 'Get URLs' }).click();
  await expect(page.getByTestId('download-job').first().getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await goTo(page, 'Exports');
  await page.getByRole('button', { name: /^Download zip/ }).click();
  const zip = page.getByTestId('download-job').first();
  await expect(zip.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await zip.getByRole('button', { name: 'Inspect' }).click();
  await expect(page.getByTestId('archive-entry').first()).toBeVisible();
  await goTo(page, 'Exports');
}
