import { expect, test } from './electron-app';

test('the window is isolated, sandboxed and without Node, at the app:// origin', async ({ appWindow }) => {
  await expect(appWindow).toHaveTitle('Export Manager');
  expect(appWindow.url()).toBe('app://export-manager/index.html');
  const inPage = await appWindow.evaluate(async () => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    module: typeof (window as unknown as { module?: unknown }).module,
    // Only named functions per feature, never a generic invoke or ipcRenderer.
    exposed: Object.entries(window.exportManager).map(([key, value]) => [key, typeof value]),
    csp: (await fetch(location.href)).headers.get('content-security-policy'),
  }));
  expect(inPage.require).toBe('undefined');
  expect(inPage.process).toBe('undefined');
  expect(inPage.module).toBe('undefined');
  expect(inPage.exposed.map(([key]) => key)).not.toContain('ipcRenderer');
  expect(inPage.exposed.filter(([, type]) => type !== 'object' && type !== 'function')).toEqual([]);
  expect(inPage.csp).toContain("default-src 'none'");
  expect(inPage.csp).toContain("script-src 'self'");
});

test('the API answers the app window with the data folder it was given', async ({ appWindow, userData }) => {
  const info = await appWindow.evaluate(() => window.exportManager.app.info());
  expect(info).toMatchObject({ ok: true, value: { name: 'Export Manager', dataDir: userData } });
});

test('navigation away, new windows and permission requests are refused', async ({ appWindow }) => {
  const before = appWindow.url();
  await appWindow.evaluate(() => {
    location.href = 'https://example.invalid/';
  });
  await appWindow.waitForTimeout(300);
  expect(appWindow.url()).toBe(before);
  expect(await appWindow.evaluate(() => window.open('https://example.invalid/') === null)).toBe(true);
  const geolocation = await appWindow.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' })).state);
  expect(geolocation).toBe('denied');
});

test('the application menu has the standard menus', async ({ app }) => {
  const menus = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.role ?? item.label) ?? []);
  const expected = ['filemenu', 'editmenu', 'exports', 'viewmenu', 'windowmenu', 'help'];
  expect(menus.map((role) => role.toLowerCase())).toEqual(process.platform === 'darwin' ? ['appmenu', ...expected] : expected);
});
