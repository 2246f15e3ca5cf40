/**
 * What `import … from 'electron'` gives main under the double: the main-process modules main
 * uses, each a recorded, strict view (see recorded.ts). A name not exported here fails at link
 * time ("does not provide an export named …"), so a new use of Electron is noticed at once.
 */
import { world } from './world';

/** Electron's `app`. */
export const app = world.views.app;
/** Electron's `BrowserWindow` class. */
export const BrowserWindow = world.views.BrowserWindow;
/** Electron's `protocol`. */
export const protocol = world.views.protocol;
/** Electron's `ipcMain`. */
export const ipcMain = world.views.ipcMain;
/** Electron's `session`. */
export const session = world.views.session;
/** Electron's `screen`. */
export const screen = world.views.screen;
/** Electron's `Menu`. */
export const Menu = world.views.Menu;
/** Electron's `shell`. */
export const shell = world.views.shell;
/** Electron's `dialog`. */
export const dialog = world.views.dialog;
/** Electron's `Notification` class. */
export const Notification = world.views.Notification;
/** Electron's `safeStorage`. */
export const safeStorage = world.views.safeStorage;
