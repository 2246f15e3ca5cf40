import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../../main/electron/menu-template';

const roles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role ?? item.label);
const submenuRoles = (item: MenuItemConstructorOptions | undefined) =>
  (item?.submenu as MenuItemConstructorOptions[]).map((entry) => entry.role ?? entry.type ?? entry.label);

describe('menuTemplate', () => {
  const actions = { openHelp: vi.fn() };

  it('has the macOS app menu first on macOS only, then the standard menus', () => {
    expect(roles(menuTemplate('darwin', { isPackaged: true, actions }))).toEqual(['appMenu', 'fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    for (const platform of ['win32', 'linux'] as const) {
      expect(roles(menuTemplate(platform, { isPackaged: true, actions }))).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    }
  });

  it('offers reload and zoom in View, developer tools only in an unpackaged build', () => {
    const packaged = submenuRoles(menuTemplate('linux', { isPackaged: true, actions })[2]);
    expect(packaged).toEqual(['reload', 'forceReload', 'separator', 'resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
    expect(submenuRoles(menuTemplate('linux', { isPackaged: false, actions })[2])).toContain('toggleDevTools');
  });

  it('opens the documentation from Help', () => {
    const help = menuTemplate('win32', { isPackaged: true, actions }).at(-1)!;
    const item = (help.submenu as MenuItemConstructorOptions[])[0]!;
    expect(item.label).toBe('Export Manager Help');
    item.click?.(undefined as never, undefined, undefined as never);
    expect(actions.openHelp).toHaveBeenCalledOnce();
  });
});
