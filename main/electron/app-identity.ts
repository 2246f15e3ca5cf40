/** How the operating system knows the app: pure, so it is tested without Electron. */

/**
 * The app's id: electron-builder's `appId` (the Windows AppUserModelID of the installed
 * shortcut, the macOS bundle id). Kept equal to electron-builder.yml by a test.
 */
export const APP_ID = 'app.exportmanager.desktop';

/**
 * The AppUserModelID to set, on Windows only (null elsewhere): it ties notifications and
 * taskbar grouping to the installed shortcut. An unpackaged run has no such shortcut; Electron's
 * notifications guide says to use the executable's path there.
 */
export function appUserModelId(platform: NodeJS.Platform, isPackaged: boolean, execPath: string): string | null {
  if (platform !== 'win32') return null;
  return isPackaged ? APP_ID : execPath;
}

/**
 * Whether the app should claim the `export-manager://` scheme with the OS at start. On macOS
 * and Linux a packaged app does (besides the bundle's Info.plist and the deb's desktop entry;
 * an AppImage has no installer). On Windows the installer registers it and its uninstaller
 * removes it (build/installer.nsh): a claim at run time would outlive the uninstall. A checkout
 * never does: it would point the developer's system at a checkout, with whatever flags this run
 * was started with; a deep link is tried there by passing it as an argument (`npm start -- URL`).
 */
export function claimsProtocolAtStart(platform: NodeJS.Platform, isPackaged: boolean): boolean {
  return isPackaged && platform !== 'win32';
}
