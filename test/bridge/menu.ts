import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from '../../main/electron/menu-template';
import type { MenuActions } from '../../main/electron/menu-template';

/** The names Electron gives the menus the template knows by their role alone. */
const ROLE_LABELS: Partial<Record<NonNullable<MenuItemConstructorOptions['role']>, string>> = {
  appMenu: 'Export Manager',
  fileMenu: 'File',
  editMenu: 'Edit',
  viewMenu: 'View',
  windowMenu: 'Window',
  help: 'Help',
};

function labelOf(item: MenuItemConstructorOptions): string | undefined {
  return item.label ?? (item.role ? ROLE_LABELS[item.role] : undefined);
}

/**
 * Chooses an item of the app's own menu, as a click in the native menu bar would: the page has
 * no menu bar, so this walks the same template main builds the menu from (`['Help', 'Keyboard
 * Shortcuts']`) and runs the item's click, whose actions send what main sends. False when
 * there is no such item, or it is one of Electron's roles, which the bridge cannot act out.
 */
export function chooseMenuItem(path: readonly string[], actions: MenuActions): boolean {
  let items: MenuItemConstructorOptions[] = menuTemplate(process.platform, { isPackaged: false, actions });
  for (const [depth, label] of path.entries()) {
    const item = items.find((candidate) => labelOf(candidate) === label);
    if (!item) return false;
    if (depth === path.length - 1) {
      if (!item.click) return false;
      // The app's items read none of the arguments Electron passes to a click.
      (item.click as () => void)();
      return true;
    }
    if (!Array.isArray(item.submenu)) return false;
    items = item.submenu;
  }
  return false;
}
