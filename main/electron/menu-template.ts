import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu as data: pure (Electron is imported for types only), so it is tested
 * without Electron. Standard roles give each OS its own items and accelerators: the macOS app
 * menu, Edit (which is what makes copy and paste work in text fields on macOS), View with
 * reload and zoom, Window, and Help with the documentation.
 */

/** What the menu's own items do. */
export interface MenuActions {
  /** Opens the user documentation. */
  openHelp(): void;
}

/** The menu for `platform`; developer tools only in an unpackaged build. */
export function menuTemplate(platform: NodeJS.Platform, options: { isPackaged: boolean; actions: MenuActions }): MenuItemConstructorOptions[] {
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
    submenu: [{ label: 'Export Manager Help', click: () => options.actions.openHelp() }],
  };
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ];
}
