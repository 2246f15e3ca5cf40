import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../../main/electron/menu-template';

const names = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role ?? item.label);
const entries = (item: MenuItemConstructorOptions | undefined) => item?.submenu as MenuItemConstructorOptions[];
const byName = (items: MenuItemConstructorOptions[], name: string) => items.find((item) => (item.role ?? item.label) === name);
const click = (item: MenuItemConstructorOptions) => item.click?.(undefined as never, undefined, undefined as never);

describe('menuTemplate', () => {
  const actions = () => ({ openHelp: vi.fn(), command: vi.fn() });

  it('has the macOS app menu first on macOS only, then the standard menus and the app’s own', () => {
    const expected = ['fileMenu', 'editMenu', 'Exports', 'viewMenu', 'windowMenu', 'help'];
    expect(names(menuTemplate('darwin', { isPackaged: true, actions: actions() }))).toEqual(['appMenu', ...expected]);
    for (const platform of ['win32', 'linux'] as const) {
      expect(names(menuTemplate(platform, { isPackaged: true, actions: actions() }))).toEqual(expected);
    }
  });

  it('offers reload and zoom in View, developer tools only in an unpackaged build', () => {
    const view = (isPackaged: boolean) => entries(byName(menuTemplate('linux', { isPackaged, actions: actions() }), 'viewMenu')).map((item) => item.role ?? item.type);
    expect(view(true)).toEqual(['reload', 'forceReload', 'separator', 'resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
    expect(view(false)).toContain('toggleDevTools');
  });

  it('sends the window its commands with their shortcuts; Delete is shown but left to text fields', () => {
    const act = actions();
    const menu = menuTemplate('linux', { isPackaged: true, actions: act });
    const items = [...entries(byName(menu, 'fileMenu')), ...entries(byName(menu, 'Exports'))].filter((item) => item.click);
    expect(items.map((item) => [item.label, item.accelerator])).toEqual([
      ['Open Zip…', 'CmdOrCtrl+O'],
      ['Settings', 'CmdOrCtrl+,'],
      ['Filter', 'CmdOrCtrl+F'],
      ['Download Zip', 'CmdOrCtrl+Enter'],
      ['Remove Selected', 'Delete'],
    ]);
    items.forEach(click);
    expect(act.command.mock.calls.map(([command]) => command)).toEqual(['open-zip', 'settings', 'filter', 'download', 'remove-selected']);
    expect(items.find((item) => item.label === 'Remove Selected')?.registerAccelerator).toBe(false);
    const help = entries(byName(menu, 'help'));
    expect(help.map((item) => item.label)).toEqual(['Keyboard Shortcuts', 'Export Manager Help']);
    click(help[0]!);
    expect(act.command).toHaveBeenLastCalledWith('shortcuts');
  });

  it('keeps Settings in the app menu on macOS and Quit in File elsewhere', () => {
    const mac = menuTemplate('darwin', { isPackaged: true, actions: actions() });
    expect(entries(byName(mac, 'Exports')).find((item) => item.label === 'Remove Selected')?.accelerator).toBeUndefined();
    expect(entries(byName(mac, 'appMenu')).map((item) => item.label ?? item.role)).toContain('Settings…');
    expect(entries(byName(mac, 'fileMenu')).map((item) => item.role)).toContain('close');
    expect(entries(byName(menuTemplate('win32', { isPackaged: true, actions: actions() }), 'fileMenu')).map((item) => item.role)).toContain('quit');
  });

  it('opens the documentation from Help', () => {
    const act = actions();
    const help = entries(menuTemplate('win32', { isPackaged: true, actions: act }).at(-1));
    click(help.find((item) => item.label === 'Export Manager Help')!);
    expect(act.openHelp).toHaveBeenCalledOnce();
  });
});
