import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures';
import { SAMPLE_ZIP } from '../name-conflict';
import { startRefusingBackend } from '../refusing-backend';
import type { RefusingBackend } from '../refusing-backend';
import { goTo } from '../screens';
import { trackOneUnknown } from '../unknown-export';

/** Shows as "invoiceexe.pdf" where the override is obeyed: the disguise the window must not fall for. */
const DISGUISED = 'invoice\u202efdp.exe';
/** How the window (and the command line) shows it: the override as its escape, seen instead of obeyed. */
const SHOWN = 'invoice\\u202efdp.exe';
/** A profile name with the same override ("Acme exe.txt" where it is obeyed). */
const DISGUISED_PROFILE = 'Acme \u202etxt.exe';
const SHOWN_PROFILE = 'Acme \\u202etxt.exe';

/** The element's computed unicode-bidi: `isolate` keeps its direction from reordering the words around it. */
async function isolation(element: Locator): Promise<string> {
  return element.evaluate((node) => getComputedStyle(node).unicodeBidi);
}

/** Whether the page's visible text holds a raw override anywhere (it must be shown escaped everywhere). */
async function rawOverrideShown(page: import('@playwright/test').Page): Promise<boolean> {
  return page.evaluate(() => document.body.innerText.includes('\u202e'));
}

test.describe('text from outside a backend sent', () => {
  let backend: RefusingBackend;
  let baseUrl = '';
  test.beforeAll(async () => {
    // A backend that refuses every batch with its own message, which carries the override.
    backend = await startRefusingBackend(403, `No access to ${DISGUISED}`);
    baseUrl = backend.url;
  });
  test.afterAll(() => backend.close());

  test('a label, a refused URL, a profile name and a backend message are isolated and show the override escaped', async ({ page, bridge }) => {
    const created = await bridge.core.api['profiles.create']({ name: DISGUISED_PROFILE, baseUrl });
    if (!created.ok) throw new Error(created.error.message);
    const added = await bridge.core.api['tracked.add']({ profileId: created.value.id, text: `sourceFileUrl,label\nhttps://files.example/a.pdf,${DISGUISED}\n` });
    expect(added.ok && added.value.added).toBe(1);
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    // The profile picker names it escaped (an <option> holds no markup to isolate it in).
    await expect(page.getByLabel('Active profile').locator('option').filter({ hasText: 'Acme' })).toHaveText(SHOWN_PROFILE);
    await page.getByLabel('Active profile').selectOption({ label: SHOWN_PROFILE });

    // A tracked export's label.
    const label = page.getByTestId('tracked-row').locator('td.label bdi');
    await expect(label).toHaveText(SHOWN);
    expect(await isolation(label)).toBe('isolate');

    // A URL with the override is refused, and the add report shows it as written, escaped and isolated.
    await page.getByLabel('Add exports').fill(`https://files.example/${DISGUISED}`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const invalid = page.getByTestId('invalid-line');
    await expect(invalid).toContainText('contains an invisible or text-direction character (U+202E)');
    const value = invalid.locator('.value > bdi');
    await expect(value).toHaveAttribute('title', `https://files.example/${SHOWN}`);
    await expect(value).toHaveText(`https://files.example/${SHOWN}`);
    expect(await isolation(value)).toBe('isolate');
    expect(await rawOverrideShown(page)).toBe(false);

    // The backend's message on the failed card, the card's profile name and the label it covered.
    await page.getByRole('button', { name: /^Download zip/ }).click();
    const job = page.getByTestId('download-job').first();
    await expect(job.getByTestId('job-state')).toHaveText('Failed', { timeout: 30_000 });
    const said = job.locator('.banner .detail bdi');
    await expect(said).toHaveText(`No access to ${SHOWN}`);
    expect(await isolation(said)).toBe('isolate');
    await expect(job.locator('.banner .detail').first()).toHaveText(`The backend said: “No access to ${SHOWN}”`);
    const profileName = job.locator('header .muted bdi');
    await expect(profileName).toHaveText(SHOWN_PROFILE);
    expect(await isolation(profileName)).toBe('isolate');
    const covered = job.getByTestId('job-covered').locator('bdi');
    await expect(covered).toHaveText(SHOWN);
    expect(await isolation(covered)).toBe('isolate');
    expect(await rawOverrideShown(page)).toBe(false);

    // The profile's own card, and the question that names it.
    await goTo(page, 'Profiles');
    const card = page.locator(`[data-profile-id="${created.value.id}"]`);
    const heading = card.locator('h2 bdi');
    await expect(heading).toHaveText(SHOWN_PROFILE);
    expect(await isolation(heading)).toBe('isolate');
    await card.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('dialog', { name: `Delete the profile “${SHOWN_PROFILE}”?` })).toBeVisible();
    expect(await rawOverrideShown(page)).toBe(false);
    await page.keyboard.press('Escape');
  });
});

test('the extraction report’s path sits on the baseline of "Open folder", with no full stop against the button', async ({ page, bridge }) => {
  const folder = join(bridge.root, 'extracted');
  await page.request.post(new URL('__bridge/test/dialogs', bridge.url).href, { data: { chooseFolder: [folder] } });
  await page.getByLabel('Filter exports').fill('readme');
  await expect(page.getByTestId('tracked-row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Download zip', exact: true }).click();
  const zip = page.getByTestId('download-job').first();
  await expect(zip.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await zip.getByRole('button', { name: 'Inspect' }).click();
  await page.getByRole('button', { name: 'Extract all…' }).click();
  const report = page.getByTestId('extract-report');
  await expect(report).toContainText('Extracted 1 entry');

  const sentence = report.locator('.summary p');
  const path = sentence.locator('.where');
  const button = report.getByRole('button', { name: 'Open folder' });
  // Shown as written: a space where the path is cut into parts (boxes side by side) is kept, not dropped at a box's edge.
  expect((await path.locator('.middle > span').allInnerTexts()).join('')).toBe(join(folder, SAMPLE_ZIP.replace(/\.zip$/, '')));
  // The sentence ends with the path itself: no "." after it to sit against the button.
  const text = (await sentence.innerText()).trim();
  expect(text.startsWith('Extracted 1 entry into ')).toBe(true);
  expect(text.endsWith((await path.innerText()).trim())).toBe(true);
  expect(text).not.toMatch(/\.\s*$/);

  // Where a text's baseline is: the top of its first line box plus its font's ascent (a probe box
  // put inside would not do: the button is a flex box, which lines its children up by their centres).
  const baseline = (element: Locator) =>
    element.evaluate((node) => {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT, { acceptNode: (text) => (text.textContent!.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP) });
      const text = walker.nextNode() as Text;
      const range = document.createRange();
      range.selectNodeContents(text);
      const box = range.getClientRects()[0]!;
      const style = getComputedStyle(text.parentElement!);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return box.top + context.measureText(text.textContent!).fontBoundingBoxAscent;
    });
  const pathBaseline = await baseline(path);
  const buttonBaseline = await baseline(button);
  expect(Math.abs(pathBaseline - buttonBaseline), `path baseline ${pathBaseline}, button baseline ${buttonBaseline}`).toBeLessThanOrEqual(2);
});

test('a skipped export reads "name — reason", with a space either side of the dash, in the check and in the zip’s explanation', async ({ page, bridge }) => {
  const gone = `${bridge.core.sampleBackendUrl!}/sample-exports/export-1.json.gone`;
  await trackOneUnknown(page, bridge.core.sampleBackendUrl!);
  await page.getByRole('button', { name: 'Check first' }).click();
  const check = page.getByTestId('check-result');
  await expect(check).toContainText('1 export skipped', { timeout: 30_000 });
  // textContent, not the normalized text: a dash glued to the name is exactly what is checked.
  const item = check.locator('ul.skipped li');
  expect(await item.evaluate((node) => node.textContent)).toBe(`${gone} — Export not found`);
  await check.getByRole('button', { name: 'Close the check' }).click();

  await page.getByRole('button', { name: 'Download zip', exact: true }).click();
  const job = page.getByTestId('download-job').first();
  await expect(job.getByTestId('job-state')).toHaveText('Done', { timeout: 30_000 });
  await job.getByRole('button', { name: 'Show which and why' }).click();
  const explained = job.getByTestId('skipped-explanation').getByRole('listitem');
  await expect(explained).toHaveCount(1, { timeout: 30_000 });
  expect(await explained.evaluate((node) => node.textContent)).toBe(`${gone} — Export not found`);
});
