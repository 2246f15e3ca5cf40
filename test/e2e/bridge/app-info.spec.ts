import { expect, screenshotThemes, test } from '../fixtures';

test('window.exportManager exposes one function per method and no Node', async ({ page }) => {
  const shape = await page.evaluate(() => ({
    appInfo: typeof window.exportManager.app.info,
    on: typeof window.exportManager.on,
    frozen: Object.isFrozen(window.exportManager),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(shape).toEqual({ appInfo: 'function', on: 'function', frozen: true, require: 'undefined', process: 'undefined' });
});

test('app.info travels through the bridge to the real core', async ({ page, bridge }) => {
  const result = await page.evaluate(() => window.exportManager.app.info());
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.value.name).toBe('Export Manager');
  expect(result.value.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(result.value.platform).toBe(process.platform);
  const direct = await bridge.core.api['app.info'](undefined);
  expect(result).toEqual(direct);
});

test('a bad payload comes back as a validation error, not a crash', async ({ page }) => {
  const result = await page.evaluate(() =>
    (window.exportManager.app.info as (payload: unknown) => ReturnType<typeof window.exportManager.app.info>)({ bogus: 1 }),
  );
  expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
});

test('the Settings screen shows the version and platform', async ({ page }) => {
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('app-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(page.getByTestId('app-platform')).toHaveText(/Linux|Windows|macOS/);
  await screenshotThemes(page, 'settings');
});
