import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/api/app';

/**
 * The application menu as data: pure (Electron is imported for types only), so it is tested
 * without Electron. Standard roles give each OS its own items and accelerators: the macOS app
 * menu, Edit (which is what makes copy and paste work in text fields on macOS), View with
 * reload and zoom, Window, and Help with the documentation. The app's own commands carry the
 * same shortcuts as the window's keyboard handling, which they trigger.
 */

/** What the menu's own items do. */
export interface MenuActions {
  /** Opens the user documentation. */
  openHelp(): void;
  /** Asks the window to run one of its commands. */
  command(command: AppCommand): void;
}

/** The menu for `platform`; developer tools only in an unpackaged build. */
export function menuTemplate(platform: NodeJS.Platform, options: { isPackaged: boolean; actions: MenuActions }): MenuItemConstructorOptions[] {
  const { actions } = options;
  const mac = platform === 'darwin';
  const run = (command: AppCommand) => () => actions.command(command);
  const settings: MenuItemConstructorOptions = { label: mac ? 'Settings…' : 'Settings', accelerator: 'CmdOrCtrl+,', click: run('settings') };
  const appMenu: MenuItemConstructorOptions = {
    role: 'appMenu',
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      settings,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const file: MenuItemConstructorOptions = {
    role: 'fileMenu',
    submenu: [
      { label: 'Open Zip…', accelerator: 'CmdOrCtrl+O', click: run('open-zip') },
      { type: 'separator' },
      ...(mac ? [] : [settings, { type: 'separator' } as const]),
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const exportsMenu: MenuItemConstructorOptions = {
    label: 'Exports',
    submenu: [
      { label: 'Filter', accelerator: 'CmdOrCtrl+F', click: run('filter') },
      { label: 'Download Zip', accelerator: 'CmdOrCtrl+Enter', click: run('download') },
      // Shown, not registered: Delete must keep deleting text in fields; the window handles it on the
      // table. macOS registers every accelerator it shows, so there the item names no key.
      { label: 'Remove Selected', ...(mac ? {} : { accelerator: 'Delete', registerAccelerator: false }), click: run('remove-selected') },
    ],
  };
  const view: MenuItemConstructorOptions = {
    role: 'viewMenu',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      ...(options.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      // `?` in the window; a menu accelerator would take the key from text fields.
      { label: 'Keyboard Shortcuts', click: run('shortcuts') },
      { label: 'Export Manager Help', click: () => actions.openHelp() },
    ],
  };
  return [...(mac ? [appMenu] : []), file, { role: 'editMenu' }, exportsMenu, view, { role: 'windowMenu' }, help];
}
