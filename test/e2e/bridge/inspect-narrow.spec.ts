import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Bridge } from '../../bridge/server';
import { writeZip } from '../../helpers/zip-fixtures';
import { expect, openApp, test } from '../fixtures';

const STUB = Buffer.from('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>\n');
const LONG_FOLDERS = `exports/${'quarterly-figures-for-the-board/'.repeat(4)}appendix-with-every-table-of-the-year-final-v3.pdf`;
const ONE_LONG_WORD = `${'x'.repeat(180)}.png`;

/** A zip whose entries make a table wide: long paths, one long unbroken word, a duplicate name, a flagged entry. */
function wideZip(bridge: Bridge): string {
  const zip = join(bridge.root, 'wide.zip');
  writeZip(zip, [
    { name: 'exports/', data: Buffer.alloc(0) },
    { name: LONG_FOLDERS, data: Buffer.alloc(300_000, 1) },
    { name: ONE_LONG_WORD, data: Buffer.from('png') },
    { name: 'pages/cover-page-with-a-rather-long-title.png', data: STUB },
    { name: 'notes.txt', data: Buffer.from('one') },
    { name: 'notes.txt', data: Buffer.from('two') },
  ]);
  return zip;
}

/** Opens `zip` on the Inspect screen through the open dialog. */
async function inspect(page: Page, bridge: Bridge, zip: string): Promise<void> {
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { openFiles: [[zip]] } });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Inspect' }).click();
  await page.getByRole('button', { name: 'Open zip…' }).click();
  await expect(page.getByTestId('archive-entry')).toHaveCount(6);
}

/** How far the page, main and the entries' table's scrolling wrapper reach past their width (0: no sideways scroll). */
function sidewaysSpill(page: Page) {
  return page.evaluate(() => {
    const over = (element: Element | null) => (element ? element.scrollWidth - element.clientWidth : -1);
    const wrap = document.querySelector('[data-testid="archive-entry"]')?.closest('.table-wrap') ?? null;
    return { page: document.documentElement.scrollWidth - window.innerWidth, main: over(document.querySelector('main')), table: over(wrap) };
  });
}

/**
 * The entries whose last four characters (".pdf", ".png", ".txt") do not show whole: their box
 * reaches past an ancestor in the name's cell that clips (an ellipsis cut, or the cell's edge).
 */
function extensionsCut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    for (const name of document.querySelectorAll<HTMLElement>('[data-testid="archive-entry"] td.name .middle')) {
      const text = name.textContent ?? '';
      if (text.endsWith('/')) continue;
      const range = document.createRange();
      const last = [...name.querySelectorAll('span')].at(-1)!.firstChild!;
      range.setStart(last, Math.max(0, (last.textContent ?? '').length - 4));
      range.setEnd(last, (last.textContent ?? '').length);
      const shown = range.getBoundingClientRect();
      for (let box: HTMLElement | null = last.parentElement; box && !box.matches('td'); box = box.parentElement) {
        if (getComputedStyle(box).overflowX === 'visible') continue;
        const edge = box.getBoundingClientRect();
        if (shown.right > edge.right + 0.5 || shown.left < edge.left - 0.5) {
          cut.push(text);
          break;
        }
      }
    }
    return cut;
  });
}

/** No sideways scroll anywhere, each name cut in the middle with its extension showing, Open in the window; light and dark. */
async function expectFits(page: Page, size: string): Promise<void> {
  const spill = await sidewaysSpill(page);
  expect(spill.table, 'the entries’ table is on the page').toBeGreaterThanOrEqual(0);
  expect({ page: Math.max(0, spill.page), main: Math.max(0, spill.main), table: Math.max(0, spill.table) }, `Inspect at ${size} scrolls sideways`).toEqual({ page: 0, main: 0, table: 0 });
  const long = page.getByTestId('archive-entry').filter({ has: page.getByRole('checkbox', { name: `Select ${LONG_FOLDERS}` }) });
  // Cut in the middle: the whole name is its title, and the end of each name (its extension) shows.
  await expect(long.locator('[title]').filter({ hasText: 'final-v3.pdf' }).first()).toHaveAttribute('title', LONG_FOLDERS);
  expect(await extensionsCut(page), `at ${size} names whose extension is cut off`).toEqual([]);
  const width = page.viewportSize()!.width;
  for (const row of await page.getByTestId('archive-entry').all()) {
    const open = row.getByRole('button', { name: /^Open / });
    if ((await open.count()) === 0) continue;
    const box = (await open.boundingBox())!;
    expect(box.x + box.width, `Open at ${size} leaves the window`).toBeLessThanOrEqual(width);
  }
  // main scrolls, not the page: the picture shows the table from its header down.
  await page.locator('main').evaluate((main) => main.scrollTo(0, main.querySelector('.table-wrap')!.getBoundingClientRect().top - main.getBoundingClientRect().top + main.scrollTop - 8));
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `test-results/screens/inspect-narrow-${size}-${colorScheme}.png` });
  }
}

test('at 800×600 the entries’ table fits: no sideways scroll of the page or the table', async ({ page, bridge }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await inspect(page, bridge, wideZip(bridge));
  await expectFits(page, '800x600');
});

test('at 200% zoom of 1280×800 the entries’ table fits: no sideways scroll of the page or the table', async ({ browser, bridge }) => {
  // A 1280×800 window at twice the scale lays out like 640×400 CSS pixels.
  const zoomed = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  const page = await zoomed.newPage();
  await openApp(page, bridge.openLink());
  await inspect(page, bridge, wideZip(bridge));
  await expectFits(page, 'zoom200');
  await zoomed.close();
});
