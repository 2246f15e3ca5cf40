import { expect, test } from '../fixtures';

test('the add report cuts a 3,000-character invalid URL in the middle to one line, whole on hover', async ({ page }) => {
  const url = `https://cdn.example.com/${'a'.repeat(3_000)}/end-of-it.pdf`;
  await page.getByLabel('Add exports').fill(url);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const line = page.getByTestId('add-report').getByRole('listitem').first();
  await expect(line).toContainText('longer than');
  await expect(line.locator('bdi').first()).toHaveAttribute('title', url);
  const box = (await line.boundingBox())!;
  // One line of text, not a wall of a's.
  expect(box.height).toBeLessThan(40);
  // The end of the URL, and the reason after it, are in sight within the report.
  const report = (await page.getByTestId('add-report').boundingBox())!;
  await expect(line).toContainText('end-of-it.pdf');
  const ends = await line.evaluate((li) => {
    const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
    let last: Text | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.textContent?.includes('end-of-it.pdf')) last = node as Text;
    const range = document.createRange();
    range.selectNodeContents(last!);
    return range.getBoundingClientRect().right;
  });
  expect(ends).toBeLessThanOrEqual(report.x + report.width);
});
