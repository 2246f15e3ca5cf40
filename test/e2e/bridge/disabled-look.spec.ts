import { expect, test } from '../fixtures';

/** The colours a button is drawn with. */
function colours(button: import('@playwright/test').Locator): Promise<{ background: string; color: string }> {
  return button.evaluate((element) => {
    const style = getComputedStyle(element);
    return { background: style.backgroundColor, color: style.color };
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`a disabled primary button does not look like a live one (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const add = page.getByRole('button', { name: 'Add', exact: true });
    await expect(add).toBeDisabled();
    const live = page.getByRole('button', { name: /^Download zip/ });
    await expect(live).toBeEnabled();
    const disabled = await colours(add);
    const enabled = await colours(live);
    expect(disabled.background).not.toBe(enabled.background);
    expect(disabled.color).not.toBe(enabled.color);
    // Its text is muted, not the text of a live plain button, and it is not merely faded accent.
    const plain = await colours(page.getByRole('button', { name: 'Check first' }));
    expect(disabled.color).not.toBe(plain.color);
    expect(await add.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
  });
}
