import type { Locator, Page } from '@playwright/test';
import type { Bridge } from '../bridge/server';
import { expect } from './fixtures';

/** Control on Linux and Windows, Meta on macOS: the app's shortcut modifier. */
export const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

/** The name the sample backend gives every zip. */
export const SAMPLE_ZIP = 'Canvas exports – sample.zip';

/** What a folder holds after these zips were saved: each with its manifest beside it (written by default), sorted. */
export function withManifests(zips: string[]): string[] {
  return zips.flatMap((zip) => [zip, zip.replace(/\.zip$/, '.manifest.json')]).sort();
}

/** Zips go to the default folder without the save dialog, where a taken name asks in the window. */
export async function saveToDefaultFolder(bridge: Bridge): Promise<void> {
  const result = await bridge.core.api['settings.set']({ saveMode: 'default-folder' });
  expect(result.ok).toBe(true);
}

/** Downloads the one export matching "readme" with the keyboard (Ctrl+F, Ctrl+Enter); returns the new job's card. */
export async function downloadReadme(page: Page, bridge: Bridge): Promise<Locator> {
  const jobs = async () => {
    const listed = await bridge.core.api['downloads.list'](undefined);
    return listed.ok ? listed.value.length : -1;
  };
  const before = await jobs();
  await page.keyboard.press(`${MOD}+F`);
  await expect(page.getByLabel('Filter exports')).toBeFocused();
  await page.keyboard.press(`${MOD}+A`);
  await page.keyboard.type('readme');
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);
  await page.keyboard.press(`${MOD}+Enter`);
  await expect.poll(jobs).toBe(before + 1);
  await expect(page.getByRole('heading', { level: 1, name: 'Downloads' })).toBeVisible();
  return page.getByTestId('download-job').first();
}

/** The question a download asks about a taken name. */
export function conflictDialog(page: Page): Locator {
  return page.getByRole('alertdialog', { name: /already exists/ });
}

/** Downloads the same zip twice into the default folder, so the second asks; resolves with the dialog open. */
export async function openConflictDialog(page: Page, bridge: Bridge): Promise<Locator> {
  await saveToDefaultFolder(bridge);
  await expect(page.getByTestId('tracked-row').first()).toBeVisible();
  const first = await downloadReadme(page, bridge);
  await expect(first.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await downloadReadme(page, bridge);
  const dialog = conflictDialog(page);
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  return dialog;
}
