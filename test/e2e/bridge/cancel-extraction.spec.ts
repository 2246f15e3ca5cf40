import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../fixtures';
import { writeZip } from '../../helpers/zip-fixtures';

test('an extraction shows its progress in entries, and Cancel stops it with a report of what was written', async ({ page, bridge }) => {
  // Many small entries, then large stored ones: long enough to cancel mid-way on any machine.
  // Files are created fast on an idle machine: 20,000, then 60,000 were all written before the
  // test could press Cancel. Near the 100,000-entry limit, and Cancel pressed first, checked after.
  const SMALL = 99_000;
  const TOTAL = (SMALL + 8).toLocaleString('en-US');
  const zip = join(bridge.root, 'many.zip');
  writeZip(zip, [
    ...Array.from({ length: SMALL }, (_, i) => ({ name: `part-${i % 10}/item-${i}.txt`, data: Buffer.from(`item ${i} `.repeat(30)), deflate: true })),
    ...Array.from({ length: 8 }, (_, i) => ({ name: `large-${i}.bin`, data: Buffer.alloc(16 * 1024 * 1024, i) })),
  ]);
  const folder = join(bridge.root, 'out');
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { openFiles: [[zip]], chooseFolder: [folder] } });
  await page.getByRole('button', { name: /Inspect/ }).first().click();
  await page.getByRole('button', { name: /Open zip/ }).click();
  await expect(page.getByTestId('archive-totals')).toContainText(`${TOTAL} entries`, { timeout: 30_000 });

  await page.getByRole('button', { name: 'Extract all…' }).click();
  // Entries counted as they are written; while it runs only Cancel is offered (read in one go, then Cancel at once).
  await expect(page.getByTestId('extract-count')).toContainText(new RegExp(`Extracting [1-9][\\d,]* of ${TOTAL} entries…`));
  const whileRunning = await page.evaluate(() => ({
    bar: document.querySelector('[role="progressbar"][aria-label="Extraction progress"]') !== null,
    disabled: [...document.querySelectorAll<HTMLButtonElement>('button')].filter((button) => /^(Verify|Extract all…|Open zip…)$/.test(button.textContent?.trim() ?? '')).map((button) => button.disabled),
  }));
  await page.getByRole('button', { name: 'Cancel extraction' }).click();
  expect(whileRunning).toEqual({ bar: true, disabled: [true, true, true] });

  const report = page.getByTestId('extract-report');
  await expect(report).toContainText(new RegExp(`Cancelled after [\\d,]+ of ${TOTAL} entries;\\s+these were written into`));
  await expect(report).toBeFocused();
  const done = Number(/Cancelled after ([\d,]+)/.exec((await report.textContent()) ?? '')![1]!.replace(/,/g, ''));
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThan(SMALL + 8);
  // On disk exactly the entries done, each one whole (a cut large file would have been removed).
  const destination = join(folder, 'many');
  const files = readdirSync(destination, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  expect(files).toHaveLength(done);
  const listed = await page.getByTestId('written').locator('code').allTextContents();
  expect(listed.length).toBe(Math.min(done, 100));
  for (const name of listed) expect(files.some((file) => join(file.parentPath, file.name) === join(destination, name))).toBe(true);
  await expect(page.getByRole('button', { name: 'Extract all…' })).toBeEnabled();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
