import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Bridge } from '../../bridge/server';
import { writeZip } from '../../helpers/zip-fixtures';
import { expect, test } from '../fixtures';

const LONG_NAME = `reports/${'quarterly-figures-'.repeat(8)}final.pdf`;

/** Opens a zip of a folder, four files (one with a long name) and one entry that would write outside the folder. */
async function openSampleZip(page: Page, bridge: Bridge): Promise<void> {
  const zip = join(bridge.root, 'mixed.zip');
  writeZip(zip, [
    { name: 'reports/', data: Buffer.alloc(0) },
    { name: LONG_NAME, data: Buffer.from('long') },
    { name: 'reports/summary.txt', data: Buffer.from('summary') },
    { name: 'notes.txt', data: Buffer.from('notes') },
    { name: 'cover.png', data: Buffer.from('png') },
    { name: '../outside.txt', data: Buffer.from('escape') },
  ]);
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { openFiles: [[zip]] } });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Inspect' }).click();
  await page.getByRole('button', { name: 'Open zip…' }).click();
  await expect(page.getByTestId('archive-entry')).toHaveCount(6);
}

test('the header checkbox selects every matching file, never a folder or an unsafe entry', async ({ page, bridge }) => {
  await openSampleZip(page, bridge);
  const all = page.getByRole('checkbox', { name: 'Select every matching file' });
  const extractSelected = page.getByRole('button', { name: /^Extract selected/ });
  await all.check();
  await expect(extractSelected).toHaveText('Extract selected (4)…');
  await expect(page.getByRole('checkbox', { name: 'Select ../outside.txt' })).not.toBeChecked();
  await all.uncheck();
  await expect(extractSelected).toHaveText('Extract selected (0)…');

  // With a filter: only what it matches; the header shows "some" once the filter widens again.
  await page.getByLabel('Filter entries').fill('.txt');
  await all.check();
  await expect(extractSelected).toHaveText('Extract selected (2)…');
  await page.getByLabel('Filter entries').fill('');
  await expect(all).not.toBeChecked();
  expect(await all.evaluate((box) => (box as HTMLInputElement).indeterminate)).toBe(true);
});

test('while filtering, the screen says how many entries match of how many', async ({ page, bridge }) => {
  await openSampleZip(page, bridge);
  const matches = page.getByTestId('archive-matches');
  await expect(matches).toHaveText('');
  await page.getByLabel('Filter entries').fill('.txt');
  await expect(matches).toHaveText('3 of 6 match');
  await expect(matches).toHaveAttribute('role', 'status');
  await page.getByLabel('Filter entries').fill('nothing-like-it');
  await expect(matches).toHaveText('0 of 6 match');
});

test('a long name is cut in the middle: its extension stays in sight, and the whole name shows on hover', async ({ page, bridge }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await openSampleZip(page, bridge);
  const cell = page.getByTestId('archive-entry').filter({ hasText: 'final.pdf' }).locator('td.name');
  await expect(cell.locator('bdi').first()).toHaveAttribute('title', LONG_NAME);
  // The end of the name is drawn inside its cell, not clipped away behind an ellipsis.
  const ends = await cell.evaluate((td) => {
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    let last: Text | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.textContent?.includes('.pdf')) last = node as Text;
    const range = document.createRange();
    const at = last!.textContent!.lastIndexOf('.pdf');
    range.setStart(last!, at);
    range.setEnd(last!, at + 4);
    return { text: range.getBoundingClientRect().right, cell: td.getBoundingClientRect().right };
  });
  expect(ends.text).toBeLessThanOrEqual(ends.cell);
});
