import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Notification, shell } from 'electron';
import { fail } from '../core/app-error';
import type { Dialogs, DesktopShell, Notifier, Paths } from '../core/ports';
import { isWebUrl } from './web-url';

/** Where the app keeps its state: Electron's userData folder and the OS temp folder. */
export function electronPaths(): Paths {
  const paths = {
    dataDir: app.getPath('userData'),
    tempDir: join(app.getPath('temp'), 'export-manager'),
    downloadsDir: app.getPath('downloads'),
  };
  mkdirSync(paths.dataDir, { recursive: true });
  mkdirSync(paths.tempDir, { recursive: true });
  return paths;
}

/** Native dialogs, attached to the focused window so they are modal to it. */
export function electronDialogs(): Dialogs {
  const parent = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  return {
    async saveAs({ title, defaultPath, filters }) {
      const window = parent();
      const options = { title, defaultPath, filters };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async openFiles({ title, filters, multiple }) {
      const window = parent();
      const properties: Array<'openFile' | 'multiSelections'> = multiple ? ['openFile', 'multiSelections'] : ['openFile'];
      const options = { title, filters, properties };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
    },
    async chooseFolder({ title, defaultPath }) {
      const window = parent();
      const properties: Array<'openDirectory' | 'createDirectory'> = ['openDirectory', 'createDirectory'];
      const options = { title, defaultPath, properties };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled || !result.filePaths[0] ? null : result.filePaths[0];
    },
  };
}

/** System notifications and taskbar/dock progress on every window. */
export function electronNotifier(): Notifier {
  return {
    notify({ title, body }) {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    progress(fraction) {
      for (const window of BrowserWindow.getAllWindows()) window.setProgressBar(fraction ?? -1);
    },
  };
}

/** The file manager, default apps and the browser; only http(s) URLs are ever opened. */
export function electronShell(): DesktopShell {
  return {
    showInFolder: (path) => shell.showItemInFolder(path),
    async openPath(path) {
      const problem = await shell.openPath(path);
      if (problem) fail('disk', `The file could not be opened: ${problem}`);
    },
    async openExternal(url) {
      if (!isWebUrl(url)) fail('validation', 'Only http and https links can be opened in the browser.');
      await shell.openExternal(url);
    },
  };
}
