import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '../fixtures';
import { goTo, populate, SCREEN_NAMES } from '../screens';

test('every screen has no axe violations in light and dark themes', async ({ page }) => {
  test.setTimeout(120_000);
  await populate(page);
  const found: string[] = [];
  for (const name of SCREEN_NAMES) {
    await goTo(page, name);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const results = await new AxeBuilder({ page }).analyze();
      for (const violation of results.violations) {
        const targets = violation.nodes.slice(0, 3).map((node) => `${node.target.join(' ')} ${node.failureSummary ?? ''}`.replace(/\s+/g, ' '));
        found.push(`${name} (${colorScheme}): ${violation.id} — ${violation.help}\n    ${targets.join('\n    ')}`);
      }
    }
  }
  expect(found, found.join('\n')).toEqual([]);
});
