import { spawn } from 'node:child_process';
import { binary, expect, launchApp, launchArgs, test } from './electron-app';

test('a second instance hands its deep link to the running window, which asks before adding', async ({ appWindow, userData }) => {
  await expect(appWindow.getByTestId('tracked-row').first()).toBeVisible();
  const link = `export-manager://track?url=${encodeURIComponent('https://cdn.example.com/from-second-instance.png')}`;
  const second = spawn(binary!, launchArgs(link), { env: { ...process.env, EXPORT_MANAGER_USER_DATA: userData }, stdio: 'ignore' });
  // The second instance finds the lock taken, passes its arguments on and quits.
  const exitCode = await new Promise<number | null>((resolve) => second.on('exit', resolve));
  expect(exitCode).toBe(0);

  const dialog = appWindow.getByTestId('deep-link-dialog');
  await expect(dialog.getByRole('heading', { name: 'Track this export?' })).toBeVisible();
  await expect(dialog).toContainText('from-second-instance.png');
  await dialog.getByRole('button', { name: 'Add export' }).click();
  await expect(appWindow.getByTestId('add-report')).toContainText('1 added');
});

test('the window opens where it was closed', async ({ userData }) => {
  const first = await launchApp(userData);
  await first.firstWindow();
  await first.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.setBounds({ x: 40, y: 50, width: 900, height: 640 }));
  await first.close();

  const again = await launchApp(userData);
  try {
    await again.firstWindow();
    const bounds = await again.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getBounds());
    expect({ width: bounds.width, height: bounds.height }).toEqual({ width: 900, height: 640 });
  } finally {
    await again.close();
  }
});
